"""Recurring items: a standing request is a series of occurrences, each an item of its own with its
own due date, response, review and history; the next is raised when one is accepted or falls
due, never twice, until the series is stopped."""

from __future__ import annotations

import calendar
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.events import EventType
from core.lifecycle import status_history
from core.models import DomainEvent
from core.tenancy import panel_scope
from meetings.models import Meeting
from scrutiny import services
from scrutiny.models import Response, Review, TrackedItem
from scrutiny.services.counts import item_counts_computed, item_counts_stored
from scrutiny.tasks import item_series_advance
from tests.meetings.factories import MeetingFactory, MinuteFactory, ResolutionFactory
from tests.scrutiny.factories import TrackedItemFactory

REC = TrackedItem.Recurrence
D = datetime.date

# --- Due dates (no database) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 3, D(2025, 4, 30)),  # 31 January + 1 quarter
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # into a leap February
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # an anniversary of 29 February
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 12, 31), 3, D(2025, 3, 31)),  # across the year end
        (D(2024, 10, 28), 0, D(2024, 10, 28)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last_day(start, months, expected):
    assert services.months_after(start, months) == expected


def test_a_quarterly_series_from_a_quarter_end_stays_on_quarter_ends():
    dates = [
        services.occurrence_due_date(
            recurrence=REC.QUARTERLY, first_due=D(2025, 3, 31), occurrence=n
        )
        for n in range(1, 6)
    ]
    assert dates == [
        D(2025, 3, 31),
        D(2025, 6, 30),
        D(2025, 9, 30),
        D(2025, 12, 31),
        D(2026, 3, 31),
    ]


def test_a_yearly_series_falls_on_each_anniversary():
    dates = [
        services.occurrence_due_date(
            recurrence=REC.ANNUALLY, first_due=D(2024, 2, 29), occurrence=n
        )
        for n in range(1, 6)
    ]
    assert dates == [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2200, 12, 31))


