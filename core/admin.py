"""Admin for core's records, the mixin that keeps every admin from deleting (and the base of
the admins with change history), and third-party admins re-registered with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db.models import Model
from django.http import HttpRequest
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from simple_history.admin import SimpleHistoryAdmin

from core.models import DomainEvent, OutboxMessage

if TYPE_CHECKING:
    # To the type checker the mixin is a ModelAdmin, whose methods `super()` reaches; at run time
    # it is a plain class, put first among a ModelAdmin's bases.
    _MixinBase = admin.ModelAdmin[Any]
else:
    _MixinBase = object

# What ModelAdmin.get_actions returns: name -> (function, name, description).
Actions = dict[str, tuple[Callable[..., str], str, str] | None]


class NoDeleteAdmin(_MixinBase):
    """For every ModelAdmin, first among its bases: nothing is deleted through the admin.

    Tracked records are withdrawn, people deactivated and schedules disabled; their history
    and the audit log name the rows, which must stay. Without the permission Django refuses
    the delete page (403) and the inlines' delete boxes; the bulk action goes by name too.
    """

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> Actions:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class HistoryAdmin(
    NoDeleteAdmin,
    SimpleHistoryAdmin,  # type: ignore[misc]  # simple-history ships no type hints: its admin is Any
):
    """The admin of a record with django-simple-history's change history: nothing deleted."""


def reregister_without_delete(*models: type[Model]) -> None:
    """Replace another app's admin for `models` by the same admin with NoDeleteAdmin first.

    Apps before core in INSTALLED_APPS have registered theirs by the time this runs.
    """
    for model in models:
        registered = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(registered.__name__, (NoDeleteAdmin, registered), {}))


# A person who acted is named in the audit log and in every record's history, so an account
# is deactivated (Active unticked), never deleted; a group is a role the permissions name.
# django-celery-beat's schedules run the reminders: a deleted one stops them without a trace,
# where a disabled one shows that it is off.
reregister_without_delete(
    User,
    Group,
    PeriodicTask,
    IntervalSchedule,
    CrontabSchedule,
    SolarSchedule,
    ClockedSchedule,
)


@admin.register(DomainEvent)
class DomainEventAdmin(NoDeleteAdmin, admin.ModelAdmin[DomainEvent]):
    list_display = ("occurred_at", "verb", "actor", "content_type", "object_id", "summary")
    list_filter = ("verb", "is_public")
    date_hierarchy = "occurred_at"
    list_select_related = ("actor", "content_type")

    # The audit log is append-only: services write it, nobody edits it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: DomainEvent | None = None) -> bool:
        return False


# Sign-in records from django-axes. Its AccessAttempt admin is left as axes made it: deleting an
# attempt is how an administrator unlocks a locked account. The logs of sign-ins and failures
# are an audit trail, so here they cannot be deleted (axes's own admin would allow it).
admin.site.unregister(AccessLog)
admin.site.unregister(AccessFailureLog)


@admin.register(AccessLog)
class SignInLogAdmin(
    NoDeleteAdmin,
    AccessLogAdmin,  # type: ignore[misc]  # axes ships no type hints: its admin is Any
):
    pass


@admin.register(AccessFailureLog)
class SignInFailureLogAdmin(
    NoDeleteAdmin,
    AccessFailureLogAdmin,  # type: ignore[misc]  # axes ships no type hints: its admin is Any
):
    pass


@admin.register(OutboxMessage)
class OutboxMessageAdmin(NoDeleteAdmin, admin.ModelAdmin[OutboxMessage]):
    """Background work queued by the services: what is pending, and why a send or run failed."""

    list_display = ("key", "task", "created_at", "dispatched_at", "attempts", "done_at")
    list_filter = (("done_at", admin.EmptyFieldListFilter), "task")
    search_fields = ("key",)

    # Rows are written by core.outbox; the sweep resends what is pending.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False
