"""Monitoring: schedules of returns, overdue returns and the daily reminders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.models import Notification
from grants import services
from grants.models import GrantRound
from grants.selectors import (
    monitoring_status,
)
from tests.grants.factories import (
    AwardFactory,
    ReturnFactory,
)

pytestmark = pytest.mark.django_db
S = GrantRound.Status


def test_monitoring_schedule_quarterly_and_overdue(opcc) -> None:
    award = AwardFactory()
    made = services.monitoring_schedule_create(
        award=award,
        actor=opcc,
        start=datetime.date(2024, 10, 1),
        end=datetime.date(2025, 9, 30),
        frequency="quarterly",
    )
    assert [(r.period_start, r.period_end, r.due_on) for r in made][:2] == [
        (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31), datetime.date(2025, 1, 14)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), datetime.date(2025, 4, 14)),
    ]
    assert len(made) == 4
    again = services.monitoring_schedule_create(
        award=award, actor=opcc, start=datetime.date(2024, 10, 1), end=datetime.date(2025, 9, 30)
    )
    assert again == []
    assert made[0].is_overdue(datetime.date(2025, 1, 15))
    assert not made[0].is_overdue(datetime.date(2025, 1, 14))
    assert monitoring_status(award=award, today=datetime.date(2025, 1, 15)) == "overdue"
    services.return_receive(
        monitoring_return=made[0],
        actor=opcc,
        received_on=datetime.date(2025, 1, 15),
        expenditure_total=Decimal("2500.50"),
    )
    assert monitoring_status(award=award, today=datetime.date(2025, 1, 15)) == "up-to-date"
    with pytest.raises(ValidationError):
        services.return_review(
            monitoring_return=made[1], actor=opcc, reviewed_on=datetime.date(2025, 1, 16)
        )
    services.return_review(
        monitoring_return=made[0], actor=opcc, reviewed_on=datetime.date(2025, 1, 16)
    )


def test_monitoring_schedule_monthly(opcc) -> None:
    award = AwardFactory()
    made = services.monitoring_schedule_create(
        award=award,
        actor=opcc,
        start=datetime.date(2024, 11, 1),
        end=datetime.date(2025, 1, 31),
        frequency="monthly",
    )
    assert [r.period_end for r in made] == [
        datetime.date(2024, 11, 30),
        datetime.date(2024, 12, 31),
        datetime.date(2025, 1, 31),
    ]


def test_monitoring_reminders_are_idempotent_per_day(users) -> None:
    today = datetime.date(2025, 4, 10)
    due_soon = ReturnFactory(due_on=datetime.date(2025, 4, 14))
    overdue = ReturnFactory(due_on=datetime.date(2025, 4, 1))
    ReturnFactory(due_on=datetime.date(2025, 5, 1))  # too far off
    ReturnFactory(due_on=datetime.date(2025, 4, 2), received_on=datetime.date(2025, 4, 2))
    assert services.monitoring_reminders_send(today=today) == 2
    services.monitoring_reminders_send(today=today)
    notes = Notification.objects.filter(recipient=users["opcc"])
    assert sorted(notes.values_list("key", flat=True)) == sorted(
        [
            f"grants:return:{due_soon.pk}:due:2025-04-10",
            f"grants:return:{overdue.pk}:overdue:2025-04-10",
        ]
    )
    assert not Notification.objects.exclude(recipient=users["opcc"]).exists()
    services.monitoring_reminders_send(today=today + datetime.timedelta(days=1))
    assert notes.count() == 4