@given(start=dates, months=st.integers(min_value=0, max_value=600))
def test_months_after_moves_by_whole_months_to_the_same_day_or_the_last(start, months):
    moved = services.months_after(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(start.day, last)
    if months:
        assert moved > start


@given(
    first=dates,
    recurrence=st.sampled_from([REC.QUARTERLY, REC.ANNUALLY]),
    n=st.integers(min_value=1, max_value=200),
)
def test_occurrences_come_in_order_a_period_apart_and_never_drift(first, recurrence, n):
    months = 3 if recurrence == REC.QUARTERLY else 12
    this = services.occurrence_due_date(recurrence=recurrence, first_due=first, occurrence=n)
    after = services.occurrence_due_date(recurrence=recurrence, first_due=first, occurrence=n + 1)
    assert after > this
    assert (after.year * 12 + after.month) - (this.year * 12 + this.month) == months
    # The day is always the first occurrence's, or the month's last when the month is shorter:
    # a short month never pulls the later occurrences back (no drift from 31 to 30 to 28).
    last = calendar.monthrange(after.year, after.month)[1]
    assert after.day == min(first.day, last)


# --- Raising the next occurrence -----------------------------------------------------------------


@pytest.fixture
def resolution():
    meeting = MeetingFactory(date=D(2024, 10, 28), published=True)
    minute = MinuteFactory(meeting=meeting, number=29)
    return ResolutionFactory(
        minute=minute,
        label="(c)",
        text="That the Commissioner report the Force's performance data to each quarter's panel.",
    )


def raise_series(users, resolution, recurrence=REC.QUARTERLY, **kwargs):
    fields = {
        "actor": users["democratic"],
        "resolution": resolution,
        "title": "Quarterly performance report",
        "text": resolution.text,
        "addressee": TrackedItem.Addressee.PCC,
        "due_date": D(2024, 12, 31),
        "recurrence": recurrence,
    }
    return services.item_create(**(fields | kwargs))


def answer(users, item, position=Response.Position.ANSWERED):
    response = services.response_save_draft(
        actor=users["opcc"],
        item=item,
        body="The quarter's figures are attached.",
        position=position,
    )
    return services.response_submit(actor=users["opcc"], response=response)


def accept(users, item):
    return services.response_review(
        actor=users["member"], response=answer(users, item), outcome=Review.Outcome.ACCEPTED
    )


def series_of(first):
    return list(TrackedItem.objects.filter(pk=first.pk) | TrackedItem.objects.filter(series=first))


def counts_agree():
    assert item_counts_stored() == item_counts_computed()


@pytest.mark.django_db
def test_raising_a_recurring_item_records_its_recurrence_and_schedule(users, resolution):
    first = raise_series(users, resolution)
    assert (first.recurrence, first.series, first.occurrence) == (REC.QUARTERLY, None, 1)
    assert first.scheduled_due_date == D(2024, 12, 31)
    raised = DomainEvent.objects.get(object_id=first.pk, verb=EventType.ITEM_RAISED)
    assert "recurs each quarter" in raised.summary
    # A one-off item has no schedule, and asking for its next occurrence raises nothing.
    one_off = TrackedItemFactory()
    assert one_off.recurrence == REC.NONE and one_off.scheduled_due_date is None
    assert services.item_series_next(item=one_off, actor=users["democratic"]) is None


@pytest.mark.django_db
def test_accepting_an_occurrence_raises_the_next_one_due_a_quarter_later(users, resolution):
    first = raise_series(users, resolution)
    accept(users, first)
    first.refresh_from_db()
    assert first.closed_at is not None
    second = TrackedItem.objects.get(series=first)
    assert second.occurrence == 2
    assert second.reference == "PCP/2024-10-28/29(c)/2"
    assert second.due_date == second.scheduled_due_date == D(2025, 3, 31)
    assert second.due_kind == TrackedItem.DueKind.DATE
    # The same request, of the same addressee and body, from the same resolution.
    same = ("title", "text", "addressee", "body_id", "resolution_id", "recurrence", "is_public")
    assert [getattr(second, f) for f in same] == [getattr(first, f) for f in same]
    assert second.response_status == TrackedItem.ResponseStatus.AWAITING and second.is_open
    assert not second.responses.exists()
    raised = DomainEvent.objects.get(object_id=second.pk, verb=EventType.ITEM_OCCURRENCE_RAISED)
    assert raised.data["series"] == first.pk and raised.data["occurrence"] == 2
    assert raised.actor == users["member"]
    linked = DomainEvent.objects.get(object_id=first.pk, verb=EventType.ITEM_LINKED)
    assert second.reference in linked.summary
    counts_agree()


@pytest.mark.django_db
def test_each_occurrence_is_answered_and_reviewed_on_its_own(users, resolution):
    first = raise_series(users, resolution)
    accept(users, first)
    second = TrackedItem.objects.get(series=first)
    # The second occurrence's answer is challenged: it reopens with a later date; the first
    # stays closed with its own accepted response, and no third occurrence is owed yet.
    services.response_review(
        actor=users["member"],
        response=answer(users, second),
        outcome=Review.Outcome.CHALLENGED,
        reason="The figures for rural areas are missing",
        new_due_date=D(2025, 5, 30),
        today=D(2025, 4, 2),
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_open and second.due_date == D(2025, 5, 30)
    assert second.scheduled_due_date == D(2025, 3, 31)  # the challenge moves only the due date
    assert first.closed_at and first.responses.get().status == Response.Status.ACCEPTED
    assert second.responses.get().status == Response.Status.CHALLENGED
    assert TrackedItem.objects.filter(series=first).count() == 1
    # Answered again and accepted, it raises the third, due a quarter after its own schedule.
    accept(users, second)
    third = TrackedItem.objects.get(series=first, occurrence=3)
    assert third.due_date == D(2025, 6, 30)
    assert Review.objects.filter(response__item=second).count() == 2
    assert Review.objects.filter(response__item=first).count() == 1
    counts_agree()


@pytest.mark.django_db
def test_the_next_occurrence_is_raised_once_however_often_it_is_asked_for(users, resolution):
    first = raise_series(users, resolution)
    second = services.item_series_next(item=first, actor=users["democratic"])
    again = services.item_series_next(item=first, actor=users["democratic"])
    assert second is not None and again is not None and again.pk == second.pk
    assert TrackedItem.objects.filter(series=first).count() == 1
    assert DomainEvent.objects.filter(verb=EventType.ITEM_OCCURRENCE_RAISED).count() == 1
    # The database refuses a second item for the same occurrence.
    duplicate = TrackedItem(
        **{f: getattr(second, f) for f in ("body", "title", "text", "addressee", "source")},
        reference="PCP/2024-10-28/29(c)/2-copy",
        source_document="x",
        raised_on=second.raised_on,
        due_date=second.due_date,
        recurrence=REC.QUARTERLY,
        scheduled_due_date=second.due_date,
        series=first,
        occurrence=2,
    )
    with pytest.raises(ValidationError, match="already been raised"):
        duplicate.full_clean()


@pytest.mark.django_db
def test_the_daily_task_raises_the_next_occurrence_once_the_due_date_has_passed(users, resolution):
    first = raise_series(users, resolution)
    # Not yet due: nothing to raise.
    assert item_series_advance(today="2024-12-31") == 0
    # Past due, unanswered: the next is owed all the same (the first stays open, overdue).
    assert item_series_advance(today="2025-01-01") == 1
    second = TrackedItem.objects.get(series=first)
    assert second.due_date == D(2025, 3, 31) and second.raised_on == D(2024, 12, 31)
    assert (
        DomainEvent.objects.get(object_id=second.pk, verb=EventType.ITEM_OCCURRENCE_RAISED).actor
        is None
    )
    first.refresh_from_db()
    assert first.is_open and first.is_overdue(D(2025, 1, 1))
    # Run twice the same day, it raises nothing more.
    assert item_series_advance(today="2025-01-01") == 0
    assert TrackedItem.objects.filter(series=first).count() == 1
    counts_agree()


@pytest.mark.django_db
def test_the_daily_task_catches_up_every_occurrence_owed(users, resolution):
    first = raise_series(users, resolution)
    assert item_series_advance(today="2025-07-01") == 3
    assert [(i.occurrence, i.due_date) for i in series_of(first)] == [
        (1, D(2024, 12, 31)),
        (2, D(2025, 3, 31)),
        (3, D(2025, 6, 30)),
        (4, D(2025, 9, 30)),
    ]
    assert item_series_advance(today="2025-07-01") == 0
    counts_agree()


@pytest.mark.django_db
def test_at_each_meeting_the_next_is_due_at_the_bodys_next_meeting(users, resolution):
    body = resolution.minute.meeting.body
    MeetingFactory(body=body, date=D(2024, 12, 2))
    MeetingFactory(
        body=body,
        date=D(2025, 1, 20),
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Not quorate",
    )
    february = MeetingFactory(body=body, date=D(2025, 2, 3))
    first = raise_series(
        users, resolution, recurrence=REC.EACH_MEETING, due_kind="next_meeting", due_date=None
    )
    assert first.due_date == D(2024, 12, 2)
    accept(users, first)
    second = TrackedItem.objects.get(series=first)
    # The cancelled January meeting is passed over.
    assert (second.due_date, second.due_meeting, second.due_kind) == (
        D(2025, 2, 3),
        february,
        TrackedItem.DueKind.NEXT_MEETING,
    )
    # No later meeting is scheduled yet: the third waits, and is raised once one is.
    assert item_series_advance(today="2025-02-04") == 0
    MeetingFactory(body=body, date=D(2025, 3, 24))
    assert item_series_advance(today="2025-02-04") == 1
    assert TrackedItem.objects.get(series=first, occurrence=3).due_date == D(2025, 3, 24)


@pytest.mark.django_db
def test_a_withdrawn_occurrence_owes_no_next(users, resolution):
    first = raise_series(users, resolution)
    services.item_withdraw(actor=users["democratic"], item=first, reason="Raised in error")
    assert item_series_advance(today="2025-07-01") == 0


# --- Stopping a series ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_stopped_series_raises_no_more_occurrences(users, resolution):
    first = raise_series(users, resolution)
    accept(users, first)
    second = TrackedItem.objects.get(series=first)
    stopped = services.item_series_stop(
        item=second, actor=users["democratic"], reason="The panel now receives the data monthly"
    )
    assert stopped.pk == first.pk
    first.refresh_from_db()
    assert first.series_status == TrackedItem.SeriesStatus.STOPPED
    assert first.series_stopped_reason == "The panel now receives the data monthly"
    change = status_history(first, "series_status").get()
    assert (change.from_status, change.to_status, change.actor) == (
        "running",
        "stopped",
        users["democratic"],
    )
    assert DomainEvent.objects.filter(object_id=first.pk, verb=EventType.ITEM_SERIES_STOPPED)
    # The occurrence raised stays to be answered; accepting it, or its due date passing,
    # raises no third.
    assert item_series_advance(today="2025-07-01") == 0
    accept(users, second)
    assert not TrackedItem.objects.filter(series=first, occurrence=3).exists()
    assert services.item_series_next(item=second, actor=users["democratic"]) is None
    with pytest.raises(ValidationError, match="already been stopped"):
        services.item_series_stop(item=first, actor=users["democratic"], reason="Again")
    assert TrackedItem.objects.filter(series=first).count() == 1  # nothing deleted


@pytest.mark.django_db
def test_stopping_needs_a_reason_and_a_recurring_item(users, resolution):
    first = raise_series(users, resolution)
    with pytest.raises(ValidationError) as refused:
        services.item_series_stop(item=first, actor=users["democratic"], reason=" ")
    assert refused.value.message_dict["reason"] == [services.SERIES_STOP_REASON_REQUIRED]
    with pytest.raises(ValidationError, match="does not recur"):
        services.item_series_stop(item=TrackedItemFactory(), actor=users["admin"], reason="x")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "opcc"])
