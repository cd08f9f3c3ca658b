"""The four roles are data the code relies on, so they exist in every database."""

from __future__ import annotations

from django.db import migrations

ROLES = ("Panel member", "OPCC officer", "Democratic services officer", "Administrator")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
