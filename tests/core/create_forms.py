"""The app's create forms, each with a valid submission and a count of what it creates.

Used by tests/core/test_idempotency.py: `CASES` maps the URL name of each create view to the role
that uses it and a function that arranges the data and returns its `Form`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import DomainEvent
from governance import services as board
from grants.models import Application, Criterion, Decision, DueDiligenceVisit, GrantRound, Payment
from meetings.models import Body, Document, Meeting
from scrutiny.models import Response, Review, TrackedItem
from tests.grants.factories import ApplicationFactory, AwardFactory, FundFactory, RoundFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    OrganisationFactory,
    PersonFactory,
    ResolutionFactory,
    pdf_bytes,
)
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

HELD = Meeting.Status.HELD


@dataclass
class Form:
    url: str  # where the form posts
    data: Callable[[], dict]  # a valid submission (a callable: uploads are read once)
    count: Callable[[], int]  # how many of the records it creates exist
    page: str = ""  # the page that renders it, if not `url`
    prefix: str = ""


def cgb_board():
    body = Body.objects.create(slug="cgb", name="Corporate Governance Board", kind="board")
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 9, 18), session="private")
    return body, meeting


def meeting_create(users):
    body = BodyFactory()
    return Form(
        url=reverse("meetings:manage-meeting-create"),
        data=lambda: {
            "body": body.pk,
            "date": "2024-12-02",
            "start_time": "14:00",
            "mode": "in_person",
            "session": "public",
        },
        count=Meeting.objects.count,
    )


def agenda_item_add(users):
    meeting = MeetingFactory()
    return Form(
        url=reverse("meetings:manage-agenda-item-add", args=[meeting.pk]),
        page=reverse("meetings:manage-agenda", args=[meeting.pk]),
        data=lambda: {"title": "Commissioner's Update", "kind": "report", "paper_status": "none"},
        count=meeting.agenda_items.count,
    )


def document_upload(users):
    meeting = MeetingFactory()
    content = pdf_bytes(1)
    return Form(
        url=reverse("meetings:manage-document-upload", args=[meeting.pk]),
        data=lambda: {
            "title": "Commissioner's Update Report",
            "kind": "report",
            "file": SimpleUploadedFile("update.pdf", content),
        },
        count=meeting.documents.count,
    )


def attendee_add(users):
    meeting, person = MeetingFactory(), PersonFactory()
    return Form(
        url=reverse("meetings:manage-attendee-add", args=[meeting.pk]),
        page=reverse("meetings:manage-attendance", args=[meeting.pk]),
        prefix="attendee-",
        data=lambda: {"person": person.pk, "capacity": "in_attendance", "status": "present"},
        count=meeting.attendances.count,
    )


def declaration_add(users):
    meeting, person = MeetingFactory(), PersonFactory()
    return Form(
        url=reverse("meetings:manage-declaration-add", args=[meeting.pk]),
        page=reverse("meetings:manage-attendance", args=[meeting.pk]),
        prefix="declaration-",
        data=lambda: {"person": person.pk, "kind": "other", "text": "A member of the board."},
        count=meeting.declarations.count,
    )


def public_question_add(users):
    meeting = MeetingFactory()
    return Form(
        url=reverse("meetings:manage-public-question-add", args=[meeting.pk]),
        page=reverse("meetings:manage-attendance", args=[meeting.pk]),
        prefix="question-",
        data=lambda: {"asker": "A resident", "question": "What is being done about speeding?"},
        count=meeting.public_questions.count,
    )


def minute_add(users):
    meeting = MeetingFactory(status=HELD)
    return Form(
        url=reverse("meetings:manage-minute-add", args=[meeting.pk]),
        page=reverse("meetings:manage-minutes", args=[meeting.pk]),
        data=lambda: {"number": "24", "title": "Minutes of the previous meeting."},
        count=meeting.minutes.count,
    )


def minute_point_add(users):
    minute = MinuteFactory(meeting=MeetingFactory(status=HELD))
    return Form(
        url=reverse("meetings:manage-minute-point-add", args=[minute.meeting_id, minute.pk]),
        page=reverse("meetings:manage-minutes", args=[minute.meeting_id]),
        prefix=f"point-{minute.pk}-",
        data=lambda: {"text": "Figures on rural crime were requested."},
        count=minute.points.count,
    )


def resolution_add(users):
    minute = MinuteFactory(meeting=MeetingFactory(status=HELD))
    return Form(
        url=reverse("meetings:manage-resolution-add", args=[minute.meeting_id, minute.pk]),
        page=reverse("meetings:manage-minutes", args=[minute.meeting_id]),
        prefix=f"resolution-{minute.pk}-",
        data=lambda: {"kind": "request_response", "text": "That the PCC respond in writing."},
        count=minute.resolutions.count,
    )


ITEM_FIELDS = {
    "addressee": "pcc",
    "requested_by": "panel",
    "response_wanted": "written_response",
    "due_kind": "date",
    "due_date": "2099-12-02",
}


def item_create_by_hand(users):
    body = BodyFactory()
    return Form(
        url=reverse("scrutiny:item-create"),
        data=lambda: (
            ITEM_FIELDS
            | {
                "text": "Report back on ASB.",
                "source": "manual",
                "source_document": "Agenda pack",
                "body": body.pk,
            }
        ),
        count=TrackedItem.objects.count,
    )


def item_create_from_resolution(users):
    resolution = ResolutionFactory(minute=MinuteFactory(number=29), label="(c)")
    return Form(
        url=f"{reverse('scrutiny:item-create')}?resolution={resolution.pk}",
        data=lambda: ITEM_FIELDS | {"text": resolution.text},
        count=TrackedItem.objects.count,
    )


def grant_question(users):
    BodyFactory()  # the panel the question is asked on behalf of
    award = AwardFactory()
    return Form(
        url=f"{reverse('scrutiny:item-create')}?grant_award={award.pk}",
        data=lambda: {"question": "How many young people took part?", "due_date": "2099-12-02"},
        count=TrackedItem.objects.count,
    )


def response_first_draft(users):
    item = TrackedItemFactory()
    return Form(
        url=reverse("scrutiny:response-edit", args=[item.pk]),
        data=lambda: {
            "body": "The PCC will respond.",
            "position": "answered",
            "version": "0",
            "action": "save",
        },
        count=Response.objects.count,
    )


def response_review(users):
    response = ResponseFactory(
        item__response_status=TrackedItem.ResponseStatus.RECEIVED, author=users["opcc"]
    )
    return Form(
        url=reverse("scrutiny:response-review", args=[response.item_id, response.pk]),
        data=lambda: {"outcome": "accepted"},
        count=Review.objects.count,
    )


def cgb_meeting_create(users):
    body, _ = cgb_board()
    return Form(
        url=reverse("governance:cgb-meeting-create"),
        data=lambda: {"date": "2025-01-15", "start_time": "10:00"},
        count=Meeting.objects.filter(body=body).count,
    )


def cgb_attendance_add(users):
    _, meeting = cgb_board()
    person = PersonFactory()
    return Form(
        url=reverse("governance:cgb-attendance-add", args=[meeting.pk]),
        page=reverse("governance:cgb-meeting", args=[meeting.pk]),
        data=lambda: {"person": person.pk, "office": "opcc", "role_text": "Chief Executive"},
        count=meeting.attendances.count,
    )


def cgb_item_add(users):
    _, meeting = cgb_board()
    return Form(
        url=reverse("governance:cgb-item-add", args=[meeting.pk]),
        page=reverse("governance:cgb-meeting", args=[meeting.pk]),
        data=lambda: {"number": "5", "title": "Estates strategy"},
        count=meeting.agenda_items.count,
    )


def cgb_request_create(users):
    _, meeting = cgb_board()
    agenda_item = AgendaItemFactory(meeting=meeting, number="4b")
    return Form(
        url=reverse("governance:cgb-request-create", args=[agenda_item.pk]),
        data=lambda: {
            "text": "Return with an update.",
            "addressee": "force",
            "due_date": "2099-01-01",
        },
        count=TrackedItem.objects.count,
    )


def cgb_outcome_record(users):
    _, meeting = cgb_board()
    item = board.cgb_request_create(
        actor=users["opcc"],
        agenda_item=AgendaItemFactory(meeting=meeting, number="4b"),
        text="Return with an update.",
        addressee="force",
        due_date=datetime.date(2099, 1, 1),
    )
    return Form(
        url=reverse("governance:cgb-outcome", args=[item.pk]),
        data=lambda: {"meeting": meeting.pk, "outcome": "A year-old report.", "accepted": "no"},
        count=DomainEvent.objects.filter(object_id=item.pk, verb="item.reopened").count,
    )


def cgb_report_attach(users):
    _, meeting = cgb_board()
    panel_item = AgendaItemFactory(meeting=MeetingFactory(), number="7")
    return Form(
        url=reverse("governance:cgb-report", args=[meeting.pk]),
        data=lambda: {"agenda_item": panel_item.pk},
        count=Document.objects.filter(kind=Document.Kind.CGB_REPORT).count,
    )


def action_log_attach(users):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Action log")
    return Form(
        url=reverse("scrutiny:action-log-attach", args=[meeting.pk]),
        page=reverse("scrutiny:action-log", args=[meeting.pk]),
        data=dict,
        count=Document.objects.filter(kind=Document.Kind.ACTION_LOG).count,
    )


def round_create(users):
    fund = FundFactory()
    return Form(
        url=reverse("grants:round-create"),
        data=lambda: {
            "fund": fund.pk,
            "name": "Safety Fund round 2",
            "opens_at": "2025-01-06",
            "closes_at": "2025-02-28",
            "budget": "50000",
        },
        count=GrantRound.objects.count,
    )


def criterion_add(users):
    grant_round = RoundFactory()
    return Form(
        url=reverse("grants:criterion-add", args=[grant_round.pk]),
        page=reverse("grants:round-detail", args=[grant_round.pk]),
        data=lambda: {"title": "Community benefit", "weight": "2", "max_score": "5"},
        count=Criterion.objects.count,
    )


def application_add(users):
    grant_round = RoundFactory()
    return Form(
        url=reverse("grants:application-add", args=[grant_round.pk]),
        data=lambda: {
            "organisation": "Boxing Club",
            "project_title": "Gloves on",
            "amount_requested": "5000",
        },
        count=Application.objects.count,
    )


def decision_record(users):
    grant_round = RoundFactory(status=GrantRound.Status.MODERATION)
    ApplicationFactory(round=grant_round, recommended=True)
    return Form(
        url=reverse("grants:decision-record", args=[grant_round.pk]),
        data=lambda: {"public_reference": "CSF-2025-R2", "decided_on": "2025-03-03"},
        count=Decision.objects.count,
    )


def payment_add(users):
    award = AwardFactory(amount=Decimal("10000"))
    return Form(
        url=reverse("grants:payment-add", args=[award.pk]),
        page=reverse("grants:award-detail", args=[award.pk]),
        data=lambda: {"due_on": "2025-04-01", "amount": "2500", "reference": ""},
        count=Payment.objects.count,
    )


def visit_create(users):
    organisation = OrganisationFactory()
    return Form(
        url=reverse("grants:visit-create"),
        data=lambda: {"organisation": organisation.pk, "visited_on": "2025-02-10"},
        count=DueDiligenceVisit.objects.count,
    )


# The URL name of each create view, who uses it, and how to fill its form.
CASES = {
    "meetings:manage-meeting-create": ("democratic", meeting_create),
    "meetings:manage-agenda-item-add": ("democratic", agenda_item_add),
    "meetings:manage-document-upload": ("democratic", document_upload),
    "meetings:manage-attendee-add": ("democratic", attendee_add),
    "meetings:manage-declaration-add": ("democratic", declaration_add),
    "meetings:manage-public-question-add": ("democratic", public_question_add),
    "meetings:manage-minute-add": ("democratic", minute_add),
    "meetings:manage-minute-point-add": ("democratic", minute_point_add),
    "meetings:manage-resolution-add": ("democratic", resolution_add),
    "scrutiny:item-create": ("democratic", item_create_by_hand),
    "scrutiny:item-create?resolution": ("democratic", item_create_from_resolution),
    "scrutiny:item-create?grant_award": ("member", grant_question),
    "scrutiny:response-edit": ("opcc", response_first_draft),
    "scrutiny:response-review": ("member", response_review),
    "governance:cgb-meeting-create": ("opcc", cgb_meeting_create),
    "governance:cgb-attendance-add": ("opcc", cgb_attendance_add),
    "governance:cgb-item-add": ("opcc", cgb_item_add),
    "governance:cgb-request-create": ("opcc", cgb_request_create),
    "governance:cgb-outcome": ("opcc", cgb_outcome_record),
    "governance:cgb-report": ("opcc", cgb_report_attach),
    "scrutiny:action-log-attach": ("democratic", action_log_attach),
    "grants:round-create": ("opcc", round_create),
    "grants:criterion-add": ("opcc", criterion_add),
    "grants:application-add": ("opcc", application_add),
    "grants:decision-record": ("opcc", decision_record),
    "grants:payment-add": ("opcc", payment_add),
    "grants:visit-create": ("opcc", visit_create),
}
