"""BoardItem, and the board's sections moved to it from the agenda items that had any set.

The copy keeps each item's field history too: every historical row of such an agenda item
becomes a historical row of its board item, with the same date, author and kind of change.
meetings 0005 then removes the columns from AgendaItem. Reversible: going back copies the
values (and their history) onto the agenda items again.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

SECTIONS = ("overview", "force_update", "pcc_response", "redacted", "redaction_reason")
HAS_SECTIONS = (
    Q(redacted=True)
    | ~Q(overview="")
    | ~Q(force_update="")
    | ~Q(pcc_response="")
    | ~Q(redaction_reason="")
)
HISTORY = ("history_date", "history_type", "history_user_id", "history_change_reason")


def sections_to_board_items(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    HistoricalAgendaItem = apps.get_model("meetings", "HistoricalAgendaItem")
    BoardItem = apps.get_model("governance", "BoardItem")
    HistoricalBoardItem = apps.get_model("governance", "HistoricalBoardItem")
    for item in AgendaItem.objects.filter(HAS_SECTIONS).order_by("pk").iterator():
        board = BoardItem.objects.create(
            agenda_item_id=item.pk, **{name: getattr(item, name) for name in SECTIONS}
        )
        # auto_now fields are set on save: put the agenda item's own dates back.
        BoardItem.objects.filter(pk=board.pk).update(
            created_at=item.created_at, updated_at=item.updated_at
        )
        HistoricalBoardItem.objects.bulk_create(
            HistoricalBoardItem(
                id=board.pk,
                agenda_item_id=item.pk,
                created_at=row.created_at,
                updated_at=row.updated_at,
                **{name: getattr(row, name) for name in SECTIONS + HISTORY},
            )
            for row in HistoricalAgendaItem.objects.filter(id=item.pk).order_by("history_id")
        )


def sections_to_agenda_items(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    HistoricalAgendaItem = apps.get_model("meetings", "HistoricalAgendaItem")
    BoardItem = apps.get_model("governance", "BoardItem")
    HistoricalBoardItem = apps.get_model("governance", "HistoricalBoardItem")
    for board in BoardItem.objects.order_by("pk").iterator():
        AgendaItem.objects.filter(pk=board.agenda_item_id).update(
            **{name: getattr(board, name) for name in SECTIONS}
        )
    for row in HistoricalBoardItem.objects.order_by("history_id").iterator():
        HistoricalAgendaItem.objects.filter(
            id=row.agenda_item_id, history_date=row.history_date
        ).update(**{name: getattr(row, name) for name in SECTIONS})


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("meetings", "0004_import_job"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BoardItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("overview", models.TextField(blank=True)),
                ("force_update", models.TextField(blank=True)),
                ("pcc_response", models.TextField(blank=True)),
                ("redacted", models.BooleanField(default=False)),
                ("redaction_reason", models.CharField(blank=True, max_length=255)),
                (
                    "agenda_item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="board_item",
                        to="meetings.agendaitem",
                    ),
                ),
            ],
            options={
                "ordering": ["agenda_item"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalBoardItem",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("overview", models.TextField(blank=True)),
                ("force_update", models.TextField(blank=True)),
                ("pcc_response", models.TextField(blank=True)),
                ("redacted", models.BooleanField(default=False)),
                ("redaction_reason", models.CharField(blank=True, max_length=255)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "agenda_item",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="meetings.agendaitem",
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
            ],
            options={
                "verbose_name": "historical board item",
                "verbose_name_plural": "historical board items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(sections_to_board_items, sections_to_agenda_items),
    ]
