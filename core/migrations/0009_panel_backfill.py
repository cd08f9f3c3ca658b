from django.db import migrations

from core.migration_support import panel_backfill, roles_from_groups


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_panels"),
    ]

    operations = [
        panel_backfill("core"),
        migrations.RunPython(roles_from_groups, migrations.RunPython.noop),
    ]
