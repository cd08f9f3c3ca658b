"""Migration helpers for row-level tenancy (used by each app's panel backfill migration)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

DEFAULT_PANEL = {
    "slug": "default",
    "name": "Police and Crime Panel",
    "short_name": "Police and Crime Panel",
    "police_area": "",
    "host_authority": "",
    "is_default": True,
}


def _default_panel(apps: Any) -> Any:
    Panel = apps.get_model("core", "Panel")
    return (
        Panel.objects.filter(is_default=True).first()
        or Panel.objects.order_by("pk").first()
        or Panel.objects.create(**DEFAULT_PANEL)
    )


def panel_backfill(app_label: str) -> migrations.RunPython:
    """Give every row of `app_label` that has no panel yet the default panel.

    A database from before panels holds one panel's records; they become the default panel's
    (created, as "Police and Crime Panel", only if there are rows to give it). Rename it in
    the admin afterwards.
    """

    def forwards(apps: Any, schema_editor: Any) -> None:
        owned = [
            model
            for model in apps.get_app_config(app_label).get_models()
            if any(field.name == "panel" for field in model._meta.fields)
        ]
        waiting = [model for model in owned if model._base_manager.filter(panel=None).exists()]
        if not waiting:
            return
        panel = _default_panel(apps)
        for model in waiting:
            model._base_manager.filter(panel=None).update(panel=panel)

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def roles_from_groups(apps: Any, schema_editor: Any) -> None:
    """Roles held as Django groups before panels become the default panel's roles."""
    Group = apps.get_model("auth", "Group")
    PanelRole = apps.get_model("core", "PanelRole")
    held = [(user.pk, group.name) for group in Group.objects.all() for user in group.user_set.all()]
    if not held:
        return
    panel = _default_panel(apps)
    for user_id, role in held:
        PanelRole.objects.get_or_create(panel=panel, user_id=user_id, role=role)
