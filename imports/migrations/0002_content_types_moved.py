"""The content types of the moved models follow them, so that every record pointing at an import
job by content type (its domain events and status changes, permissions) still finds it.

Where the content type has only the old app label (a database migrated before the move), it is
relabelled. Where both exist (the new one was created in the meantime), the records that point
at the old one are pointed at the new one; the old row is left as it is.
"""

from django.db import migrations

MODELS = ("importjob", "historicalimportjob")
# Models whose rows name a subject by content type (core.models).
POINTING = (("core", "DomainEvent"), ("core", "StatusChange"), ("core", "FormSubmission"))


def _move(apps, schema_editor, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        for app_label, name in POINTING:
            apps.get_model(app_label, name).objects.filter(content_type=old).update(
                content_type=new
            )


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "meetings", "imports")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "imports", "meetings")


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_status_change_and_event_types"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
