"""Admin for core's records, the mixin that keeps every admin from deleting (and the base of
the admins with change history), and third-party admins re-registered with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from simple_history.admin import SimpleHistoryAdmin

from core.models import DomainEvent, OutboxMessage, Panel, PanelHost, PanelRole
from core.permissions import ROLES, is_national_administrator

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
    """The admin of a record with django-simple-history's change history: nothing deleted, and
    the history of the current panel's records only."""

    # simple-history shows the history of a record the admin's queryset does not hold (meant for
    # a deleted record), which would show another panel's record on this panel's site. Nothing
    # is deleted here, so a record outside the (panel-scoped) queryset is simply not found.
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        self._in_queryset_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        self._in_queryset_or_404(request, object_id)
        return super().history_form_view(  # type: ignore[no-any-return]
            request, object_id, version_id, extra_context
        )

    def _in_queryset_or_404(self, request: HttpRequest, object_id: str) -> None:
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404


def reregister_without_delete(*models: type[Model]) -> None:
    """Replace another app's admin for `models` by the same admin with NoDeleteAdmin first.

    Apps before core in INSTALLED_APPS have registered theirs by the time this runs.
    """
    for model in models:
        registered = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(model, type(registered.__name__, (NoDeleteAdmin, registered), {}))


# django-celery-beat's schedules run the reminders: a deleted one stops them without a trace,
# where a disabled one shows that it is off.
reregister_without_delete(
    PeriodicTask,
    IntervalSchedule,
    CrontabSchedule,
    SolarSchedule,
    ClockedSchedule,
)


# Roles are held per panel (PanelRole), no longer as groups: the groups admin is gone, and the
# groups' table stays only for the migrations that moved its members to panel roles.
admin.site.unregister(Group)


class PanelRoleForm(forms.ModelForm[PanelRole]):
    # A blank first choice, so that the inline's empty row adds nothing unless a role is chosen.
    role = forms.ChoiceField(choices=[("", "---------"), *((role, role) for role in ROLES)])

    class Meta:
        model = PanelRole
        fields = ("user", "role")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, role = cleaned.get("user"), cleaned.get("role")
        # The panel is not a field of the form (it is the current panel), so the database's
        # one-role-once constraint is checked here, where it can be reported.
        if user is not None and user.pk and role:
            held = PanelRole.objects.filter(user_id=user.pk, role=role)
            if held.exclude(pk=self.instance.pk).exists():
                raise ValidationError(f"{user} already holds the role {role} in this panel.")
        return cleaned


class PanelRoleFormSet(BaseInlineFormSet[PanelRole, User, forms.ModelForm[PanelRole]]):
    def clean(self) -> None:
        super().clean()
        roles = [
            form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("role") and not form.cleaned_data.get("DELETE")
        ]
        if len(roles) != len(set(roles)):
            raise ValidationError("Give each role once.")


class PanelRoleInline(admin.TabularInline[PanelRole, User]):
    """The user's roles in the panel whose site the admin is opened on: the default manager
    holds the current panel's rows only, and a role added here is held in that panel."""

    model = PanelRole
    form = PanelRoleForm
    formset = PanelRoleFormSet
    fields = ("role",)
    extra = 1
    verbose_name = "role in this panel"
    verbose_name_plural = "roles in this panel"


# A person who acted is named in the audit log and in every record's history, so an account
# is deactivated (Active unticked), never deleted. What they may do is their roles in each
# panel, shown for the current panel; superuser status makes them the national administrator.
admin.site.unregister(User)


@admin.register(User)
class PanelUserAdmin(NoDeleteAdmin, UserAdmin[User]):
    inlines = (PanelRoleInline,)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        (
            "Access",
            {
                "fields": ("is_active", "is_staff", "is_superuser"),
                "description": "Superuser status makes the user the national administrator, "
                "an Administrator in every panel.",
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    list_filter = ("is_staff", "is_superuser", "is_active")
    filter_horizontal = ()


# A role is a permission, not a record: revoking one deletes its row (tests/core/
# test_admin_no_delete.py lists it among the admins that may delete).
@admin.register(PanelRole)
class PanelRoleAdmin(admin.ModelAdmin[PanelRole]):
    """The roles held in the current panel (the panel of the site the admin is opened on)."""

    form = PanelRoleForm
    list_display = ("user", "role", "panel", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "panel")
    autocomplete_fields = ("user",)


class PanelHostInline(admin.TabularInline[PanelHost, Panel]):
    """The panel's host names; the first (lowest position) is its own site's address. A host
    is renamed or given another position, never removed here."""

    model = PanelHost
    fields = ("name", "position")
    extra = 1
    can_delete = False


@admin.register(Panel)
class PanelAdmin(NoDeleteAdmin, admin.ModelAdmin[Panel]):
    """Panels are set up and changed by the national administrator only."""

    inlines = (PanelHostInline,)
    list_display = ("name", "slug", "kind", "police_area", "host_authority", "is_default")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "police_area", "host_authority")
    prepopulated_fields = {"slug": ("short_name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "commissioner_title")}),
        ("Area", {"fields": ("police_area", "host_authority", "is_default")}),
        ("Contact", {"fields": ("contact_email", "contact_phone", "contact_url")}),
        ("Site", {"fields": ("header_colour", "accent_colour", "logo", "notice")}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_national_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Panel | None = None) -> bool:
        return is_national_administrator(request.user)


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
