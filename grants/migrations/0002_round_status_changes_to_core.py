"""A round's status changes move to core's StatusChange (core.lifecycle), one row for each.

RoundStatusChange rows had no reason, so the copies have none; the field is "status". Run
backwards, the core rows for rounds are copied back into RoundStatusChange.
"""

from django.db import migrations


def _round_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="grants", model="grantround")[0]


def to_core(apps, schema_editor):
    RoundStatusChange = apps.get_model("grants", "RoundStatusChange")
    StatusChange = apps.get_model("core", "StatusChange")
    content_type = _round_type(apps)
    StatusChange.objects.bulk_create(
        StatusChange(
            content_type=content_type,
            object_id=change.round_id,
            field="status",
            from_status=change.from_status,
            to_status=change.to_status,
            actor_id=change.actor_id,
            reason="",
            changed_at=change.changed_at,
        )
        for change in RoundStatusChange.objects.order_by("changed_at", "pk").iterator()
    )


def from_core(apps, schema_editor):
    RoundStatusChange = apps.get_model("grants", "RoundStatusChange")
    StatusChange = apps.get_model("core", "StatusChange")
    changes = StatusChange.objects.filter(content_type=_round_type(apps), field="status")
    RoundStatusChange.objects.bulk_create(
        RoundStatusChange(
            round_id=change.object_id,
            from_status=change.from_status,
            to_status=change.to_status,
            actor_id=change.actor_id,
            changed_at=change.changed_at,
        )
        for change in changes.order_by("changed_at", "pk").iterator()
    )
    changes.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_status_change_and_event_types"),
        ("grants", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_core, from_core)]
