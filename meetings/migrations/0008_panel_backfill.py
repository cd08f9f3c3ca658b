from django.db import migrations

from core.migration_support import panel_backfill


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_panels"),
        ("core", "0009_panel_backfill"),
    ]

    operations = [
        panel_backfill("meetings"),
    ]
