"""The database the matrices run against: the demo, plus a secret marker planted in every kind
of private content, each marker a single word that survives HTML, PDF text and CSV alike.

`MARKERS` says who may read each marker (the visibility policy's audiences); `HOMES` says where
each must appear for those readers, so the matrix also proves that it looked at real pages.

A second panel (Northshire, `build_other_world`) has its own words, public and secret: no word
of one panel may appear in any output on the other panel's host, whoever asks.
"""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from core.models import Panel, PanelRole
from core.permissions import ADMINISTRATOR
from core.tenancy import panel_scope
from governance.models import BoardItem
from governance.selectors import BOARD_SLUG
from grants.models import Award
from imports.models import ImportBatch, ImportJob
from meetings.models import AgendaItem, Body, Document, Meeting
from meetings.services.publishing import meeting_pdf_store
from opendata.services import export_build
from scrutiny.models import Response, ResponseAttachment, TrackedItem
from tests.conftest import ROLE_USERS, make_user
from tests.core.urlcatalogue import World
from tests.governance.factories import board_item as board_agenda_item
from tests.grants.factories import (
    ApplicationFactory,
    PaymentFactory,
    ReturnFactory,
    published_award,
)
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

PUBLIC_ROLES = ("public", "norole")
INTERNAL = frozenset({"member", "opcc", "democratic", "admin"})
REDACTED = frozenset({"opcc", "admin"})

MARKERS: dict[str, tuple[str, frozenset[str]]] = {
    "redacted board section": ("qzredactedsectionqz", REDACTED),
    "exempt item description": ("qzexemptdescriptionqz", INTERNAL),
    "exempt minute": ("qzexemptminuteqz", INTERNAL),
    "exempt paper": ("qzexemptpaperqz", INTERNAL),
    "unpublished meeting": ("qzunpublishedmeetingqz", INTERNAL),
    "unpublished minutes": ("qzunpublishedminutesqz", INTERNAL),
    "private-session meeting": ("qzprivatemeetingqz", INTERNAL),
    "private tracked item": ("qzprivateitemqz", INTERNAL),
    "draft response": ("qzdraftresponseqz", INTERNAL),
    "draft attachment": ("qzdraftattachmentqz", INTERNAL),
    "withdrawn draft": ("qzwithdrawndraftqz", INTERNAL),
}
# Public text planted beside the secrets: every reader must see it on the same pages.
PUBLIC_MARKER = "qzpublicqz"

# The second panel's words: one per kind of public record, and two secrets. Each is public on
# Northshire's own site (its home page is in OTHER_HOMES) and must never show on LLR's host.
OTHER_PUBLIC = {
    "body": "qznorthbodyqz",
    "person": "qznorthpersonqz",
    "meeting": "qznorthmeetingqz",
    "paper": "qznorthpaperqz",
    "minute": "qznorthminuteqz",
    "tracked item": "qznorthitemqz",
    "response": "qznorthresponseqz",
    "award": "qznorthawardqz",
}
# The Northshire users who may read Northshire's secrets; the national administrator too.
OTHER_INTERNAL = frozenset({"north_member", "north_opcc", "north_democratic", "north_admin"})
OTHER_SECRETS = {
    "private tracked item": "qznorthprivateqz",
    "draft response": "qznorthdraftqz",
}
OTHER_HOST = "northshire.testserver"


def _word(name: str) -> str:
    return MARKERS[name][0]


def _html_paper(text: str) -> bytes:
    return f"<!doctype html><html><body><p>{text}</p></body></html>".encode()


def _document(meeting: Meeting, item: AgendaItem | None, title: str, content: bytes, **extra):
    document = Document(
        meeting=meeting,
        agenda_item=item,
        title=title,
        kind=Document.Kind.REPORT,
        original_filename="paper.html",
        content_type="text/html",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        **extra,
    )
    document.file.save("paper.html", ContentFile(content), save=False)
    document.save()
    return document


