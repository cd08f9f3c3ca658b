"""Who may use each tracker page, what each shows, and the list pages' query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from scrutiny import services
from scrutiny.models import Response, TrackedItem
from tests.meetings.factories import MeetingFactory, MinuteFactory, ResolutionFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return TrackedItemFactory(due_date=datetime.date(2024, 12, 2))


def detail(item):
    return reverse("scrutiny:item-detail", args=[item.pk])


@pytest.mark.parametrize(
    ("url_name", "allowed", "refused"),
    [
        ("scrutiny:item-list", ["member", "opcc", "democratic", "admin"], []),
        ("scrutiny:item-mine", ["member", "opcc", "democratic", "admin"], []),
        ("scrutiny:item-summary", ["member", "opcc", "democratic", "admin"], []),
        ("scrutiny:item-assigned", ["opcc", "admin"], ["member", "democratic"]),
        ("scrutiny:item-create", ["opcc", "democratic", "admin"], ["member"]),
    ],
)
def test_list_pages_permissions(client_as, url_name, allowed, refused):
    url = reverse(url_name)
    assert client_as(None).get(url).status_code == 302
    for role in allowed:
        assert client_as(role).get(url).status_code == 200, role
    for role in refused:
        assert client_as(role).get(url).status_code == 403, role


def test_item_pages_permissions(client_as, item):
    assert client_as(None).get(detail(item)).status_code == 302
    assert client_as("member").get(detail(item)).status_code == 200
    respond = reverse("scrutiny:response-edit", args=[item.pk])
    assert client_as("member").get(respond).status_code == 403
    assert client_as("democratic").get(respond).status_code == 403
    assert client_as("opcc").get(respond).status_code == 200
    withdraw = reverse("scrutiny:item-withdraw", args=[item.pk])
    assert client_as("member").post(withdraw, {"reason": "x"}).status_code == 403
    assert TrackedItem.objects.get(pk=item.pk).withdrawn_at is None


def test_status_filters(client_as):
    overdue = TrackedItemFactory(title="Overdue one", due_date=datetime.date(2024, 12, 2))
    future = TrackedItemFactory(title="Future one", due_date=datetime.date(2099, 1, 1))
    closed = TrackedItemFactory(
        title="Closed one", closed_at=datetime.datetime(2024, 12, 2, tzinfo=datetime.UTC)
    )
    client = client_as("member")
    page = client.get("/actions/?status=open").content.decode()
    assert overdue.title in page and future.title in page and closed.title not in page
    page = client.get("/actions/?status=overdue").content.decode()
    assert overdue.title in page and future.title not in page
    page = client.get("/actions/?status=closed").content.decode()
    assert closed.title in page and overdue.title not in page
    page = client.get("/actions/?q=future").content.decode()
    assert future.title in page and overdue.title not in page


def test_bad_filter_gets_a_message(client_as):
    TrackedItemFactory(title="Anything")
    page = client_as("member").get("/actions/?status=nonsense&due_after=31/31/2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem with the filters" in text
    assert "Anything" not in text


def test_htmx_filter_returns_the_table_only(client_as, item):
    response = client_as("member").get("/actions/?status=overdue", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'id="item-results"' in text
    assert "<html" not in text
    assert item.reference in text


def test_dashboard_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    client = client_as("member")
    TrackedItemFactory.create_batch(3)
    client.get("/actions/")  # warm the session and content types
    with django_assert_max_num_queries(8) as few:
        client.get("/actions/?status=open")
    TrackedItemFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/actions/?status=open")
    assert response.content.decode().count("/actions/") > 25


def test_summary_counts(client_as):
    TrackedItemFactory.create_batch(2, addressee="pcc", due_date=datetime.date(2024, 12, 2))
    TrackedItemFactory(addressee="force", due_date=datetime.date(2099, 1, 1))
    text = client_as("member").get("/actions/summary/").content.decode()
    assert "<strong>3</strong> open" in text
    assert "<strong>2</strong> overdue" in text


def test_create_from_resolution_view(client_as):
    meeting = MeetingFactory(date=datetime.date(2024, 10, 28), published=True)
    resolution = ResolutionFactory(minute=MinuteFactory(meeting=meeting, number=29), label="(c)")
    client = client_as("democratic")
    url = f"/actions/new/?resolution={resolution.pk}"
    assert resolution.text in client.get(url).content.decode()
    bad = client.post(url, {"text": "x", "addressee": "pcc", "requested_by": "panel",
                            "response_wanted": "written_response", "due_kind": "date",
                            "due_date": "2024-01-01"})  # fmt: skip
    assert "cannot be before" in bad.content.decode()
    assert TrackedItem.objects.count() == 0
    good = client.post(url, {"text": resolution.text, "addressee": "pcc",
                             "requested_by": "panel", "response_wanted": "written_response",
                             "due_kind": "date", "due_date": "2024-12-02"})  # fmt: skip
    item = TrackedItem.objects.get()
    assert good.status_code == 302 and good["Location"] == detail(item)
    assert item.reference.endswith("29(c)")


def test_respond_save_submit_and_review_through_views(client_as, item, users):
    officer = client_as("opcc")
    url = reverse("scrutiny:response-edit", args=[item.pk])
    officer.post(url, {"body": "Draft", "position": "answered", "action": "save"})
    draft = Response.objects.get()
    stale = officer.post(
        url, {"body": "Mine", "position": "answered", "version": "0", "action": "save"}
    )
    assert "Someone else saved" in stale.content.decode()
    officer.post(
        url, {"body": "Final **answer**", "position": "accepted", "version": "1",
              "action": "submit"}
    )  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED
    member = client_as("member")
    page = member.get(detail(item)).content.decode()
    assert "<strong>answer</strong>" in page and "Record the panel" in page
    review = reverse("scrutiny:response-review", args=[item.pk, draft.pk])
    assert client_as("opcc").post(review, {"outcome": "accepted"}).status_code == 403
    refused = member.post(review, {"outcome": "challenged"})
    assert "Say why" in refused.content.decode()
    member.post(review, {"outcome": "accepted"})
    item.refresh_from_db()
    assert item.closed_at is not None


def test_markdown_is_sanitised(client_as, users, item):
    draft = services.response_save_draft(
        actor=users["opcc"], item=item, body="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    services.response_submit(actor=users["opcc"], response=draft)
    response = client_as("member").get(detail(item))
    assert response.status_code == 200
    page = response.content.decode()
    assert ">x</a>" in page  # the response is shown: its link text kept, without the href
    assert "<script>alert" not in page
    assert "javascript:" not in page


def test_bulk_chase(client_as, item):
    client = client_as("opcc")
    assert client_as("member").post("/actions/chase/", {"item": [item.pk]}).status_code == 403
    client.post("/actions/chase/", {"item": [item.pk]})
    item.refresh_from_db()
    assert item.last_chased_at is not None


def test_follow_and_my_items(client_as, item):
    client = client_as("member")
    client.post(reverse("scrutiny:item-follow", args=[item.pk]), {"follow": "1"})
    assert item.reference in client.get("/actions/mine/").content.decode()
    others = client_as("opcc").get("/actions/mine/")
    assert others.status_code == 200  # their own (empty) list, not a refusal
    assert "Items I follow" in others.content.decode()
    assert item.reference not in others.content.decode()


def test_timeliness_is_public(client, users):
    item = TrackedItemFactory(addressee="pcc", due_date=datetime.date(2099, 1, 1))
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Answer")
    services.response_submit(actor=users["opcc"], response=draft)
    TrackedItemFactory(addressee="force", due_date=datetime.date(2024, 11, 1), is_public=False)
    text = client.get("/timeliness/").content.decode()
    assert "Police and Crime Commissioner" in text
    assert "Chief Constable" not in text  # not public


def test_action_log_and_pdf(client_as, users):
    meeting = MeetingFactory(date=datetime.date(2024, 12, 2))
    TrackedItemFactory(body=meeting.body, text="Figures alongside percentages")
    html = client_as("member").get(reverse("scrutiny:action-log", args=[meeting.pk]))
    assert "Figures alongside percentages" in html.content.decode()
    assert client_as(None).get(reverse("scrutiny:action-log", args=[meeting.pk])).status_code == 302
    pdf = client_as("member").get(reverse("scrutiny:action-log-pdf", args=[meeting.pk]))
    assert pdf.content.startswith(b"%PDF")
    attach = reverse("scrutiny:action-log-attach", args=[meeting.pk])
    assert client_as("opcc").post(attach).status_code == 403
    client_as("democratic").post(attach)
    assert meeting.documents.filter(kind="action_log").count() == 1


@pytest.mark.parametrize(
    ("name", "method", "allowed", "refused"),
    [
        ("scrutiny:item-follow", "post", ["member", "opcc", "democratic", "admin"], []),
        ("scrutiny:implementation-update", "post", ["opcc", "admin"], ["member", "democratic"]),
        ("scrutiny:item-withdraw", "get", ["opcc", "democratic", "admin"], ["member"]),
        ("scrutiny:response-edit", "get", ["opcc", "admin"], ["member", "democratic"]),
    ],
)
def test_item_actions_permissions(client_as, item, name, method, allowed, refused):
    url = reverse(name, args=[item.pk])
    data = {"follow": "1", "status": "in_progress", "progress": "10"}
    assert getattr(client_as(None), method)(url, data).status_code == 302
    assert "/accounts/login/" in getattr(client_as(None), method)(url, data)["Location"]
    for role in allowed:
        assert getattr(client_as(role), method)(url, data).status_code in (200, 302), role
    for role in refused:
        assert getattr(client_as(role), method)(url, data).status_code == 403, role


def test_response_review_and_withdraw_permissions(client_as, users, item):
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Answer")
    services.response_submit(actor=users["opcc"], response=draft)
    review = reverse("scrutiny:response-review", args=[item.pk, draft.pk])
    withdraw = reverse("scrutiny:response-withdraw", args=[item.pk, draft.pk])
    assert client_as(None).get(review).status_code == 302
    assert client_as("opcc").get(review).status_code == 403
    assert client_as("member").get(review).status_code == 200
    assert client_as(None).get(withdraw).status_code == 302
    assert client_as("member").post(withdraw, {"reason": "x"}).status_code == 403
    assert client_as("democratic").get(withdraw).status_code == 403
    assert client_as("opcc").get(withdraw).status_code == 200
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED


def test_action_log_pdf_needs_sign_in(client_as):
    meeting = MeetingFactory()
    url = reverse("scrutiny:action-log-pdf", args=[meeting.pk])
    assert client_as(None).get(url).status_code == 302
    assert client_as("democratic").get(url).status_code == 200
