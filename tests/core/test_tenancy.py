"""Row-level tenancy holds by construction: every table is scoped to its panel or shared on
purpose, children sit in their parent's panel, querysets read the panel that runs them, and
uniqueness and list indexes are per panel.

The requests side (roles per panel, the host map, streamed bodies) is in test_tenancy_requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import IntegrityError, models, transaction

from core import tenancy
from core.tenancy import NoPanelActive, PanelOwned, PanelScopedManager, panel_scope
from imports.jobs import import_previous_meeting
from imports.models import ImportJob
from meetings.forms import MeetingForm
from meetings.models import AgendaItem, Body, Meeting
from scrutiny.models import TrackedItem
from tests.meetings.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from tests.scrutiny.factories import TrackedItemFactory

# Tables that belong to no panel, each decided on purpose. A model neither panel-owned nor
# listed here fails test_every_model_is_panel_scoped_or_shared_on_purpose until someone decides.
SHARED = {
    # Accounts: a person may hold roles in several panels (core.PanelRole says which).
    "auth.User": "a person may hold roles in several panels",
    "auth.User_groups": "the old role groups' members, kept for the migrations that moved them",
    "auth.User_user_permissions": "Django's per-user permissions; roles are per panel instead",
    "auth.Group": "the old role groups, kept for the migrations that moved them to panel roles",
    "auth.Group_permissions": "Django's per-group permissions, the same in every panel",
    "auth.Permission": "Django's model permissions, the same in every panel",
    "contenttypes.ContentType": "one row per model, the same in every panel",
    "sessions.Session": "a sign-in, keyed by its cookie, which is per host and so per panel",
    "admin.LogEntry": "the admin's own log of the national administrators' edits",
    # Sign-in: lockout and second factors belong to the person, whichever panel they sign in to.
    "axes.AccessAttempt": "sign-in lockout by username and address, before any role matters",
    "axes.AccessAttemptExpiration": "when an axes lockout ends",
    "axes.AccessLog": "the sign-in log, by username and address",
    "axes.AccessFailureLog": "the failed sign-in log, by username and address",
    "otp_totp.TOTPDevice": "a person's authenticator app, for every panel they work in",
    "otp_static.StaticDevice": "a person's recovery codes, for every panel they work in",
    "otp_static.StaticToken": "one recovery code of a StaticDevice",
    # Schedules: each job serves every panel in turn (core.panels.in_each_panel).
    "django_celery_beat.PeriodicTask": "a scheduled job, run once for every panel",
    "django_celery_beat.PeriodicTasks": "django-celery-beat's change marker for its schedules",
    "django_celery_beat.IntervalSchedule": "when a scheduled job runs",
    "django_celery_beat.CrontabSchedule": "when a scheduled job runs",
    "django_celery_beat.SolarSchedule": "when a scheduled job runs",
    "django_celery_beat.ClockedSchedule": "when a scheduled job runs",
    # The tenants, and infrastructure keyed by a random token or a key naming one record.
    "core.Panel": "the tenants themselves",
    "core.PanelHost": "the host map, read before any panel is chosen",
    "core.FormSubmission": "keyed by the form's random token; its subject is panel-owned",
    "core.OutboxMessage": "keyed by its work's key (a record's id); carries its panel, and the "
    "worker runs the task inside it",
    "opendata.OpenDataExport": "one panel's bulk download, or the national one (no panel); "
    "read by its panel column on purpose",
    # Auto-created tables between a scoped record and a shared one.
    "scrutiny.TrackedItem_followers": "who follows an item: reached only through the scoped item",
}
# simple-history's Historical* copies of a panel-owned model are shared too: reached only through
# their scoped record's history (record.history, the admin's history of a record it found), and
# each row keeps the record's `panel` column. See test_history_copies_keep_the_panel.


def history_of_panel_owned(model: type[models.Model]) -> bool:
    original = getattr(model, "instance_type", None)
    return isinstance(original, type) and issubclass(original, PanelOwned)


def panel_owned_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if issubclass(m, PanelOwned)]


@contextmanager
def no_panel() -> Iterator[None]:
    """Outside any panel, as a shell or a task sent with no panel would be."""
    token = tenancy._current.set(None)
    try:
        yield
    finally:
        tenancy._current.reset(token)


def test_every_model_is_panel_scoped_or_shared_on_purpose():
    undecided = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if not issubclass(model, PanelOwned)
        and model._meta.label not in SHARED
        and not history_of_panel_owned(model)
    ]
    assert not undecided, (
        f"scope these to a panel (core.tenancy.PanelOwned) or add them, with the reason, to "
        f"SHARED: {undecided}"
    )
    assert len(panel_owned_models()) > 30  # the walk saw the apps' models


def test_the_shared_list_names_only_real_unscoped_models():
    labels = {m._meta.label: m for m in apps.get_models(include_auto_created=True)}
    stale = [label for label in SHARED if label not in labels]
    scoped = [
        label for label in SHARED if label in labels and issubclass(labels[label], PanelOwned)
    ]
    assert not stale, f"SHARED names models that do not exist: {stale}"
    assert not scoped, f"SHARED names panel-owned models: {scoped}"


@pytest.mark.django_db
def test_every_panel_owned_model_is_scoped_and_refuses_to_run_outside_a_panel():
    unscoped, ran = [], []
    for model in panel_owned_models():
        if not isinstance(model._default_manager, PanelScopedManager):
            unscoped.append(model._meta.label)
        with no_panel():
            try:
                list(model.objects.all()[:1])
            except NoPanelActive:
                continue
        ran.append(model._meta.label)
    assert not unscoped, f"the default manager is not a PanelScopedManager: {unscoped}"
    assert not ran, f"objects ran with no panel active: {ran}"


def test_history_copies_keep_the_panel():
    copies = [m for m in apps.get_models() if history_of_panel_owned(m)]
    without = [m._meta.label for m in copies if "panel" not in {f.name for f in m._meta.fields}]
    assert copies and not without, f"history rows without their record's panel: {without}"


def test_each_panel_parent_is_a_foreign_key_to_a_panel_owned_model():
    wrong = []
    for model in panel_owned_models():
        if not model.panel_parent:
            continue
        field = model._meta.get_field(model.panel_parent)
        target = field.related_model if field.many_to_one or field.one_to_one else None
        if not (field.concrete and isinstance(target, type) and issubclass(target, PanelOwned)):
            wrong.append(f"{model._meta.label}.panel_parent = {model.panel_parent!r}")
    assert not wrong, "panel_parent must name a ForeignKey to a panel-owned model:\n" + "\n".join(
        wrong
    )


@pytest.mark.django_db
def test_a_child_takes_its_parents_panel_whatever_panel_is_active(panel, other_panel):
    with panel_scope(other_panel):
        body = BodyFactory()
    # LLR is active, the parents are Northshire's: the children are Northshire's.
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(meeting=meeting)
    assert (meeting.panel_id, item.panel_id) == (other_panel.pk, other_panel.pk)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()  # not in LLR
    with panel_scope(other_panel):
        assert AgendaItem.objects.get(pk=item.pk).meeting == meeting


# Built at import, outside any panel, as a form field's choices are.
MEETINGS_AT_IMPORT = Meeting.objects.order_by("date")


@pytest.mark.django_db
def test_a_queryset_built_at_import_reads_the_panel_that_runs_it(panel, other_panel):
    ours = MeetingFactory(title="An LLR meeting")
    with panel_scope(other_panel):
        theirs = MeetingFactory(title="A Northshire meeting")
    assert list(MEETINGS_AT_IMPORT.all()) == [ours]
    with panel_scope(other_panel):
        assert list(MEETINGS_AT_IMPORT.all()) == [theirs]
        choices = [label for _value, label in MeetingForm().fields["body"].choices]
        assert str(theirs.body) in choices and str(ours.body) not in choices
    with no_panel(), pytest.raises(NoPanelActive):
        list(MEETINGS_AT_IMPORT.all())


@pytest.mark.django_db
def test_slugs_and_references_are_unique_per_panel_not_nationally(panel, other_panel):
    ours = BodyFactory(slug="pcp", name="Police and Crime Panel")
    TrackedItemFactory(body=ours, reference="PCP/2024-10-28/1(a)")
    with panel_scope(other_panel):
        theirs = BodyFactory(slug="pcp", name="Police and Crime Panel")
        TrackedItemFactory(body=theirs, reference="PCP/2024-10-28/1(a)")
        assert Body.objects.get(slug="pcp") == theirs
        assert TrackedItem.objects.get(reference="PCP/2024-10-28/1(a)").body == theirs
    assert Body.objects.get(slug="pcp") == ours
    with transaction.atomic(), pytest.raises(IntegrityError):
        BodyFactory(slug="pcp")  # still unique within the panel


def _committed_import(sha256: str) -> ImportJob:
    return ImportJob.objects.create(
        filename="minutes.pdf",
        sha256=sha256,
        status=ImportJob.Status.COMMITTED,
        meeting=MeetingFactory(),
        body=BodyFactory(),
    )


@pytest.mark.django_db
def test_a_file_imported_in_one_panel_may_be_imported_in_another(panel, other_panel):
    _committed_import("a" * 64)
    assert import_previous_meeting(sha256="a" * 64)[0]
    with panel_scope(other_panel):
        assert import_previous_meeting(sha256="a" * 64) == (False, None)
        _committed_import("a" * 64)  # the database agrees: committed once per panel


# Unique constraints of panel-owned models that are national on purpose, each with its reason.
NATIONAL_UNIQUES = {
    # A person's record in a panel may be linked to their account; one account is linked to
    # one person nationally (nothing reads the link yet: revisit if a councillor sits on two).
    ("meetings.Person", ("user",)),
}


def _uniques(model: type[models.Model]) -> Iterator[tuple[str, ...]]:
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            yield (field.name,)
    for fields in model._meta.unique_together:
        yield tuple(fields)
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            yield tuple(constraint.fields)


def test_every_unique_constraint_of_a_panel_owned_model_is_per_panel():
    """Unique with the panel, or within a parent that is itself panel-owned (an agenda item's
    number within its meeting): never across panels, so two panels may each have a "pcp"."""
    national = []
    for model in panel_owned_models():
        for fields in _uniques(model):
            parents = [model._meta.get_field(name).related_model for name in fields]
            per_panel = "panel" in fields or any(
                isinstance(p, type) and issubclass(p, PanelOwned) for p in parents
            )
            if not per_panel and (model._meta.label, fields) not in NATIONAL_UNIQUES:
                national.append(f"{model._meta.label} {fields}")
    assert not national, "unique across every panel:\n" + "\n".join(national)


# Indexes of panel-owned models that do not lead with the panel, each with its reason: they
# lead with something that pins the rows to one record, itself in one panel.
CHILD_LOOKUP_INDEXES = {
    # A parent's children: the parent is panel-owned, so its rows are one panel's.
    ("meetings.Membership", "membership_span_idx"),  # a body's members on a date
    ("meetings.Meeting", "meeting_body_date_idx"),  # a body's meetings by date
    ("meetings.AgendaItem", "agenda_item_order_idx"),  # a meeting's agenda in order
    ("meetings.Document", "document_meeting_kind_idx"),  # a meeting's papers of a kind
    ("grants.Application", "application_round_idx"),  # a round's applications
}
SUBJECT_INDEXES = {
    # One record's timeline, by its generic (content_type, object_id): the record is one panel's.
    ("core.DomainEvent", "event_subject_idx"),
    ("core.StatusChange", "status_change_subject_idx"),
}


def _leads_with_a_panel_owned_parent(model: type[models.Model], index: models.Index) -> bool:
    target = model._meta.get_field(index.fields[0].lstrip("-")).related_model
    return isinstance(target, type) and issubclass(target, PanelOwned)


def _leads_with_a_subject(model: type[models.Model], index: models.Index) -> bool:
    subjects = [f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
    return any(list(index.fields[:2]) == [s.ct_field, s.fk_field] for s in subjects)


def test_every_list_index_of_a_panel_owned_model_leads_with_the_panel():
    wrong = []
    for model in panel_owned_models():
        for index in model._meta.indexes:
            key = (model._meta.label, index.name)
            if index.fields and index.fields[0] == "panel":
                continue
            if key in CHILD_LOOKUP_INDEXES and _leads_with_a_panel_owned_parent(model, index):
                continue
            if key in SUBJECT_INDEXES and _leads_with_a_subject(model, index):
                continue
            wrong.append(f"{model._meta.label} {index.name} {index.fields}")
    assert not wrong, (
        "lead these indexes with the panel (or list a child lookup in CHILD_LOOKUP_INDEXES):\n"
        + "\n".join(wrong)
    )
    listed = CHILD_LOOKUP_INDEXES | SUBJECT_INDEXES
    indexes = {(m._meta.label, i.name) for m in panel_owned_models() for i in m._meta.indexes}
    assert listed <= indexes, f"the allow-lists name indexes that are gone: {listed - indexes}"