def _attach(response: Response, text: str) -> ResponseAttachment:
    content = _html_paper(text)
    attachment = ResponseAttachment(
        response=response,
        original_filename="briefing.html",
        content_type="text/html",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save("briefing.html", ContentFile(content), save=False)
    attachment.save()
    return attachment


def build_world(*, author) -> World:
    call_command("load_demo", "--force", stdout=StringIO())
    # A logo for the panel, so that its view (core:panel-logo) has one to serve.
    site = Panel.objects.get(slug="llr")
    site.logo.save("llr.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"/>'))
    panel = Body.objects.get(slug="pcp")
    published = timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 0))

    # A redacted Board item of the demo (the Operational Summary of 18 September 2024).
    redacted = list(
        BoardItem.objects.filter(
            agenda_item__meeting__body__kind=Body.Kind.BOARD, redacted=True
        ).select_related("agenda_item__meeting")
    )
    for board_item in redacted:
        board_item.force_update += f" {_word('redacted board section')}"
        board_item.overview += f" {_word('redacted board section')}"
        board_item.save()

    # A public meeting with an exempt item: its description, minute and paper are private.
    exempt_meeting = MeetingFactory(
        body=panel,
        date=datetime.date(2025, 3, 10),
        title=f"Exempt business {PUBLIC_MARKER}",
        status=Meeting.Status.HELD,
        agenda_published_at=published,
        minutes_published_at=published,
    )
    open_item = AgendaItemFactory(meeting=exempt_meeting, position=1, number="1")
    _document(exempt_meeting, open_item, f"Public paper {PUBLIC_MARKER}", _html_paper("Public"))
    exempt_item = AgendaItemFactory(
        meeting=exempt_meeting,
        position=2,
        number="2",
        title="Contract award",
        exempt=True,
        exempt_reason="Paragraph 3 of Schedule 12A",
        description=_word("exempt item description"),
    )
    _document(
        exempt_meeting,
        exempt_item,
        f"Exempt paper {_word('exempt paper')}",
        _html_paper(_word("exempt paper")),
    )
    _document(
        exempt_meeting,
        None,
        f"Exempt appendix {_word('exempt paper')}",
        _html_paper(_word("exempt paper")),
        exempt=True,
    )
    exempt_minute = MinuteFactory(
        meeting=exempt_meeting,
        agenda_item=exempt_item,
        number=901,
        body_text=_word("exempt minute"),
    )
    ResolutionFactory(minute=exempt_minute, text=f"That {_word('exempt minute')} be approved.")
    open_minute = MinuteFactory(meeting=exempt_meeting, agenda_item=open_item, number=900)
    ResolutionFactory(minute=open_minute, text=f"That the report {PUBLIC_MARKER} be noted.")

    # A meeting nobody published, and one whose agenda is out but whose minutes are drafts.
    unpublished = MeetingFactory(
        body=panel, date=datetime.date(2025, 4, 7), title=_word("unpublished meeting")
    )
    MinuteFactory(meeting=unpublished, number=950, body_text=_word("unpublished meeting"))
    agenda_only = MeetingFactory(
        body=panel,
        date=datetime.date(2025, 3, 24),
        title=f"Agenda published {PUBLIC_MARKER}",
        status=Meeting.Status.HELD,
        agenda_published_at=published,
    )
    AgendaItemFactory(meeting=agenda_only, position=1, number="1")
    draft_minute = MinuteFactory(
        meeting=agenda_only, number=960, body_text=_word("unpublished minutes")
    )
    ResolutionFactory(minute=draft_minute, text=_word("unpublished minutes"))
    private = MeetingFactory(
        body=panel,
        date=datetime.date(2025, 3, 17),
        title=_word("private-session meeting"),
        session=Meeting.Session.PRIVATE,
        status=Meeting.Status.AGENDA_PUBLISHED,
        agenda_published_at=published,
    )
    AgendaItemFactory(meeting=private, position=1, number="1")

    # The tracker: a private item, and drafts (one withdrawn) on a public one.
    demo_meeting = Meeting.objects.get(body=panel, date=datetime.date(2024, 10, 28))
    private_item = TrackedItemFactory(
        body=panel,
        reference="PCP/2025-04-07/1(a)",
        meeting=unpublished,
        title=_word("private tracked item"),
        is_public=False,
    )
    drafted = TrackedItemFactory(
        body=panel,
        reference="PCP/2024-10-28/99(a)",
        meeting=demo_meeting,
        title=f"Public request {PUBLIC_MARKER}",
        is_public=True,
    )
    withdrawn = ResponseFactory(
        item=drafted, author=author, body=_word("withdrawn draft"), status=Response.Status.WITHDRAWN
    )
    withdrawn.withdrawn_reason = "Replaced by a fuller answer."
    withdrawn.save()
    draft = ResponseFactory(
        item=drafted, author=author, body=_word("draft response"), status=Response.Status.DRAFT
    )
    _attach(draft, _word("draft attachment"))

    award = Award.objects.order_by("pk").first()
    PaymentFactory(award=award)
    ReturnFactory(award=award)

    # A published answer with an attachment: the public may download it.
    answered = TrackedItemFactory(
        body=panel,
        reference="PCP/2024-10-28/98(a)",
        meeting=demo_meeting,
        title=f"Answered request {PUBLIC_MARKER}",
        is_public=True,
    )
    submitted = ResponseFactory(item=answered, author=author, submitted_at=published)
    _attach(submitted, f"Published annex {PUBLIC_MARKER}")

    job_content = b"Minutes of a meeting"
    import_batch = ImportBatch.objects.create(name="minutes.zip", body=panel)
    import_job = ImportJob(
        filename="minutes.txt",
        sha256=hashlib.sha256(job_content).hexdigest(),
        body=panel,
        batch=import_batch,
    )
    import_job.file.save("minutes.txt", ContentFile(job_content), save=False)
    import_job.save()

    # The planted meetings and a demo meeting with real minutes and tracked items; the public's
    # PDFs stored as the worker stores them, so that each request does not render its own.
    panel_meetings: list[Meeting] = [
        demo_meeting,
        exempt_meeting,
        agenda_only,
        private,
        unpublished,
    ]
    for meeting in (exempt_meeting, agenda_only):
        meeting_pdf_store(meeting=meeting, kind=Document.Kind.AGENDA_PACK)
    meeting_pdf_store(meeting=exempt_meeting, kind=Document.Kind.MINUTES)
    board_meetings = list(Meeting.objects.filter(body__kind=Body.Kind.BOARD).order_by("date"))
    items = [private_item, drafted, answered] + list(
        TrackedItem.objects.filter(meeting=demo_meeting).exclude(pk__in=[drafted.pk, answered.pk])[
            :2
        ]
    )
    board_requests = list(
        TrackedItem.objects.filter(agenda_item__meeting__in=board_meetings).order_by("pk")[:2]
    )
    world = World(
        meetings=panel_meetings,
        board_meetings=board_meetings,
        items=items,
        board_requests=board_requests,
        import_job=import_job,
    )
    world.extra["pdf_meetings"] = [exempt_meeting, agenda_only, private, unpublished]
    world.extra["import_batch"] = import_batch
    world.extra["admin_objects"] = [*redacted, exempt_item, exempt_minute, draft, unpublished]
    world.extra["homes"] = _homes(
        redacted=redacted,
        exempt_meeting=exempt_meeting,
        unpublished=unpublished,
        agenda_only=agenda_only,
        private=private,
        private_item=private_item,
        drafted=drafted,
    )
    return world


