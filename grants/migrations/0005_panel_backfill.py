from django.db import migrations

from core.migration_support import panel_backfill


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0004_panels"),
        ("core", "0009_panel_backfill"),
    ]

    operations = [
        panel_backfill("grants"),
    ]