def test_a_member_or_officer_cannot_stop_the_panels_series(users, resolution, role):
    first = raise_series(users, resolution)
    with pytest.raises(PermissionDenied):
        services.item_series_stop(item=first, actor=users[role], reason="Not wanted")
    first.refresh_from_db()
    assert first.series_status == TrackedItem.SeriesStatus.RUNNING


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_raise_form_offers_the_recurrence(client_as, resolution):
    client = client_as("democratic")
    url = f"/actions/new/?resolution={resolution.pk}"
    form = client.get(url).content.decode()
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Recurs</legend>' in form
    )
    for n, label in enumerate(("No", "At each meeting", "Each quarter", "Each year")):
        assert f'for="id_recurrence_{n}">{label}</label>' in form
    answer = client.post(
        url,
        {"text": resolution.text, "addressee": "pcc", "requested_by": "panel",
         "response_wanted": "report", "due_kind": "date", "due_date": "2024-12-31",
         "recurrence": "annually"},
    )  # fmt: skip
    item = TrackedItem.objects.get()
    assert answer.status_code == 302
    assert (item.recurrence, item.scheduled_due_date) == (REC.ANNUALLY, D(2024, 12, 31))
    # Without the question answered, the item does not recur.
    other = ResolutionFactory(minute=resolution.minute, label="(d)")
    client.post(
        f"/actions/new/?resolution={other.pk}",
        {"text": other.text, "addressee": "pcc", "requested_by": "panel",
         "response_wanted": "report", "due_kind": "date", "due_date": "2024-12-31"},
    )  # fmt: skip
    assert TrackedItem.objects.get(resolution=other).recurrence == REC.NONE