def panel_user(username: str, role: str, panel: Panel) -> User:
    """A user holding `role` in `panel` only: never a superuser, even as Administrator."""
    user = make_user(username, None)
    PanelRole.all_panels.create(panel=panel, user=user, role=role)
    return user


def other_users(panel: Panel) -> dict[str, User]:
    """Northshire's own users (north_member, north_opcc, ...) and an LLR administrator who is
    not the national administrator (llr_admin), for the cross-panel matrices."""
    users = {
        f"north_{name}": panel_user(f"north_{name}", role, panel)
        for name, role in ROLE_USERS.items()
    }
    users["llr_admin"] = panel_user("llr_admin", ADMINISTRATOR, Panel.objects.get(slug="llr"))
    return users


def build_other_world(*, author: User) -> World:
    """Northshire's records, made with the factories inside its panel_scope: the same body slug
    ("pcp") and tracked-item reference as LLR's, each record carrying one of OTHER_PUBLIC's words,
    and every URL pattern fillable from them."""
    published = timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 0))
    body = BodyFactory(slug="pcp", name=f"Northshire Panel {OTHER_PUBLIC['body']}")
    person = PersonFactory(display_name=f"Cllr {OTHER_PUBLIC['person']}")
    MembershipFactory(person=person, body=body)
    meeting = MeetingFactory(
        body=body,
        date=datetime.date(2025, 3, 12),
        title=f"Northshire meeting {OTHER_PUBLIC['meeting']}",
        status=Meeting.Status.HELD,
        agenda_published_at=published,
        minutes_published_at=published,
    )
    AttendanceFactory(meeting=meeting, person=person)
    item = AgendaItemFactory(meeting=meeting, position=1, number="1")
    _document(meeting, item, f"Northshire paper {OTHER_PUBLIC['paper']}", _html_paper("Paper"))
    minute = MinuteFactory(
        meeting=meeting, agenda_item=item, number=1, body_text=OTHER_PUBLIC["minute"]
    )
    resolution = ResolutionFactory(minute=minute, text=f"That {OTHER_PUBLIC['minute']} be noted.")
    answered = TrackedItemFactory(
        body=body,
        reference=f"PCP/{OTHER_PUBLIC['tracked item']}/1(a)",  # the public see the reference
        meeting=meeting,
        resolution=resolution,
        title=f"Northshire request {OTHER_PUBLIC['tracked item']}",
        is_public=True,
    )
    submitted = ResponseFactory(
        item=answered, author=author, body=OTHER_PUBLIC["response"], submitted_at=published
    )
    _attach(submitted, f"Northshire annex {OTHER_PUBLIC['response']}")
    private = TrackedItemFactory(
        body=body, meeting=meeting, title=OTHER_SECRETS["private tracked item"], is_public=False
    )
    drafted = TrackedItemFactory(
        body=body, meeting=meeting, reference="PCP/2024-10-28/99(a)", is_public=True
    )  # LLR has an item of this reference too
    ResponseFactory(
        item=drafted,
        author=author,
        body=OTHER_SECRETS["draft response"],
        status=Response.Status.DRAFT,
    )
    for kind in (Document.Kind.AGENDA_PACK, Document.Kind.MINUTES):
        meeting_pdf_store(meeting=meeting, kind=kind)

    award = published_award(
        application=ApplicationFactory(project_title=f"Northshire project {OTHER_PUBLIC['award']}")
    )
    PaymentFactory(award=award)
    ReturnFactory(award=award)

    board = BodyFactory(slug=BOARD_SLUG, kind=Body.Kind.BOARD, name="Northshire board")
    board_meeting = MeetingFactory(body=board, date=datetime.date(2025, 3, 5), published=True)
    agenda_item = board_agenda_item(
        meeting=board_meeting, number="1", title="Northshire board report"
    )
    board_request = TrackedItemFactory(
        body=board,
        agenda_item=agenda_item,
        source=TrackedItem.Source.CGB_REQUEST,
        is_public=False,
    )
    content = b"Minutes of a Northshire meeting"
    import_batch = ImportBatch.objects.create(name="minutes.zip", body=body)
    import_job = ImportJob(
        filename="minutes.txt",
        sha256=hashlib.sha256(content).hexdigest(),
        body=body,
        batch=import_batch,
    )
    import_job.file.save("minutes.txt", ContentFile(content), save=False)
    import_job.save()

    world = World(
        meetings=[meeting],
        board_meetings=[board_meeting],
        items=[answered, private, drafted],
        board_requests=[board_request],
        import_job=import_job,
    )
    world.extra["pdf_meetings"] = [meeting]
    world.extra["import_batch"] = import_batch
    world.extra["homes"] = [
        ("body", f"/meetings/{meeting.pk}/"),
        ("person", f"/meetings/{meeting.pk}/"),
        ("meeting", "/meetings/"),
        ("meeting", f"/meetings/{meeting.pk}/"),
        ("paper", f"/meetings/{meeting.pk}/"),
        ("minute", f"/meetings/{meeting.pk}/"),
        ("minute", f"/decisions/{resolution.pk}/"),
        ("tracked item", f"/decisions/{resolution.pk}/"),
        ("response", f"/decisions/{resolution.pk}/"),
        ("award", "/grants/"),
        ("award", "/grants/awards.csv"),
        ("meeting", "/open-data/panel.zip"),
    ]
    return world


