"""The board's sections (overview, Force update, PCC response, redaction) leave AgendaItem:
governance 0001 has copied them, with their history, to governance.BoardItem first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_import_job"),
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="agendaitem",
            name="force_update",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="overview",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="pcc_response",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="redacted",
        ),
        migrations.RemoveField(
            model_name="agendaitem",
            name="redaction_reason",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="force_update",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="overview",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="pcc_response",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="redacted",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="redaction_reason",
        ),
    ]
