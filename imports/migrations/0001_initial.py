"""ImportJob (and its history) move here from the meetings app. Only the migration state moves:
the rows stay in the tables meetings 0004 created (`meetings_importjob`,
`meetings_historicalimportjob`), which the models name in `db_table`. meetings 0006 then drops
the models from its own state."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("meetings", "0004_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalImportJob",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(blank=True, db_index=True, editable=False),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(blank=True, db_index=True, editable=False),
                        ),
                        ("file", models.TextField(max_length=100)),
                        (
                            "filename",
                            models.CharField(
                                help_text="The name the file was uploaded with.", max_length=255
                            ),
                        ),
                        ("sha256", models.CharField(db_index=True, max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("parsing", "Reading the file"),
                                    ("parsed", "Ready for review"),
                                    ("committed", "Imported"),
                                    ("failed", "Failed"),
                                    ("rejected", "Rejected"),
                                ],
                                default="queued",
                                max_length=12,
                            ),
                        ),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(
                                default=0, help_text="Per cent, 0 to 100."
                            ),
                        ),
                        ("error", models.TextField(blank=True)),
                        ("committed_at", models.DateTimeField(blank=True, null=True)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "body",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="meetings.body",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="meetings.meeting",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical import job",
                        "verbose_name_plural": "historical import jobs",
                        "db_table": "meetings_historicalimportjob",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="ImportJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                        ("file", models.FileField(upload_to="imports/%Y/%m/")),
                        (
                            "filename",
                            models.CharField(
                                help_text="The name the file was uploaded with.", max_length=255
                            ),
                        ),
                        ("sha256", models.CharField(db_index=True, max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("parsing", "Reading the file"),
                                    ("parsed", "Ready for review"),
                                    ("committed", "Imported"),
                                    ("failed", "Failed"),
                                    ("rejected", "Rejected"),
                                ],
                                default="queued",
                                max_length=12,
                            ),
                        ),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(
                                default=0, help_text="Per cent, 0 to 100."
                            ),
                        ),
                        ("error", models.TextField(blank=True)),
                        ("result", models.JSONField(blank=True, default=dict)),
                        ("committed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "body",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="import_jobs",
                                to="meetings.body",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="import_jobs",
                                to="meetings.meeting",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "meetings_importjob",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["status", "created_at"], name="import_job_status_idx"
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("progress__lte", 100)),
                                name="import_job_progress_max",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("status", "committed"), _negated=True),
                                    ("meeting__isnull", False),
                                    _connector="OR",
                                ),
                                name="import_job_committed_has_meeting",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("status", "committed")),
                                fields=("sha256",),
                                name="import_job_committed_once",
                                violation_error_message="This file has already been imported.",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
