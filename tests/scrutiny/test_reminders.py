"""The daily job: reminders and overdue notices at most once per item, kind and day."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from core import services as core_services
from core.models import Notification
from scrutiny import services
from scrutiny.services import reminders
from scrutiny.tasks import daily_reminders
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 11, 25)  # a Monday


@pytest.fixture
def items():
    return {
        "week": TrackedItemFactory(due_date=TODAY + datetime.timedelta(days=7)),
        "overdue": TrackedItemFactory(due_date=TODAY - datetime.timedelta(days=1)),
        "later": TrackedItemFactory(due_date=TODAY + datetime.timedelta(days=20)),
        "answered": TrackedItemFactory(
            due_date=TODAY - datetime.timedelta(days=3), response_status="received"
        ),
    }


def test_reminders_go_to_officers_once_even_if_run_twice(users, items):
    first = services.reminders_send(today=TODAY)
    second = services.reminders_send(today=TODAY)
    assert first == second == {"reminder": 1, "overdue": 1}
    notices = Notification.objects.filter(recipient=users["opcc"])
    assert sorted(notices.values_list("kind", flat=True)) == ["overdue", "reminder"]
    assert len(mail.outbox) == 2  # only the OPCC officer; each email once
    assert not Notification.objects.filter(recipient=users["member"], kind="reminder").exists()
    assert items["week"].reference in mail.outbox[0].subject + mail.outbox[1].subject


def test_a_new_day_sends_a_new_overdue_notice(users, items):
    services.reminders_send(today=TODAY)
    services.reminders_send(today=TODAY + datetime.timedelta(days=1))
    assert Notification.objects.filter(kind="overdue").count() == 2


def test_a_run_killed_between_two_sends_resumes_without_repeats(users, items, monkeypatch):
    TrackedItemFactory(due_date=TODAY - datetime.timedelta(days=5))
    real_send, calls = core_services.notification_send, []

    def dies_on_second(**kwargs):
        calls.append(kwargs["key"])
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real_send(**kwargs)

    monkeypatch.setattr(reminders, "notification_send", dies_on_second)
    with pytest.raises(SystemExit):
        services.reminders_send(today=TODAY)
    assert Notification.objects.count() == 1
    monkeypatch.setattr(reminders, "notification_send", real_send)
    services.reminders_send(today=TODAY)
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3
    assert len({m.subject for m in mail.outbox}) == 3


def test_monday_digest_to_panel_members(users, items):
    services.item_withdraw(actor=users["democratic"], item=items["later"], reason="Duplicate")
    assert services.digest_send(today=datetime.date.today()) == 1
    assert services.digest_send(today=datetime.date.today()) == 1
    digest = Notification.objects.get(kind="digest")
    assert digest.recipient == users["member"]
    assert "Withdrawn: Duplicate" in digest.body


def test_task_wraps_the_service(users, items):
    result = daily_reminders.delay().get()
    assert set(result) >= {"reminder", "overdue"}


def test_the_named_officer_with_a_login_is_told_too(users, items):
    from tests.meetings.factories import PersonFactory

    sandall = PersonFactory(display_name="Mr David Sandall", user=users["member"])
    items["overdue"].addressee_person = sandall
    items["overdue"].save()
    services.reminders_send(today=TODAY)
    overdue = Notification.objects.filter(kind="overdue")
    assert set(overdue.values_list("recipient__username", flat=True)) == {"opcc", "member"}