@pytest.mark.django_db
def test_the_item_page_shows_the_occurrence_and_links_its_series(client_as, users, resolution):
    first = raise_series(users, resolution)
    item_series_advance(today="2025-07-01")
    second, third, fourth = (TrackedItem.objects.get(series=first, occurrence=n) for n in (2, 3, 4))
    page = client_as("member").get(third.get_absolute_url()).content.decode()
    assert "Recurring: each quarter — occurrence 3 of a series" in page
    assert f'href="{second.get_absolute_url()}">Previous occurrence: {second.reference}' in page
    assert f'href="{fourth.get_absolute_url()}">Next occurrence: {fourth.reference}' in page
    series_url = reverse("scrutiny:item-series", args=[third.pk])
    assert f'href="{series_url}"' in page
    assert "Stop the series" not in page  # not the member's to stop
    staff = client_as("democratic").get(first.get_absolute_url()).content.decode()
    assert "occurrence 1 of a series" in staff and "Previous occurrence" not in staff
    assert reverse("scrutiny:item-series-stop", args=[first.pk]) in staff
    # The series page lists every occurrence, in order.
    listing = client_as("member").get(series_url).content.decode()
    positions = [listing.index(f">{i.reference}</a>") for i in (first, second, third, fourth)]
    assert positions == sorted(positions)
    # A one-off item says nothing of a series; its series page says it does not recur, and
    # there is nothing to stop.
    one_off = TrackedItemFactory()
    assert "Recurring:" not in client_as("member").get(one_off.get_absolute_url()).content.decode()
    alone = client_as("member").get(f"/actions/{one_off.pk}/series/").content.decode()
    assert "This item does not recur" in alone and "Stop the series" not in alone
    stop = client_as("democratic").get(reverse("scrutiny:item-series-stop", args=[one_off.pk]))
    assert stop.status_code == 302 and stop["Location"] == one_off.get_absolute_url()
    assert client_as("member").get("/actions/999999/series/").status_code == 404


