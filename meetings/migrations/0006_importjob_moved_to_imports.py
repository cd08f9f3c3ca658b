"""ImportJob (and its history) now belong to the imports app (imports 0001): they leave this app's
migration state only. Their tables, `meetings_importjob` and `meetings_historicalimportjob`,
and every row in them stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_board_sections_moved"),
        ("imports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="HistoricalImportJob"),
                migrations.DeleteModel(name="ImportJob"),
            ],
        ),
    ]
