"""Every URL the resolver knows, made concrete from the objects of a loaded database.

The leak and permission matrices walk `url_patterns()` (read from the resolver, not listed by
hand) and ask `KWARGS` how to fill each pattern's arguments from the `World`. A pattern without
an entry here fails `test_every_url_pattern_is_exercised`, so a new view cannot escape the
matrices unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api import selectors as api_selectors
from grants.models import Application, Award, GrantRound, MonitoringReturn, Payment
from imports.models import ImportJob
from meetings.models import (
    AgendaItem,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
)
from scrutiny.models import Response, ResponseAttachment, Review, TrackedItem


@dataclass
class World:
    """The objects the matrices request: the demo plus the planted records of `tests.core.world`."""

    meetings: list[Meeting]
    board_meetings: list[Meeting]
    items: list[TrackedItem]
    board_requests: list[TrackedItem]
    import_job: ImportJob
    extra: dict[str, Any] = field(default_factory=dict)

    def agenda_items(self, meeting: Meeting) -> list[AgendaItem]:
        return list(AgendaItem.objects.filter(meeting=meeting).order_by("position")[:3]) + list(
            AgendaItem.objects.filter(meeting=meeting, exempt=True)
        )

    def minutes(self, meeting: Meeting) -> list[Minute]:
        return list(Minute.objects.filter(meeting=meeting).order_by("number")[:3])


def _meetings(world: World) -> list[dict[str, Any]]:
    return [{"pk": m.pk} for m in world.meetings]


def _pdf_meetings(world: World) -> list[dict[str, Any]]:
    """The planted meetings: their PDFs are stored, so requests do not render them again."""
    return [{"pk": m.pk} for m in world.extra["pdf_meetings"]]


def _meeting_items(world: World) -> list[dict[str, Any]]:
    return [
        {"pk": m.pk, "item_pk": i.pk} for m in world.meetings for i in set(world.agenda_items(m))
    ]


def _meeting_minutes(world: World) -> list[dict[str, Any]]:
    return [{"pk": m.pk, "minute_pk": x.pk} for m in world.meetings for x in world.minutes(m)]


def _meeting_people(world: World) -> list[dict[str, Any]]:
    cases = []
    for meeting in world.meetings:
        attendance = meeting.attendances.order_by("pk").first()
        if attendance is not None:
            cases.append({"pk": meeting.pk, "person_pk": attendance.person_id})
    return cases


def _documents(world: World) -> list[dict[str, Any]]:
    return [
        {"pk": d.meeting_id, "document_pk": d.pk}
        for d in Document.objects.filter(meeting__in=world.meetings + world.board_meetings)
    ]


def _items(world: World) -> list[dict[str, Any]]:
    return [{"pk": i.pk} for i in world.items + world.board_requests]


def _responses(world: World) -> list[dict[str, Any]]:
    return [
        {"pk": r.item_id, "response_pk": r.pk}
        for r in Response.objects.filter(item__in=world.items)
    ]


def _attachments(world: World) -> list[dict[str, Any]]:
    return [
        {"pk": a.response.item_id, "response_pk": a.response_id, "attachment_pk": a.pk}
        for a in ResponseAttachment.objects.filter(response__item__in=world.items).select_related(
            "response"
        )
    ]


def _panel_meetings(world: World) -> list[dict[str, Any]]:
    return [{"meeting_pk": m.pk} for m in world.meetings]


def _board_meetings(world: World) -> list[dict[str, Any]]:
    return [{"pk": m.pk} for m in world.board_meetings]


def _board_items(world: World) -> list[dict[str, Any]]:
    return [
        {"item_pk": i.pk}
        for i in AgendaItem.objects.filter(
            meeting__in=world.board_meetings, board_item__redacted=True
        )
    ] + [
        {
            "item_pk": AgendaItem.objects.filter(meeting__in=world.board_meetings)
            .values_list("pk", flat=True)
            .first()
        }
    ]


def _board_requests(world: World) -> list[dict[str, Any]]:
    return [{"pk": i.pk} for i in world.board_requests]


def _rounds(world: World) -> list[dict[str, Any]]:
    return [{"pk": r.pk} for r in GrantRound.objects.order_by("pk")]


def _applications(world: World) -> list[dict[str, Any]]:
    return [{"pk": a.pk} for a in Application.objects.order_by("pk")[:2]]


def _awards(world: World) -> list[dict[str, Any]]:
    return [{"pk": a.pk} for a in Award.objects.order_by("pk")[:2]]


def _payments(world: World) -> list[dict[str, Any]]:
    return [{"pk": p.pk} for p in Payment.objects.order_by("pk")[:1]]


def _returns(world: World) -> list[dict[str, Any]]:
    return [{"pk": r.pk} for r in MonitoringReturn.objects.order_by("pk")[:1]]


def _bodies(world: World) -> list[dict[str, Any]]:
    return [{"body_slug": b.slug} for b in Body.objects.order_by("pk")]


def _import_job(world: World) -> list[dict[str, Any]]:
    return [{"pk": world.import_job.pk}]


def _import_batch(world: World) -> list[dict[str, Any]]:
    return [{"pk": world.extra["import_batch"].pk}]


def _api(public: QuerySet[Any], every: QuerySet[Any], n: int = 3) -> list[dict[str, Any]]:
    """Open data API objects: a few the public may read and a few of all (the private ones 404)."""
    pks = list(public.order_by("pk").values_list("pk", flat=True)[:n])
    pks += [pk for pk in every.order_by("-pk").values_list("pk", flat=True)[:n] if pk not in pks]
    return [{"pk": pk} for pk in pks]


def _api_agenda_items(world: World) -> list[dict[str, Any]]:
    return [{"pk": i.pk} for m in world.meetings for i in set(world.agenda_items(m))]


def _api_papers(world: World) -> list[dict[str, Any]]:
    items = Document.objects.filter(meeting__in=world.meetings, agenda_item__isnull=False)
    return [{"pk": pk} for pk in sorted(set(items.values_list("agenda_item_id", flat=True)))]


def _api_files(world: World) -> list[dict[str, Any]]:
    documents = Document.objects.filter(meeting__in=world.meetings + world.board_meetings)
    return [{"pk": pk} for pk in documents.values_list("pk", flat=True)]


NO_ARGS: Callable[[World], list[dict[str, Any]]] = lambda world: [{}]  # noqa: E731

# How to fill each named pattern's arguments. Patterns without arguments need no entry.
KWARGS: dict[str, Callable[[World], list[dict[str, Any]]]] = {
    "imports:manage-import-job": _import_job,
    "imports:import-batch": _import_batch,
    "imports:import-batch-commit": _import_batch,
    "meetings:manage-meeting-detail": _meetings,
    "meetings:manage-meeting-edit": _meetings,
    "meetings:manage-meeting-cancel": _meetings,
    "meetings:manage-meeting-held": _meetings,
    "meetings:manage-agenda": _meetings,
    "scrutiny:manage-agenda-publish": _meetings,
    "meetings:manage-agenda-item-add": _meetings,
    "meetings:manage-agenda-item-edit": _meeting_items,
    "meetings:manage-agenda-item-move": _meeting_items,
    "meetings:manage-agenda-item-withdraw": _meeting_items,
    "meetings:manage-document-upload": _meetings,
    "meetings:manage-attendance": _meetings,
    "meetings:manage-attendance-record": _meeting_people,
    "meetings:manage-attendee-add": _meetings,
    "meetings:manage-declaration-add": _meetings,
    "meetings:manage-declarations-carry-forward": _meetings,
    "meetings:manage-public-question-add": _meetings,
    "meetings:manage-minutes": _meetings,
    "meetings:manage-minute-add": _meetings,
    "meetings:manage-minute-edit": _meeting_minutes,
    "meetings:manage-minute-point-add": _meeting_minutes,
    "meetings:manage-resolution-add": _meeting_minutes,
    "scrutiny:manage-minutes-publish": _meetings,
    "scrutiny:manage-minutes-confirm": _meetings,
    "meetings:body-calendar": _bodies,
    "meetings:meeting-detail": lambda w: _meetings(w) + _board_meetings(w),
    "meetings:agenda-pdf": _pdf_meetings,
    "meetings:minutes-pdf": _pdf_meetings,
    "meetings:document-download": _documents,
    "meetings:decision-detail": lambda w: [
        {"pk": pk}
        for pk in world_resolutions(w)  # every resolution of the world's meetings
    ],
    "scrutiny:item-detail": _items,
    "scrutiny:item-follow": _items,
    "scrutiny:response-edit": _items,
    "scrutiny:response-review": _responses,
    "scrutiny:response-withdraw": _responses,
    "scrutiny:response-attachment": _attachments,
    "scrutiny:implementation-update": _items,
    "scrutiny:item-withdraw": _items,
    "scrutiny:action-log": _panel_meetings,
    "scrutiny:action-log-pdf": lambda w: _panel_meetings(w)[:2],  # rendered on each request
    "scrutiny:action-log-attach": _panel_meetings,
    "scrutiny:item-chain": _items,
    "scrutiny:item-series": _items,  # an item that does not recur is a series of one
    "scrutiny:item-series-stop": _items,
    "governance:cgb-meeting": _board_meetings,
    "governance:cgb-attendance-add": _board_meetings,
    "governance:cgb-item-add": _board_meetings,
    "governance:cgb-report": _board_meetings,
    "governance:cgb-report-pdf": lambda w: _board_meetings(w)[:1],  # rendered on each request
    "governance:cgb-request-create": _board_items,
    "governance:cgb-outcome": _board_requests,
    "grants:round-detail": _rounds,
    "grants:criterion-add": _rounds,
    "grants:round-transition": _rounds,
    "grants:import": _rounds,
    "grants:application-add": _rounds,
    "grants:scoring": _rounds,
    "grants:moderation": _rounds,
    "grants:round-recommend": _rounds,
    "grants:decision-record": _rounds,
    "grants:conflict-declare": _applications,
    "grants:application-withdraw": _applications,
    "grants:application-moderate": _applications,
    "grants:award-detail": _awards,
    "grants:payment-add": _awards,
    "grants:monitoring-schedule": _awards,
    "grants:payment-paid": _payments,
    "grants:return-receive": _returns,
    "grants:return-review": _returns,
    "api:body-detail": lambda w: [{"pk": b.pk} for b in Body.objects.order_by("pk")],
    "api:organization-detail": lambda w: _api(
        api_selectors.organisations(), Organisation.objects.all()
    ),
    "api:person-detail": lambda w: _api(api_selectors.people(), Person.objects.all()),
    "api:membership-detail": lambda w: _api(api_selectors.memberships(), Membership.objects.all()),
    "api:meeting-detail": lambda w: _meetings(w) + _board_meetings(w),
    "api:meeting-invitation": _meetings,
    "api:meeting-results-protocol": _meetings,
    "api:agenda-item-detail": _api_agenda_items,
    "api:paper-detail": _api_papers,
    "api:consultation-detail": _api_papers,
    "api:file-detail": _api_files,
    "api:tracked-item-detail": _items,
    "api:response-detail": lambda w: [
        {"pk": r.pk} for r in Response.objects.filter(item__in=w.items + w.board_requests)
    ],
    "api:review-detail": lambda w: _api(api_selectors.reviews(), Review.objects.all()),
    "api:grant-detail": lambda w: _api(api_selectors.grants(), Award.objects.all()),
}


def world_resolutions(world: World) -> list[int]:
    from meetings.models import Resolution

    return list(
        Resolution.objects.filter(minute__meeting__in=world.meetings).values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    arguments: tuple[str, ...]


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin is walked model by model in `admin_urls`
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = ":".join(filter(None, [namespace, entry.name or ""]))
            yield Pattern(name, prefix + str(entry.pattern), tuple(entry.pattern.converters))


def url_patterns() -> list[Pattern]:
    """Every pattern of the resolver, outside the admin."""
    return list(_walk(get_resolver().url_patterns))


def urls_for(pattern: Pattern, world: World) -> list[str]:
    if not pattern.arguments:
        return [reverse(pattern.name)]
    return [reverse(pattern.name, kwargs=kwargs) for kwargs in KWARGS[pattern.name](world)]


def admin_urls(world: World) -> list[tuple[str, str]]:
    """(label, url) for each registered admin model: its list, add form, and the change and
    history pages of one of its rows (the delete page too, which shows what would go)."""
    urls = [("admin:index", reverse("admin:index"))]
    for model in admin.site._registry:
        label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append((f"{label}_changelist", reverse(f"{label}_changelist")))
        urls.append((f"{label}_add", reverse(f"{label}_add")))
        rows = [o for o in world.extra.get("admin_objects", []) if isinstance(o, model)]
        rows = rows or list(model._default_manager.order_by("-pk")[:1])
        for row in rows:
            for view in ("change", "history", "delete"):
                urls.append((f"{label}_{view}", reverse(f"{label}_{view}", args=[row.pk])))
    return urls