@pytest.mark.django_db
def test_stopping_through_the_page(client_as, users, resolution):
    first = raise_series(users, resolution)
    url = reverse("scrutiny:item-series-stop", args=[first.pk])
    for role in ("member", "opcc"):  # the OPCC does not stop the panel's own requests
        assert client_as(role).get(url).status_code == 403
        assert client_as(role).post(url, {"reason": "No"}).status_code == 403
    client = client_as("democratic")
    assert "Stop this recurring request" in client.get(url).content.decode()
    done = client.post(url, {"reason": "Replaced by the annual report"})
    assert done.status_code == 302
    first.refresh_from_db()
    assert first.series_status == TrackedItem.SeriesStatus.STOPPED
    page = client.get(first.get_absolute_url()).content.decode()
    assert "(stopped: Replaced by the annual report)" in page
    assert url not in page


@pytest.mark.django_db
def test_the_tracker_tags_recurring_items_without_a_query_a_row(
    client_as, users, resolution, django_assert_num_queries
):
    raise_series(users, resolution)
    item_series_advance(today="2025-07-01")
    TrackedItemFactory(title="A one-off request")
    client = client_as("member")
    url = "/actions/?status=all"
    page = client.get(url).content.decode()
    assert page.count(">Recurring</strong>") == 4
    assert "A one-off request</td>" in page
    # As many queries as the pinned list (tests/scrutiny/test_list_queries.py), with more rows.
    with django_assert_num_queries(5):
        client.get(url)
    item_series_advance(today="2026-07-01")
    with django_assert_num_queries(5):
        assert client.get(url).content.decode().count(">Recurring</strong>") == 8


@pytest.mark.django_db
def test_another_panels_series_is_not_found_nor_advanced_from_this_one(
    client_as, users, other_panel
):
    with panel_scope(other_panel):
        theirs = TrackedItemFactory(
            recurrence=REC.QUARTERLY, scheduled_due_date=D(2024, 12, 2), title="Northshire report"
        )
    for url in (f"/actions/{theirs.pk}/series/", f"/actions/{theirs.pk}/series/stop/"):
        assert client_as("admin").get(url).status_code == 404
    # The job run in this panel leaves the other panel's series alone.
    assert services.items_series_advance(today=D(2025, 7, 1)) == 0
    with panel_scope(other_panel):
        assert services.items_series_advance(today=D(2025, 1, 1)) == 1
