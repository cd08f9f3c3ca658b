"""The public meetings pages: who may see what, exempt content, minutes status, search, the
decision register and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Declaration, Meeting, Resolution
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    PersonFactory,
    PublicQuestionFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC)
SECRET = "OPERATIONAL-SECRET-TEXT"


def published_minutes_meeting(**kwargs) -> Meeting:
    defaults = {
        "published": True,
        "status": Meeting.Status.MINUTES_DRAFT,
        "minutes_published_at": PUBLISHED_AT,
    }
    return MeetingFactory(**{**defaults, **kwargs})


@pytest.fixture
def public_meeting() -> Meeting:
    meeting = published_minutes_meeting()
    item = AgendaItemFactory(
        meeting=meeting, number="6", title="Presentation of a New Draft Police and Crime Plan."
    )
    minute = MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        number=29,
        title="Presentation of a New Draft Police and Crime Plan.",
    )
    MinutePointFactory(
        minute=minute,
        position=1,
        label="(iv)",
        text="The Panel were pleased that the Plan set out the intention to address the "
        "illegal use of e-scooters.",
    )
    ResolutionFactory(
        minute=minute,
        position=1,
        label="(c)",
        text="That the PCC be requested to submit a written response addressing the comments.",
    )
    return meeting


@pytest.fixture
def private_meeting() -> Meeting:
    meeting = MeetingFactory(
        published=True,
        session=Meeting.Session.PRIVATE,
        minutes_published_at=PUBLISHED_AT,
        title="Private briefing",
    )
    minute = MinuteFactory(meeting=meeting, number=90, title="Confidential update")
    ResolutionFactory(minute=minute, text=f"That the {SECRET} be noted.")
    return meeting


@pytest.fixture
def unpublished_meeting() -> Meeting:
    return MeetingFactory(title="Not yet published")


# --- Who may see what ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "member", "democratic"])
def test_meeting_list_open_to_everyone(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:meeting-list"))
    assert response.status_code == 200
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )


def test_meeting_list_hides_private_and_unpublished(
    client_as, private_meeting, unpublished_meeting
):
    response = client_as(None).get(reverse("meetings:meeting-list"))
    for meeting in (private_meeting, unpublished_meeting):
        assert reverse("meetings:meeting-detail", args=[meeting.pk]).encode() not in (
            response.content
        )


@pytest.mark.parametrize("role", [None, "member", "opcc"])
def test_public_meeting_page_open_to_everyone(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert response.status_code == 200
    assert b"e-scooters" in response.content


@pytest.mark.parametrize("fixture", ["private_meeting", "unpublished_meeting"])
def test_private_or_unpublished_meeting_is_404_for_the_public(client_as, request, fixture):
    meeting = request.getfixturevalue(fixture)
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["member", "opcc", "democratic", "admin"])
@pytest.mark.parametrize("fixture", ["private_meeting", "unpublished_meeting"])
def test_staff_can_read_private_and_unpublished_meetings(client_as, request, fixture, role):
    meeting = request.getfixturevalue(fixture)
    response = client_as(role).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert b"Not public" in response.content


def test_unpublished_minutes_are_not_shown_to_the_public(client_as):
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting, number=5, preamble=f"Draft not yet out: {SECRET}")
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    assert SECRET.encode() not in client_as(None).get(url).content
    assert b"have not been published yet" in client_as(None).get(url).content
    assert SECRET.encode() in client_as("democratic").get(url).content


# --- Exempt, withdrawn and redacted content ----------------------------------------------


@pytest.fixture
def exempt_meeting() -> Meeting:
    meeting = published_minutes_meeting()
    item = AgendaItemFactory(
        meeting=meeting,
        number="12",
        title="Operational Summary",
        exempt=True,
        exempt_reason="Paragraph 7 of Schedule 12A",
        description=f"Description {SECRET}",
    )
    DocumentFactory(meeting=meeting, agenda_item=item, title=f"Paper {SECRET}")
    open_item = AgendaItemFactory(meeting=meeting, number="5", title="Finance Update.")
    DocumentFactory(meeting=meeting, agenda_item=open_item, title="Exempt appendix", exempt=True)
    DocumentFactory(meeting=meeting, agenda_item=open_item, title="Finance report")
    AgendaItemFactory(
        meeting=meeting,
        number="9",
        title="Rape Offences.",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Deferred to February",
    )
    minute = MinuteFactory(
        meeting=meeting, agenda_item=item, number=40, title="Operational Summary"
    )
    minute.preamble = f"Preamble {SECRET}"
    minute.save()
    MinutePointFactory(minute=minute, text=f"Point {SECRET}")
    ResolutionFactory(minute=minute, text=f"Resolution {SECRET}")
    return meeting


def test_exempt_item_shows_title_and_exempt_only(client_as, exempt_meeting):
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    content = response.content.decode()
    assert "Operational Summary" in content
    assert "Exempt" in content
    assert SECRET not in content
    assert "Paragraph 7" not in content
    assert "Exempt appendix" not in content
    assert "Finance report" in content


def test_withdrawn_item_is_marked(client_as, exempt_meeting):
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    assert b"Withdrawn" in response.content
    assert b"Deferred to February" in response.content


def test_staff_see_exempt_content(client_as, exempt_meeting):
    response = client_as("member").get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    assert SECRET.encode() in response.content


def test_exempt_paper_cannot_be_downloaded_by_the_public(client_as, exempt_meeting):
    exempt_docs = exempt_meeting.documents.filter(title__contains="xempt") | (
        exempt_meeting.documents.filter(agenda_item__exempt=True)
    )
    for document in exempt_docs:
        url = reverse("meetings:document-download", args=[exempt_meeting.pk, document.pk])
        assert client_as(None).get(url).status_code == 404
        assert client_as("member").get(url).status_code == 200
    public_doc = exempt_meeting.documents.get(title="Finance report")
    url = reverse("meetings:document-download", args=[exempt_meeting.pk, public_doc.pk])
    response = client_as(None).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_paper_of_private_meeting_is_404(client_as, private_meeting):
    document = DocumentFactory(meeting=private_meeting)
    url = reverse("meetings:document-download", args=[private_meeting.pk, document.pk])
    assert client_as(None).get(url).status_code == 404


def test_redacted_sections_are_hidden_from_the_public(client_as):
    meeting = MeetingFactory(published=True)
    AgendaItemFactory(
        meeting=meeting,
        title="Operational Summary (Redacted)",
        overview=f"Overview {SECRET}",
        pcc_response="PCC response text",
        redacted=True,
        redaction_reason="Operational",
    )
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert SECRET.encode() not in response.content
    assert b"Redacted" in response.content


def test_exempt_minutes_never_match_search_or_decisions(client_as, exempt_meeting):
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": SECRET})
    assert reverse("meetings:meeting-detail", args=[exempt_meeting.pk]).encode() not in (
        response.content
    )
    response = client_as(None).get(reverse("meetings:decision-list"))
    assert SECRET.encode() not in response.content
    resolution = Resolution.objects.get(text__contains=SECRET)
    url = reverse("meetings:decision-detail", args=[resolution.pk])
    assert client_as(None).get(url).status_code == 404


# --- Attendance, declarations, questions, minutes status ---------------------------------


def test_meeting_page_shows_attendance_by_capacity(client_as, public_meeting):
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Mrs D. Taylor CC"),
        in_the_chair=True,
    )
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Simon Whelband"),
        status=Attendance.Status.APOLOGIES,
    )
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Rupert Matthews"),
        capacity=Attendance.Capacity.IN_ATTENDANCE,
        role_text="Police and Crime Commissioner",
    )
    DeclarationFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Keith Culverwell"),
        kind=Declaration.Kind.STANDING,
        text="Two family members were in the Police Force.",
    )
    PublicQuestionFactory(meeting=public_meeting, asker="A resident")
    content = (
        client_as(None)
        .get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
        .content.decode()
    )
    assert "Mrs D. Taylor CC (in the Chair)" in content
    assert "<strong>Apologies:</strong> Simon Whelband" in content
    assert "In attendance" in content
    assert "Rupert Matthews – Police and Crime Commissioner" in content
    assert "Two family members were in the Police Force." in content
    assert "Question from A resident" in content


def test_draft_minutes_are_marked_draft(client_as, public_meeting):
    content = client_as(None).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert b"DRAFT minutes" in content.content
    assert b"(iv)" in content.content
    assert b"RESOLVED:" in content.content
    assert b"(c)" in content.content


def test_confirmed_minutes_show_the_date(client_as, public_meeting):
    later = MeetingFactory(
        body=public_meeting.body, date=datetime.date(2024, 12, 2), published=True
    )
    public_meeting.status = Meeting.Status.MINUTES_CONFIRMED
    public_meeting.minutes_confirmed_on = later.date
    public_meeting.minutes_confirmed_at = later
    public_meeting.save()
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert b"Confirmed on 2 December 2024" in response.content
    assert b"DRAFT minutes" not in response.content


def test_agenda_shows_page_ranges(client_as):
    meeting = MeetingFactory(published=True)
    AgendaItemFactory(
        meeting=meeting,
        number="1",
        title="Minutes of the meeting held on 28 October 2024.",
        kind=AgendaItem.Kind.MINUTES,
        page_start=3,
        page_end=8,
    )
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert b"Pages 3 - 8" in response.content


def test_published_responses_show_on_the_public_pages(client_as, users, public_meeting):
    from scrutiny import services as tracker

    resolution = Resolution.objects.get(minute__meeting=public_meeting)
    MeetingFactory(body=public_meeting.body, date=public_meeting.date + datetime.timedelta(days=35))
    item = tracker.item_create(
        actor=users["democratic"],
        resolution=resolution,
        title="",
        text=resolution.text,
        addressee="pcc",
        due_kind="next_meeting",
    )
    draft = tracker.response_save_draft(
        actor=users["opcc"], item=item, body="The PCC's *written* response."
    )
    meeting_url = reverse("meetings:meeting-detail", args=[public_meeting.pk])
    decision_url = reverse("meetings:decision-detail", args=[resolution.pk])
    page = client_as(None).get(meeting_url).content.decode()
    assert item.reference in page and "written</em> response" not in page  # a draft
    tracker.response_submit(actor=users["opcc"], response=draft)
    for url in (meeting_url, decision_url):
        page = client_as(None).get(url).content.decode()
        assert item.reference in page
        assert "The PCC's <em>written</em> response." in page


# --- Search and lists ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["e-scooters", "written response", "New Draft Police", "Crime Plan"]
)
def test_search_finds_meeting_by_minutes_and_agenda(client_as, public_meeting, query):
    other = MeetingFactory(published=True, date=datetime.date(2024, 9, 23))
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": query})
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert reverse("meetings:meeting-detail", args=[other.pk]).encode() not in response.content


def test_search_ignores_private_meetings(client_as, private_meeting):
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": SECRET})
    assert b"0 meetings found" in response.content


def test_meeting_list_filters_by_body(client_as, public_meeting):
    other = MeetingFactory(published=True, body=BodyFactory(name="Corporate Governance Board"))
    response = client_as(None).get(
        reverse("meetings:meeting-list"), {"body": public_meeting.body.slug}
    )
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert reverse("meetings:meeting-detail", args=[other.pk]).encode() not in response.content


def test_meeting_list_splits_upcoming_and_past(client_as):
    today = datetime.date.today()
    MeetingFactory(published=True, date=today + datetime.timedelta(days=30))
    MeetingFactory(published=True, date=today - datetime.timedelta(days=30))
    content = client_as(None).get(reverse("meetings:meeting-list")).content
    assert b"Upcoming meetings" in content
    assert b"Past meetings" in content


def test_meeting_list_htmx_returns_the_results_fragment(client_as, public_meeting):
    response = client_as(None).get(
        reverse("meetings:meeting-list"), {"q": "e-scooters"}, HTTP_HX_REQUEST="true"
    )
    assert response.content.lstrip().startswith(b'<div id="meeting-results">')


def _meetings(count: int) -> None:
    body = BodyFactory()
    for day in range(count):
        meeting = published_minutes_meeting(
            body=body, date=datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        )
        minute = MinuteFactory(meeting=meeting)
        ResolutionFactory(minute=minute)


def test_meeting_list_query_count_does_not_grow(client_as, django_assert_num_queries):
    client = client_as(None)
    _meetings(2)
    # The bodies for the filter, the count and the page.
    with django_assert_num_queries(3) as first:
        client.get(reverse("meetings:meeting-list"), {"q": "update"})
    _meetings(8)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("meetings:meeting-list"), {"q": "update"})
    assert response.status_code == 200
    # Without a search the upcoming meetings are listed too.
    with django_assert_num_queries(4):
        client.get(reverse("meetings:meeting-list"))


def test_decision_list_query_count_does_not_grow(client_as, django_assert_num_queries):
    client = client_as(None)
    _meetings(2)
    with django_assert_num_queries(3) as first:
        client.get(reverse("meetings:decision-list"))
    _meetings(8)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("meetings:decision-list"))
    assert response.content.count(b'<a class="govuk-link" href="/decisions/') == 10


# --- Decision register ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "member"])
def test_decision_list_shows_published_resolutions(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:decision-list"))
    assert response.status_code == 200
    assert b"submit a written response" in response.content


def test_decision_list_hides_unpublished_minutes_and_private_meetings(client_as, private_meeting):
    held = MeetingFactory(published=True, status=Meeting.Status.HELD)
    ResolutionFactory(minute=MinuteFactory(meeting=held), text="Not yet published decision")
    response = client_as(None).get(reverse("meetings:decision-list"))
    assert SECRET.encode() not in response.content
    assert b"Not yet published decision" not in response.content


def test_decision_list_filters(client_as, public_meeting):
    other_body = BodyFactory(name="Corporate Governance Board")
    older = published_minutes_meeting(body=other_body, date=datetime.date(2020, 7, 28))
    ResolutionFactory(
        minute=MinuteFactory(meeting=older, number=23),
        text="That a letter be written to the Home Secretary",
        kind=Resolution.Kind.WRITE_LETTER,
    )
    url = reverse("meetings:decision-list")
    client = client_as(None)
    by_kind = client.get(url, {"kind": "write_letter"}).content
    assert b"Home Secretary" in by_kind and b"written response" not in by_kind
    by_body = client.get(url, {"body": public_meeting.body.slug}).content
    assert b"Home Secretary" not in by_body and b"written response" in by_body
    by_date = client.get(url, {"date_from": "2024-01-01", "date_to": "2024-12-31"}).content
    assert b"Home Secretary" not in by_date and b"written response" in by_date
    bad = client.get(url, {"date_from": "not a date"})
    assert bad.status_code == 200
    assert b"Enter a real date" in bad.content


def test_decision_detail_public_with_minute_context(client_as, public_meeting):
    resolution = Resolution.objects.get(minute__meeting=public_meeting)
    response = client_as(None).get(reverse("meetings:decision-detail", args=[resolution.pk]))
    assert response.status_code == 200
    assert b"e-scooters" in response.content
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert resolution.get_absolute_url() == f"/decisions/{resolution.pk}/"


def test_decision_detail_404_for_private_and_unpublished(client_as, private_meeting):
    resolution = Resolution.objects.get(minute__meeting=private_meeting)
    url = reverse("meetings:decision-detail", args=[resolution.pk])
    assert client_as(None).get(url).status_code == 404
    assert client_as("member").get(url).status_code == 200


def test_navigation_lists_public_pages_and_manage_for_staff(client_as):
    public = client_as(None).get(reverse("core:home")).content
    assert b'href="/meetings/"' in public and b'href="/decisions/"' in public
    assert b'href="/manage/meetings/"' not in public
    staff = client_as("democratic").get(reverse("core:home")).content
    assert b'href="/manage/meetings/"' in staff


def test_search_uses_full_text_on_postgresql_and_icontains_elsewhere():
    from django.db import connection

    from meetings.models import Minute
    from meetings.search import text_filter

    sql = str(text_filter(Minute.objects.all(), ["title", "preamble"], "arrests").query)
    if connection.vendor == "postgresql":
        assert "to_tsvector" in sql and "websearch_to_tsquery" in sql
    else:
        assert "LIKE" in sql.upper()
