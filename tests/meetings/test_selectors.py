"""The meetings selectors: the lists apply the FilterSets of meetings.filters to the query string
they are given (a value nobody could mean is ignored or reported, never sent on to the database);
the staff screens read every meeting; the portal's reads give each reader what the visibility
policy allows, and the public nothing private, unpublished, exempt or withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from core.visibility import PUBLIC, Reader
from meetings import selectors
from meetings.models import Attendance, Declaration, Document, Meeting, Membership, Resolution
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    MinutePointFactory,
    PublicQuestionFactory,
    ResolutionFactory,
)
from tests.meetings.portal import published_minutes_meeting

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 11, 1)
STAFF = Reader(internal=True)
WITHDRAWN = datetime.datetime(2024, 10, 20, 9, 0, tzinfo=datetime.UTC)


def params(query: str) -> QueryDict:
    return QueryDict(query)


def test_public_list_splits_past_and_upcoming_and_filters_by_body() -> None:
    panel, board = BodyFactory(slug="panel"), BodyFactory(slug="board")
    past = MeetingFactory(published=True, body=panel, date=datetime.date(2024, 10, 28))
    coming = MeetingFactory(published=True, body=panel, date=datetime.date(2024, 12, 2))
    MeetingFactory(published=True, body=board, date=datetime.date(2024, 10, 1))
    listing = selectors.meeting_list_public(params=params("body=panel"), today=TODAY)
    assert list(listing.results) == [past] and listing.upcoming == [coming]
    assert listing.body_slug == "panel" and listing.query == ""


def test_public_list_search_lists_every_match_and_no_upcoming() -> None:
    found = MeetingFactory(published=True, title="E-scooters", date=datetime.date(2024, 12, 2))
    MeetingFactory(published=True, title="Budget", date=datetime.date(2024, 10, 2))
    listing = selectors.meeting_list_public(params=params("q=scooters"), today=TODAY)
    assert list(listing.results) == [found] and listing.upcoming == []
    assert listing.query == "scooters"


def test_public_list_ignores_text_holding_a_nul_byte() -> None:
    meeting = MeetingFactory(published=True, date=datetime.date(2024, 10, 2))
    listing = selectors.meeting_list_public(params=params("body=a%00b&q=a%00b"), today=TODAY)
    assert (listing.query, listing.body_slug) == ("", "")
    assert list(listing.results) == [meeting]


def test_public_list_shows_no_private_or_unpublished_meeting() -> None:
    MeetingFactory(title="Not yet published", date=datetime.date(2024, 10, 2))
    MeetingFactory(published=True, session=Meeting.Session.PRIVATE, date=datetime.date(2024, 10, 3))
    assert not selectors.meeting_list_public(params=params(""), today=TODAY).results.exists()
    public = MeetingFactory(published=True, date=datetime.date(2024, 10, 4))
    listing = selectors.meeting_list_public(params=params(""), today=TODAY)
    assert list(listing.results) == [public]  # the same list does show a public meeting


def test_staff_list_filters_by_body_id_and_ignores_an_odd_one() -> None:
    kept, other = MeetingFactory(), MeetingFactory()
    filtered = selectors.meeting_list_for_staff(params=params(f"body={kept.body_id}"))
    assert list(filtered) == [kept]
    for odd in ("9" * 30, "-1", "abc", "²"):
        assert set(selectors.meeting_list_for_staff(params=params(f"body={odd}"))) == {
            kept,
            other,
        }


def _decision(kind: str, day: datetime.date) -> Resolution:
    published = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    meeting = MeetingFactory(published=True, date=day, minutes_published_at=published)
    return ResolutionFactory(minute=MinuteFactory(meeting=meeting), kind=kind)


def test_decision_register_filters_by_kind_and_date() -> None:
    noted = _decision(Resolution.Kind.NOTE, datetime.date(2024, 10, 28))
    _decision(Resolution.Kind.APPROVE, datetime.date(2024, 10, 28))
    older = _decision(Resolution.Kind.NOTE, datetime.date(2023, 6, 1))
    by_kind = selectors.decision_list_public(params=params("kind=note"))
    assert list(by_kind.results) == [noted, older]
    since = selectors.decision_list_public(params=params("kind=note&date_from=2024-01-01"))
    assert list(since.results) == [noted]


def test_decision_register_lists_everything_while_a_filter_is_wrong() -> None:
    decision = _decision(Resolution.Kind.NOTE, datetime.date(2024, 10, 28))
    wrong = selectors.decision_list_public(params=params("date_from=2024-13-45"))
    assert list(wrong.results) == [decision]
    assert "date_from" in wrong.form.errors


# --- Staff screens ---------------------------------------------------------------------------


def test_staff_reads_bodies_by_name_and_any_meeting_by_its_id() -> None:
    zeta, alpha = BodyFactory(name="Zeta Board"), BodyFactory(name="Alpha Panel")
    private = MeetingFactory(body=zeta, session=Meeting.Session.PRIVATE)
    assert list(selectors.body_list_for_staff()) == [alpha, zeta]
    assert selectors.meeting_for_staff(pk=private.pk) == private  # unpublished and private too
    with pytest.raises(Meeting.DoesNotExist):
        selectors.meeting_for_staff(pk=private.pk + 1000)


def test_previous_meeting_skips_cancelled_ones_and_other_bodies() -> None:
    body = BodyFactory()
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 7, 1))
    MeetingFactory(
        body=body,
        date=datetime.date(2024, 9, 1),
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Not quorate",
    )
    MeetingFactory(date=datetime.date(2024, 10, 1))  # another body's
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 10, 28))
    assert selectors.meeting_previous(meeting=meeting) == earlier
    assert selectors.meeting_previous_on(body=body, date=meeting.date) == earlier
    assert selectors.meeting_previous(meeting=earlier) is None


def test_minutes_may_be_confirmed_at_later_meetings_once_scheduled_past() -> None:
    body = BodyFactory()
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 7, 1))
    later = MeetingFactory(body=body, date=datetime.date(2024, 10, 28), published=True)
    MeetingFactory(body=body, date=datetime.date(2024, 12, 2))  # still only scheduled
    MeetingFactory(
        body=body,
        date=datetime.date(2024, 9, 2),
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Not quorate",
    )
    MeetingFactory(date=datetime.date(2024, 9, 3), published=True)  # another body's
    assert list(selectors.meetings_for_confirmation(meeting=meeting)) == [later]


def test_the_agenda_builder_lists_every_item_with_its_current_papers() -> None:
    meeting = MeetingFactory()
    second = AgendaItemFactory(meeting=meeting, position=2)
    first = AgendaItemFactory(meeting=meeting, position=1, exempt=True, exempt_reason="Paragraph 7")
    paper = DocumentFactory(meeting=meeting, agenda_item=first)
    DocumentFactory(meeting=meeting, agenda_item=first, withdrawn_at=WITHDRAWN)
    AgendaItemFactory()  # another meeting's
    items = list(selectors.agenda_items_for_builder(meeting=meeting))
    assert items == [first, second]
    assert list(items[0].documents.all()) == [paper]


def test_the_register_lists_the_expected_members_and_anyone_else_recorded() -> None:
    meeting = MeetingFactory()
    chair = MembershipFactory(body=meeting.body, role=Membership.Role.CHAIRMAN)
    MembershipFactory(body=meeting.body, end_date=datetime.date(2024, 9, 1))  # left before
    present = AttendanceFactory(meeting=meeting, person=chair.person)
    guest = AttendanceFactory(meeting=meeting, capacity=Attendance.Capacity.IN_ATTENDANCE)
    register = selectors.attendance_register(meeting=meeting)
    assert [s.person for s in register.expected] == [chair.person]
    assert register.expected[0].attendance == present and register.expected[0].is_member
    assert register.others == [guest]
    assert set(selectors.attendance_for_meeting(meeting=meeting)) == {present, guest}


def test_declarations_of_the_meeting_and_standing_ones_made_before() -> None:
    body = BodyFactory()
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 7, 1))
    standing = DeclarationFactory(meeting=earlier, kind=Declaration.Kind.STANDING)
    DeclarationFactory(meeting=earlier)  # a one-off declaration does not stand
    DeclarationFactory(meeting=MeetingFactory(date=datetime.date(2024, 7, 2)),
                       kind=Declaration.Kind.STANDING)  # another body's  # fmt: skip
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 10, 28))
    made = DeclarationFactory(meeting=meeting)
    assert list(selectors.declarations_for_meeting(meeting=meeting)) == [made]
    assert list(selectors.declarations_standing_before(meeting=meeting)) == [standing]
    assert not selectors.declarations_standing_before(meeting=earlier).exists()


def test_public_questions_in_agenda_order() -> None:
    meeting = MeetingFactory()
    second = PublicQuestionFactory(meeting=meeting, position=2)
    first = PublicQuestionFactory(meeting=meeting, position=1)
    PublicQuestionFactory()  # another meeting's
    assert list(selectors.public_questions_for_meeting(meeting=meeting)) == [first, second]


def test_the_minutes_editor_offers_the_next_labels() -> None:
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    later = MinuteFactory(meeting=meeting, number=31)
    minute = MinuteFactory(meeting=meeting, number=30)
    MinutePointFactory(minute=minute, label="(i)")
    ResolutionFactory(minute=minute, label="(a)")
    ResolutionFactory(minute=minute, label="(b)")
    blocks = selectors.minutes_for_editor(meeting=meeting)
    assert [b.minute for b in blocks] == [minute, later]
    assert (blocks[0].next_point_label, blocks[0].next_resolution_label) == ("(ii)", "(c)")
    assert (blocks[1].points, blocks[1].resolutions) == ([], [])


# --- Public portal: what each reader may read -------------------------------------------------


def test_the_public_sees_published_public_meetings_and_staff_see_every_one() -> None:
    public = MeetingFactory(published=True, body=BodyFactory(name="Panel"))
    private = MeetingFactory(published=True, session=Meeting.Session.PRIVATE)
    unpublished = MeetingFactory()
    assert list(selectors.meetings_public()) == [public]
    assert list(selectors.meetings_visible(reader=PUBLIC)) == [public]
    assert set(selectors.meetings_visible(reader=STAFF)) == {public, private, unpublished}
    assert list(selectors.body_list_public()) == [public.body]
    assert selectors.meeting_for_public(pk=public.pk, reader=PUBLIC) == public
    assert selectors.meeting_for_public(pk=private.pk, reader=STAFF) == private
    for hidden in (private, unpublished):
        with pytest.raises(Meeting.DoesNotExist):
            selectors.meeting_for_public(pk=hidden.pk, reader=PUBLIC)


def test_minutes_are_visible_to_the_public_only_once_published() -> None:
    published = published_minutes_meeting()
    agenda_only = MeetingFactory(published=True)
    assert selectors.minutes_visible(meeting=published, reader=PUBLIC)
    assert not selectors.minutes_visible(meeting=agenda_only, reader=PUBLIC)
    assert selectors.minutes_visible(meeting=agenda_only, reader=STAFF)


@pytest.fixture
def exempt_setting() -> dict:
    meeting = published_minutes_meeting()
    open_item = AgendaItemFactory(meeting=meeting, position=1, description="Open description")
    exempt = AgendaItemFactory(
        meeting=meeting, position=2, exempt=True, description="Secret", exempt_reason="Paragraph 7"
    )
    return {
        "meeting": meeting,
        "open_item": open_item,
        "exempt": exempt,
        "open_paper": DocumentFactory(meeting=meeting, agenda_item=open_item),
        "exempt_appendix": DocumentFactory(meeting=meeting, agenda_item=open_item, exempt=True),
        "exempt_paper": DocumentFactory(meeting=meeting, agenda_item=exempt),
        "withdrawn": DocumentFactory(
            meeting=meeting, agenda_item=open_item, withdrawn_at=WITHDRAWN
        ),
        "meeting_paper": DocumentFactory(meeting=meeting),
        "pack": DocumentFactory(meeting=meeting, kind=Document.Kind.AGENDA_PACK),
        "exempt_minute": MinuteFactory(meeting=meeting, agenda_item=exempt, number=41),
        "open_minute": MinuteFactory(meeting=meeting, agenda_item=open_item, number=40),
    }


def test_an_exempt_item_keeps_only_its_title_for_the_public(exempt_setting) -> None:
    s = exempt_setting
    shown, hidden = selectors.agenda_items_public(meeting=s["meeting"], reader=PUBLIC)
    assert (shown, hidden) == (s["open_item"], s["exempt"])
    assert shown.visible_documents == [s["open_paper"]] and not shown.content_hidden
    assert shown.description == "Open description"
    assert hidden.title and hidden.content_hidden  # the title stays, nothing else
    assert (hidden.visible_documents, hidden.description) == ([], "")
    staff_open, staff_exempt = selectors.agenda_items_public(meeting=s["meeting"], reader=STAFF)
    assert staff_open.visible_documents == [s["open_paper"], s["exempt_appendix"]]
    assert staff_exempt.visible_documents == [s["exempt_paper"]]
    assert staff_exempt.description == "Secret" and not staff_exempt.content_hidden


def test_papers_the_public_may_open(exempt_setting) -> None:
    s = exempt_setting
    meeting = s["meeting"]
    assert selectors.documents_for_meeting_public(meeting=meeting, reader=PUBLIC) == [
        s["meeting_paper"]
    ]  # not the generated pack, which the page links separately
    paper = selectors.document_for_public(meeting=meeting, pk=s["open_paper"].pk, reader=PUBLIC)
    assert paper == s["open_paper"]
    staff = selectors.document_for_public(meeting=meeting, pk=s["exempt_paper"].pk, reader=STAFF)
    assert staff == s["exempt_paper"]
    for name in ("exempt_paper", "exempt_appendix", "withdrawn"):
        with pytest.raises(Document.DoesNotExist):
            selectors.document_for_public(meeting=meeting, pk=s[name].pk, reader=PUBLIC)


def test_the_public_minutes_hide_an_exempt_minute_but_keep_its_number(exempt_setting) -> None:
    s = exempt_setting
    minutes = selectors.minutes_public(meeting=s["meeting"], reader=PUBLIC)
    assert minutes == [s["open_minute"], s["exempt_minute"]]
    assert [m.content_hidden for m in minutes] == [False, True]
    staff = selectors.minutes_public(meeting=s["meeting"], reader=STAFF)
    assert [m.content_hidden for m in staff] == [False, False]


def test_the_meeting_page_gathers_what_the_reader_may_see(exempt_setting) -> None:
    meeting = exempt_setting["meeting"]
    AttendanceFactory(meeting=meeting)
    page = selectors.meeting_page_public(meeting=meeting, reader=PUBLIC)
    assert page["meeting"] == meeting and page["internal"] is False
    assert [i.pk for i in page["agenda_items"]] == [
        exempt_setting["open_item"].pk,
        exempt_setting["exempt"].pk,
    ]
    assert page["meeting_documents"] == [exempt_setting["meeting_paper"]]
    assert page["show_minutes"] and len(page["minutes"]) == 2
    assert [g.capacity for g in page["attendance"]] == [Attendance.Capacity.MEMBER]
    agenda_only = MeetingFactory(published=True)
    MinuteFactory(meeting=agenda_only)
    unpublished = selectors.meeting_page_public(meeting=agenda_only, reader=PUBLIC)
    assert unpublished["meeting"] == agenda_only
    assert (unpublished["show_minutes"], unpublished["minutes"]) == (False, [])
    assert len(selectors.meeting_page_public(meeting=agenda_only, reader=STAFF)["minutes"]) == 1


def test_attendance_is_grouped_by_capacity_and_split_by_status() -> None:
    meeting = MeetingFactory()
    present = AttendanceFactory(meeting=meeting)
    apologies = AttendanceFactory(meeting=meeting, status=Attendance.Status.APOLOGIES)
    officer = AttendanceFactory(meeting=meeting, capacity=Attendance.Capacity.OPCC)
    members, opcc = selectors.attendance_public(meeting=meeting)
    assert members.is_members and (members.present, members.apologies) == ([present], [apologies])
    assert members.absent == []
    assert (opcc.label, opcc.present, opcc.is_members) == (
        "Office of the Police and Crime Commissioner",
        [officer],
        False,
    )


def test_the_public_reads_decisions_of_published_open_minutes_only(exempt_setting) -> None:
    s = exempt_setting
    open_decision = ResolutionFactory(minute=s["open_minute"])
    exempt_decision = ResolutionFactory(minute=s["exempt_minute"])
    unpublished = ResolutionFactory(minute=MinuteFactory(meeting=MeetingFactory(published=True)))
    assert list(selectors.resolutions_public()) == [open_decision]
    assert set(selectors.resolutions_public(reader=STAFF)) == {
        open_decision,
        exempt_decision,
        unpublished,
    }
    decision = selectors.decision_for_public(pk=open_decision.pk, reader=PUBLIC)
    assert decision == open_decision and decision.minute.meeting == s["meeting"]
    assert selectors.decision_for_public(pk=exempt_decision.pk, reader=STAFF) == exempt_decision
    for hidden in (exempt_decision, unpublished):
        with pytest.raises(Resolution.DoesNotExist):
            selectors.decision_for_public(pk=hidden.pk, reader=PUBLIC)


def test_the_calendar_and_the_feed_list_public_meetings_only() -> None:
    panel = BodyFactory(slug="panel")
    later = MeetingFactory(published=True, body=panel, date=datetime.date(2024, 12, 2))
    sooner = published_minutes_meeting(date=datetime.date(2024, 10, 28))
    MeetingFactory(published=True, session=Meeting.Session.PRIVATE)
    MeetingFactory()  # unpublished
    assert list(selectors.meetings_for_calendar()) == [sooner, later]
    assert list(selectors.meetings_for_calendar(body_slug="panel")) == [later]
    agendas, minutes = selectors.meetings_recently_published()
    assert set(agendas) == {later, sooner} and minutes == [sooner]
    assert selectors.meetings_recently_published(limit=1)[0] == [sooner]
