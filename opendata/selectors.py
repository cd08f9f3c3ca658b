"""Reads for the bulk download: the public records of one panel (or of every panel, for the
national export), the exports as built, and the state of the records they were built from.

Every record passes the public reader of `core.visibility`, as on the public pages: nothing in
private session, unpublished, exempt, withdrawn, draft or redacted. The querysets go through
`all_panels` with the panel named explicitly, so that an export reads the panel it is for (or,
deliberately, every panel) whatever panel the worker happens to be running in.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Model, Prefetch, Q, QuerySet

from core import visibility
from core.models import Panel, PanelHost
from core.visibility import PUBLIC
from grants.models import Application, Award, Decision, Fund, GrantRound
from grants.selectors.register import PUBLISHED as AWARDS_PUBLISHED
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Attendance,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    MinutePoint,
    Organisation,
    Person,
    Resolution,
)
from opendata.models import OpenDataExport
from scrutiny.models import Response, Review, TrackedItem

# Generated renderings (agenda packs, minutes PDFs) are listed by their meeting's own links, as
# on the public meeting page, not as papers.
GENERATED_PAPERS = (Document.Kind.AGENDA_PACK, Document.Kind.MINUTES)


def _of(model: type[Model], panel: Panel | None) -> QuerySet[Any]:
    """The model's rows of `panel`, or of every panel (the national export), oldest first."""
    rows: QuerySet[Any] = model.all_panels.select_related("panel").order_by("pk")  # type: ignore[attr-defined]
    return rows if panel is None else rows.filter(panel=panel)


# --- The public records, by dataset -------------------------------------------------------------


def panels_public(panel: Panel | None) -> QuerySet[Panel]:
    panels = Panel.objects.prefetch_related(
        Prefetch("hosts", queryset=PanelHost.objects.order_by("position", "pk"))
    ).order_by("slug")
    return panels if panel is None else panels.filter(pk=panel.pk)


def meetings_public(panel: Panel | None) -> QuerySet[Meeting]:
    return _of(Meeting, panel).filter(visibility.meeting_q(PUBLIC))


def tracked_items_public(panel: Panel | None) -> QuerySet[TrackedItem]:
    return _of(TrackedItem, panel).filter(visibility.tracked_item_q(PUBLIC))


def awards_public(panel: Panel | None) -> QuerySet[Award]:
    """Awards on the public register: their round has reached "awards made"."""
    return (
        _of(Award, panel)
        .filter(application__round__status=AWARDS_PUBLISHED)
        .select_related("decision", "application__organisation", "application__round__fund")
    )


def bodies_public(panel: Panel | None) -> QuerySet[Body]:
    """Bodies that met in public, or that a public tracked item is raised by or addressed to."""
    meetings, items = meetings_public(panel), tracked_items_public(panel)
    return _of(Body, panel).filter(
        Q(pk__in=meetings.values("body_id"))
        | Q(pk__in=items.values("body_id"))
        | Q(pk__in=items.values("addressee_body_id"))
    )


def memberships_public(panel: Panel | None) -> QuerySet[Membership]:
    return _of(Membership, panel).filter(body__in=bodies_public(panel).values("pk"))


def people_public(panel: Panel | None) -> QuerySet[Person]:
    """People named in public records: members of a public body, attendees and contact officers
    of public meetings, named addressees of public tracked items."""
    meetings = meetings_public(panel)
    attended = Attendance.all_panels.filter(meeting__in=meetings.values("pk"))
    return _of(Person, panel).filter(
        Q(pk__in=memberships_public(panel).values("person_id"))
        | Q(pk__in=attended.values("person_id"))
        | Q(pk__in=meetings.values("contact_officer_id"))
        | Q(pk__in=tracked_items_public(panel).values("addressee_person_id"))
    )


def organisations_public(panel: Panel | None) -> QuerySet[Organisation]:
    """Organisations named in public records: of public bodies and memberships, hosts of public
    meetings, recipients of published awards and the owners of their funds. An applicant that
    was not awarded is not public."""
    awards = awards_public(panel)
    return _of(Organisation, panel).filter(
        Q(pk__in=bodies_public(panel).values("organisation_id"))
        | Q(pk__in=memberships_public(panel).values("represents_id"))
        | Q(pk__in=meetings_public(panel).values("host_authority_id"))
        | Q(pk__in=awards.values("application__organisation_id"))
        | Q(pk__in=awards.values("application__round__fund__owner_id"))
    )


def agenda_items_public(panel: Panel | None) -> Iterator[AgendaItem]:
    """Items of public meetings; an exempt item keeps its number and title only, as on the
    public agenda (`visibility.item_content_hidden`)."""
    items = _of(AgendaItem, panel).filter(visibility.meeting_q(PUBLIC, "meeting"))
    for item in items.iterator(chunk_size=2000):
        if visibility.item_content_hidden(PUBLIC, item):
            item.description = ""
        yield item