def build_exports(panel: Panel, other: Panel) -> None:
    """The bulk downloads of both panels and the nation, stored as the worker stores them, so
    that the matrices read the ZIPs (a request never builds one)."""
    export_build(panel=panel)
    export_build(panel=None)
    with panel_scope(other):
        export_build(panel=other)


def _homes(**objects) -> list[tuple[str, str]]:
    """(marker name, url): where each marker must be found by the readers allowed it."""
    board = objects["redacted"][0].agenda_item.meeting
    exempt = objects["exempt_meeting"]
    exempt_paper = Document.objects.get(agenda_item__exempt=True, agenda_item__meeting=exempt)
    return [
        ("redacted board section", f"/cgb/meetings/{board.pk}/"),
        ("redacted board section", f"/meetings/{board.pk}/"),
        ("exempt item description", f"/meetings/{exempt.pk}/"),
        ("exempt minute", f"/meetings/{exempt.pk}/"),
        ("exempt paper", f"/meetings/{exempt.pk}/"),
        ("exempt paper", f"/meetings/{exempt.pk}/papers/{exempt_paper.pk}/"),
        ("unpublished meeting", f"/meetings/{objects['unpublished'].pk}/"),
        ("unpublished minutes", f"/meetings/{objects['agenda_only'].pk}/"),
        ("private-session meeting", f"/meetings/{objects['private'].pk}/"),
        ("private tracked item", f"/actions/{objects['private_item'].pk}/"),
        ("draft response", f"/actions/{objects['drafted'].pk}/"),
        ("withdrawn draft", f"/actions/{objects['drafted'].pk}/"),
    ]


__all__ = [
    "MARKERS",
    "OTHER_HOST",
    "OTHER_INTERNAL",
    "OTHER_PUBLIC",
    "OTHER_SECRETS",
    "PUBLIC_MARKER",
    "build_exports",
    "build_other_world",
    "build_world",
    "other_users",
]
