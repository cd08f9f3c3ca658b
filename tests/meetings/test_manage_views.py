"""Democratic services screens: who may use them, query counts, htmx fragments, bad input."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from meetings import services
from meetings.forms import DATE_INVALID
from meetings.manage_views import _common
from meetings.models import MEETING_END_BEFORE_START, AgendaItem, Document, Meeting, Minute
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

S = Meeting.Status
HX = {"HX-Request": "true"}
# Queries per page, whatever the number of rows: session, user, roles, the page's selectors.
LIST_QUERIES = 6
BUILDER_QUERIES = 6
EDITOR_QUERIES = 9
ATTENDANCE_QUERIES = 13


@pytest.fixture
def world():
    body = BodyFactory()
    meeting = MeetingFactory(body=body, status=S.HELD)
    person = MembershipFactory(body=body).person
    return {
        "meeting": meeting,
        "item": AgendaItemFactory(meeting=meeting),
        "minute": MinuteFactory(meeting=meeting),
        "person": person,
    }


def url_for(name: str, world: dict) -> str:
    m = world["meeting"].pk
    args = {
        "manage-meeting-list": [],
        "manage-meeting-create": [],
        "manage-agenda-item-edit": [m, world["item"].pk],
        "manage-agenda-item-move": [m, world["item"].pk],
        "manage-agenda-item-withdraw": [m, world["item"].pk],
        "manage-attendance-record": [m, world["person"].pk],
        "manage-minute-edit": [m, world["minute"].pk],
        "manage-minute-point-add": [m, world["minute"].pk],
        "manage-resolution-add": [m, world["minute"].pk],
    }.get(name, [m])
    return reverse(f"meetings:{name}", args=args)


GET_VIEWS = [
    "manage-meeting-list",
    "manage-meeting-create",
    "manage-meeting-detail",
    "manage-meeting-edit",
    "manage-agenda",
    "manage-agenda-item-edit",
    "manage-agenda-item-move",
    "manage-agenda-item-withdraw",
    "manage-document-upload",
    "manage-attendance",
    "manage-minutes",
    "manage-minute-edit",
]
POST_VIEWS = [
    "manage-meeting-create",
    "manage-meeting-edit",
    "manage-meeting-cancel",
    "manage-meeting-held",
    "manage-agenda-publish",
    "manage-agenda-item-add",
    "manage-agenda-item-edit",
    "manage-agenda-item-move",
    "manage-agenda-item-withdraw",
    "manage-document-upload",
    "manage-attendance-record",
    "manage-attendee-add",
    "manage-declaration-add",
    "manage-declarations-carry-forward",
    "manage-public-question-add",
    "manage-minute-add",
    "manage-minute-edit",
    "manage-minute-point-add",
    "manage-resolution-add",
    "manage-minutes-publish",
    "manage-minutes-confirm",
]


@pytest.mark.parametrize("name", GET_VIEWS)
def test_get_permissions(client_as, world, name) -> None:
    url = url_for(name, world)
    anonymous = client_as(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for role in ("member", "opcc"):
        assert client_as(role).get(url).status_code == 403
    for role in ("democratic", "admin"):
        assert client_as(role).get(url).status_code == 200


@pytest.mark.parametrize("name", POST_VIEWS)
def test_post_permissions(client_as, world, name) -> None:
    url = url_for(name, world)
    anonymous = client_as(None).post(url, {})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for role in ("member", "opcc"):
        assert client_as(role).post(url, {}).status_code == 403
    assert client_as("democratic").post(url, {}).status_code in (200, 302)


@pytest.mark.parametrize("name", ["manage-meeting-list", "manage-agenda", "manage-minutes"])
def test_pages_refuse_other_methods(client_as, world, name) -> None:
    assert client_as("democratic").delete(url_for(name, world)).status_code == 405


def test_unknown_meeting_is_404(client_as) -> None:
    assert (
        client_as("democratic").get(reverse("meetings:manage-agenda", args=[999])).status_code
        == 404
    )


# --- list pages: query counts that do not grow with rows --------------------------------------


def test_meeting_list_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    url = reverse("meetings:manage-meeting-list")
    MeetingFactory.create_batch(3)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    MeetingFactory.create_batch(27)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25


def test_meeting_list_filters_by_body_and_swaps_results_for_htmx(client_as) -> None:
    kept = MeetingFactory(title="Kept")
    MeetingFactory(title="Other")
    response = client_as("democratic").get(
        reverse("meetings:manage-meeting-list"), {"body": kept.body_id}, headers=HX
    )
    body = response.content.decode()
    assert "<html" not in body and 'id="meeting-results"' in body
    assert "Kept" in body and "Other" not in body
    boosted = client_as("democratic").get(
        reverse("meetings:manage-meeting-list"), headers={**HX, "HX-Boosted": "true"}
    )
    assert "<html" in boosted.content.decode()


def test_agenda_builder_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    few, many = MeetingFactory(), MeetingFactory()
    for meeting, n in ((few, 3), (many, 30)):
        for position in range(1, n + 1):
            item = AgendaItemFactory(meeting=meeting, position=position, number=str(position))
            Document.objects.create(
                meeting=meeting,
                agenda_item=item,
                title="R",
                file="documents/r.pdf",
                original_filename="r.pdf",
                content_type="application/pdf",
                size=1,
                sha256="x",
            )
    with django_assert_num_queries(BUILDER_QUERIES):
        client.get(reverse("meetings:manage-agenda", args=[few.pk]))
    with django_assert_num_queries(BUILDER_QUERIES):
        client.get(reverse("meetings:manage-agenda", args=[many.pk]))


def test_minutes_editor_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    body = BodyFactory()
    few = MeetingFactory(body=body, status=S.HELD, date=datetime.date(2024, 9, 23))
    many = MeetingFactory(body=body, status=S.HELD, date=datetime.date(2024, 10, 28))
    for meeting, n, start in ((few, 3, 1), (many, 30, 10)):
        for number in range(start, start + n):
            minute = MinuteFactory(meeting=meeting, number=number)
            MinutePointFactory(minute=minute, position=1)
            ResolutionFactory(minute=minute, position=1)
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(reverse("meetings:manage-minutes", args=[few.pk]))
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(reverse("meetings:manage-minutes", args=[many.pk]))


def test_attendance_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    few, many = MeetingFactory(), MeetingFactory()
    MembershipFactory.create_batch(3, body=few.body)
    MembershipFactory.create_batch(30, body=many.body)
    with django_assert_num_queries(ATTENDANCE_QUERIES):
        client.get(reverse("meetings:manage-attendance", args=[few.pk]))
    with django_assert_num_queries(ATTENDANCE_QUERIES):
        client.get(reverse("meetings:manage-attendance", args=[many.pk]))


# --- the journey's screens ---------------------------------------------------------------------


def meeting_data(**overrides):
    return {
        "body": BodyFactory().pk,
        "date": "2024-12-02",
        "start_time": "14:00",
        "end_time": "",
        "venue": "Sparkenhoe Committee Room, County Hall, Glenfield",
        "mode": "in_person",
        "session": "public",
        **overrides,
    }


def test_create_meeting_then_build_its_agenda(client_as) -> None:
    client = client_as("democratic")
    response = client.post(reverse("meetings:manage-meeting-create"), meeting_data())
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:manage-agenda", args=[meeting.pk])
    assert meeting.agenda_items.count() == 5


@pytest.mark.parametrize("date", ["2024-02-30", "31/02/2024", "next Tuesday"])
def test_invalid_dates_are_reported_next_to_the_field(client_as, date) -> None:
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-create"), meeting_data(date=date)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"date": [DATE_INVALID]}
    assert 'id="id_date-error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_end_before_start_is_reported_next_to_the_end_time(client_as) -> None:
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-create"), meeting_data(end_time="13:00")
    )
    assert response.context["form"].errors == {"end_time": [MEETING_END_BEFORE_START]}
    assert not Meeting.objects.exists()


def test_add_item_without_js_redirects_and_with_htmx_returns_the_builder(client_as) -> None:
    meeting = MeetingFactory()
    url = reverse("meetings:manage-agenda-item-add", args=[meeting.pk])
    data = {"title": "Rape Performance", "kind": "report", "paper_status": "none"}
    client = client_as("democratic")
    plain = client.post(url, data)
    assert plain.status_code == 302
    fragment = client.post(url, {**data, "title": "Commissioning Update"}, headers=HX)
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert 'id="agenda-builder"' in body and "Commissioning Update" in body


def test_invalid_item_returns_the_form_with_status_200_for_htmx(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-add", args=[meeting.pk]),
        {"title": "", "kind": "report", "paper_status": "none"},
        headers=HX,
    )
    assert response.status_code == 200
    assert services.AGENDA_ITEM_TITLE_REQUIRED in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_edit_opens_inline_for_htmx_and_as_a_page_without_js(client_as) -> None:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Rape Offences")
    url = reverse("meetings:manage-agenda-item-edit", args=[meeting.pk, item.pk])
    client = client_as("democratic")
    fragment = client.get(url, headers=HX).content.decode()
    assert "<html" not in fragment and 'id="agenda-builder"' in fragment
    assert 'value="Rape Offences"' in fragment and "Save item" in fragment
    assert "<html" in client.get(url).content.decode()
    saved = client.post(
        url, {"edit-title": "Rape Performance", "edit-kind": "report", "edit-paper_status": "none"}
    )
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.title == "Rape Performance"


def test_move_buttons_work_without_javascript(client_as) -> None:
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1, number="1", title="First")
    second = AgendaItemFactory(meeting=meeting, position=2, number="2", title="Second")
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-move", args=[meeting.pk, second.pk]),
        {"direction": "up"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.number == "1"


def test_editing_a_published_agenda_without_a_change_note(client_as) -> None:
    meeting = MeetingFactory(published=True)
    item = AgendaItemFactory(meeting=meeting, title="Rape Offences")
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-edit", args=[meeting.pk, item.pk]),
        {"edit-title": "Rape Performance", "edit-kind": "report", "edit-paper_status": "none"},
    )
    assert response.status_code == 200
    assert response.context["edit_form"].errors == {
        "change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]
    }
    item.refresh_from_db()
    assert item.title == "Rape Offences" and not meeting.agenda_versions.exists()


def test_published_agenda_links_moves_to_the_change_note_page(client_as) -> None:
    meeting = MeetingFactory(published=True)
    AgendaItemFactory(meeting=meeting, position=1, number="1")
    item = AgendaItemFactory(meeting=meeting, position=2, number="2")
    client = client_as("democratic")
    page = client.get(reverse("meetings:manage-agenda", args=[meeting.pk])).content.decode()
    move_url = reverse("meetings:manage-agenda-item-move", args=[meeting.pk, item.pk])
    assert f'href="{move_url}?to=up"' in page
    refused = client.post(move_url, {"direction": "up", "change_note": ""})
    assert refused.context["form"].errors == {"change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]}
    done = client.post(move_url, {"direction": "up", "change_note": "Taken earlier."})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.number == "1"


def upload(client, meeting, name: str, content: bytes, item=None):
    return client.post(
        reverse("meetings:manage-document-upload", args=[meeting.pk]),
        {
            "title": "Commissioner's Update Report",
            "kind": "report",
            "agenda_item": item.pk if item else "",
            "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        },
    )


def test_upload_attaches_a_pdf(client_as) -> None:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    response = upload(client_as("democratic"), meeting, "update.pdf", pdf_bytes(2), item)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.agenda_item == item and document.page_count == 2


def test_wrong_file_type_is_reported_next_to_the_file(client_as) -> None:
    meeting = MeetingFactory()
    response = upload(client_as("democratic"), meeting, "update.exe", b"MZ\x90\x00")
    assert response.context["form"].errors == {"file": [services.DOCUMENT_TYPE_NOT_ALLOWED]}
    assert 'id="id_file-error"' in response.content.decode()
    assert not Document.objects.exists()


def test_file_over_the_limit_is_reported(client_as, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    response = upload(
        client_as("democratic"), MeetingFactory(), "big.pdf", pdf_bytes(1) + b" " * 2048
    )
    assert response.context["form"].errors == {
        "file": [services.DOCUMENT_TOO_LARGE.format(limit="1 KB")]
    }
    assert not Document.objects.exists()


def test_publish_agenda_from_the_meeting_page(client_as) -> None:
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-publish", args=[meeting.pk])
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED


def test_publish_empty_agenda_shows_why(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-publish", args=[meeting.pk])
    )
    assert response.status_code == 200
    assert response.context["action_errors"] == [services.AGENDA_EMPTY]


def test_mark_held_end_before_start_is_reported(client_as) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED)
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-held", args=[meeting.pk]),
        {"start_time": "14:00", "end_time": "13:30"},
    )
    assert response.context["held_form"].errors == {"end_time": [MEETING_END_BEFORE_START]}
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED


def test_attendance_row_records_one_person(client_as) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED)
    person = MembershipFactory(body=meeting.body).person
    response = client_as("democratic").post(
        reverse("meetings:manage-attendance-record", args=[meeting.pk, person.pk]),
        {f"p{person.pk}-status": "apologies"},
        headers=HX,
    )
    assert response.status_code == 200 and 'id="attendance"' in response.content.decode()
    assert meeting.attendances.get().status == "apologies"


def test_duplicate_minute_number_is_reported_next_to_the_number(client_as) -> None:
    body = BodyFactory()
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 9, 23), status=S.MINUTES_DRAFT)
    MinuteFactory(meeting=earlier, number=23)
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 10, 28), status=S.HELD)
    client = client_as("democratic")
    editor = client.get(reverse("meetings:manage-minutes", args=[meeting.pk]))
    assert editor.context["minute_form"].initial["number"] == 24
    response = client.post(
        reverse("meetings:manage-minute-add", args=[meeting.pk]),
        {"number": "23", "title": "Minutes of the previous meeting."},
    )
    assert response.status_code == 200
    assert response.context["minute_form"].errors == {
        "number": [
            services.MINUTE_NUMBER_TAKEN.format(
                number=23, date="23 September 2024", year="2024/25", free=24
            )
        ]
    }
    assert not Minute.objects.filter(meeting=meeting).exists()


def test_minutes_editor_adds_points_and_resolutions(client_as) -> None:
    meeting = MeetingFactory(status=S.HELD)
    minute = MinuteFactory(meeting=meeting, number=29)
    client = client_as("democratic")
    client.post(
        reverse("meetings:manage-minute-point-add", args=[meeting.pk, minute.pk]),
        {f"point-{minute.pk}-label": "(i)", f"point-{minute.pk}-text": "Figures wanted."},
    )
    response = client.post(
        reverse("meetings:manage-resolution-add", args=[meeting.pk, minute.pk]),
        {
            f"resolution-{minute.pk}-label": "(c)",
            f"resolution-{minute.pk}-kind": "request_response",
            f"resolution-{minute.pk}-text": "That the PCC be requested to respond in writing.",
        },
        headers=HX,
    )
    body = response.content.decode()
    assert 'id="minutes-editor"' in body and "<html" not in body
    assert "(c) That the PCC be requested" in body
    assert [p.label for p in minute.points.all()] == ["(i)"]


def test_tracked_item_links_appear_once_the_tracker_provides_the_page(
    client_as, monkeypatch
) -> None:
    meeting = MeetingFactory(status=S.HELD)
    minute = MinuteFactory(meeting=meeting)
    point = MinutePointFactory(minute=minute)
    resolution = ResolutionFactory(minute=minute)
    url = reverse("meetings:manage-minutes", args=[meeting.pk])

    def missing(name: str) -> str:
        raise NoReverseMatch(name)

    monkeypatch.setattr(_common, "reverse", missing)
    assert "Create tracked item" not in client_as("democratic").get(url).content.decode()

    monkeypatch.setattr(_common, "reverse", lambda name: "/actions/new/")
    page = client_as("democratic").get(url).content.decode()
    assert f'href="/actions/new/?resolution={resolution.pk}"' in page
    assert f'href="/actions/new/?point={point.pk}"' in page


def test_confirm_minutes_at_the_next_meeting(client_as) -> None:
    body = BodyFactory()
    draft = MeetingFactory(body=body, date=datetime.date(2024, 10, 28), status=S.MINUTES_DRAFT)
    later = MeetingFactory(body=body, date=datetime.date(2024, 12, 2), status=S.AGENDA_PUBLISHED)
    item = AgendaItemFactory(meeting=later, kind=AgendaItem.Kind.MINUTES)
    client = client_as("democratic")
    page = client.get(reverse("meetings:manage-meeting-detail", args=[draft.pk]))
    assert page.context["confirm_form"].initial["at_meeting"] == later
    response = client.post(
        reverse("meetings:manage-minutes-confirm", args=[draft.pk]), {"at_meeting": later.pk}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.minutes_confirmed_on == later.date and item.minutes_of == draft
    detail = client.get(reverse("meetings:manage-meeting-detail", args=[draft.pk]))
    assert "confirmed on 2 December 2024" in detail.content.decode()


def test_cancel_needs_a_reason_on_the_page(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-cancel", args=[meeting.pk]), {"reason": ""}
    )
    assert response.context["cancel_form"].errors == {
        "reason": [services.MEETING_CANCEL_REASON_REQUIRED]
    }
    meeting.refresh_from_db()
    assert meeting.status == S.SCHEDULED