def papers_public(panel: Panel | None) -> QuerySet[Document]:
    return (
        _of(Document, panel)
        .filter(visibility.document_q(PUBLIC), visibility.meeting_q(PUBLIC, "meeting"))
        .exclude(kind__in=GENERATED_PAPERS)
        .select_related("supplement")
    )


def minutes_public(panel: Panel | None) -> Iterator[Minute]:
    """Published minutes of public meetings; a minute of an exempt item keeps its number and
    heading only, as on the public page."""
    minutes = (
        _of(Minute, panel)
        .filter(visibility.minutes_q(PUBLIC, "meeting"))
        .select_related("agenda_item")
    )
    for minute in minutes.iterator(chunk_size=2000):
        item = minute.agenda_item
        if item is not None and visibility.item_content_hidden(PUBLIC, item):
            minute.preamble = minute.body_text = ""
        yield minute


def minute_points_public(panel: Panel | None) -> QuerySet[MinutePoint]:
    """Points of published minutes, never of a minute whose item is exempt (its content is
    hidden, `visibility.item_content_hidden`)."""
    return (
        _of(MinutePoint, panel)
        .filter(visibility.minutes_q(PUBLIC, "minute__meeting"))
        .exclude(minute__agenda_item__exempt=True)
    )


def decisions_public(panel: Panel | None) -> QuerySet[Resolution]:
    return _of(Resolution, panel).filter(visibility.resolution_q(PUBLIC)).select_related("minute")


def responses_public(panel: Panel | None) -> QuerySet[Response]:
    return _of(Response, panel).filter(visibility.response_q(PUBLIC))


def reviews_public(panel: Panel | None) -> QuerySet[Review]:
    return _of(Review, panel).filter(visibility.response_q(PUBLIC, "response"))


# --- The exports as built -----------------------------------------------------------------------


def export_current(*, panel: Panel | None) -> OpenDataExport | None:
    """The panel's export (None: the national one), if one has been built."""
    return OpenDataExport.objects.filter(panel=panel).first()


def exports_for_page(*, panel: Panel) -> tuple[OpenDataExport | None, OpenDataExport | None]:
    """(the panel's export, the national export), each None until first built. One query."""
    exports = {e.panel_id: e for e in OpenDataExport.objects.filter(Q(panel=panel) | Q(panel=None))}
    return exports.get(panel.pk), exports.get(None)


def export_file_present(export: OpenDataExport) -> bool:
    """Whether the stored file is still there (storage lost, or deleted by hand)."""
    return bool(export.file) and export.file.storage.exists(export.file.name)


# --- What the exports were built from -----------------------------------------------------------

# Every model whose rows reach a CSV or decide whether a row is public. A change to any of them
# (a row saved, added or deleted) changes its panel's state, public or not: a meeting taken out
# of public view must leave the export too.
SOURCE_MODELS: tuple[type[Model], ...] = (
    Organisation,
    Person,
    Body,
    Membership,
    Meeting,
    Attendance,
    AgendaItem,
    AgendaVersion,
    Document,
    Minute,
    MinutePoint,
    Resolution,
    TrackedItem,
    Response,
    Review,
    Fund,
    GrantRound,
    Application,
    Decision,
    Award,
)


@dataclass(frozen=True)
class SourceState:
    """A digest of what an export is built from; equal digests, equal exports."""

    digest: str
    modified: datetime | None


def _digest(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def source_states(*, schema: str) -> dict[int | None, SourceState]:
    """The state of every panel (by id) and of the nation (None): for each source model, its
    row count and latest `updated_at` in the panel, with the panel's own record and hosts and
    the export's `schema` (the data dictionary), so that a change of columns rebuilds too. A
    fixed number of queries, however many panels and rows."""
    parts: dict[int, list[Any]] = defaultdict(list)
    latest: dict[int, list[datetime]] = defaultdict(list)
    for model in SOURCE_MODELS:
        rows = (
            model.all_panels.order_by()  # type: ignore[attr-defined]
            .values("panel_id")
            .annotate(rows=Count("pk"), latest=Max("updated_at"))
        )
        for row in rows:
            parts[row["panel_id"]].append((model._meta.label, row["rows"], row["latest"]))
            latest[row["panel_id"]].append(row["latest"])
    hosts: dict[int, list[str]] = defaultdict(list)
    for panel_id, name in PanelHost.objects.order_by("panel_id", "position", "pk").values_list(
        "panel_id", "name"
    ):
        hosts[panel_id].append(name)
    states: dict[int | None, SourceState] = {}
    for panel_id, updated_at in Panel.objects.values_list("pk", "updated_at"):
        changed = [updated_at, *latest[panel_id]]
        states[panel_id] = SourceState(
            digest=_digest([schema, updated_at, hosts[panel_id], sorted(parts[panel_id])]),
            modified=max(changed),
        )
    panel_states = sorted((pk, s.digest) for pk, s in states.items())
    states[None] = SourceState(
        digest=_digest([schema, panel_states]),
        modified=max((s.modified for s in states.values() if s.modified), default=None),
    )
    return states
