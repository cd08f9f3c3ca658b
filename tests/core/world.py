"""The database the matrices run against: the demo, plus a secret marker planted in every kind
of private content, each marker a single word that survives HTML, PDF text and CSV alike.

`MARKERS` says who may read each marker (the visibility policy's audiences); `HOMES` says where
each must appear for those readers, so the matrix also proves that it looked at real pages.
"""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from governance.models import BoardItem
from grants.models import Award
from imports.models import ImportJob
from meetings.models import AgendaItem, Body, Document, Meeting
from meetings.services.publishing import meeting_pdf_store
from scrutiny.models import Response, ResponseAttachment, TrackedItem
from tests.core.urlcatalogue import World
from tests.grants.factories import PaymentFactory, ReturnFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinuteFactory,
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
    import_job = ImportJob(
        filename="minutes.txt", sha256=hashlib.sha256(job_content).hexdigest(), body=panel
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


__all__ = ["MARKERS", "PUBLIC_MARKER", "build_world"]
