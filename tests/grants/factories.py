"""factory_boy factories for grants records."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from grants.models import (
    Application,
    Award,
    Criterion,
    Decision,
    Fund,
    GrantRound,
    MonitoringReturn,
)
from tests.meetings.factories import OrganisationFactory


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fund {n}")
    slug = factory.Sequence(lambda n: f"fund-{n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantRound
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=60))
    closes_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    budget = Decimal("200000")
    max_bid = Decimal("10000")
    award_threshold = Decimal("71")
    score_bands = [
        {"label": "71% or above", "min_percent": "71"},
        {"label": "65% to 70%", "min_percent": "65"},
        {"label": "Less than 64%", "min_percent": "0"},
    ]


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    max_score = 5


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    reference = factory.Sequence(lambda n: f"A{n:04d}")
    organisation = factory.SubFactory(OrganisationFactory)
    project_title = factory.Sequence(lambda n: f"Project {n}")
    amount_requested = Decimal("10000.00")
    position = factory.Sequence(lambda n: n)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    public_reference = factory.Sequence(lambda n: f"DEC-{n}")
    decided_on = datetime.date(2024, 12, 2)


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    decision = factory.LazyAttribute(lambda o: DecisionFactory(round=o.application.round))
    amount = factory.LazyAttribute(lambda o: o.application.amount_requested)


class ReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringReturn
        skip_postgeneration_save = True

    award = factory.SubFactory(AwardFactory)
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2025, 3, 31)
    due_on = datetime.date(2025, 4, 14)


def published_award(**kwargs) -> Award:
    """An award in a round whose awards are published on the register."""
    award = AwardFactory(**kwargs)
    GrantRound.objects.filter(pk=award.application.round_id).update(
        status=GrantRound.Status.AWARDS_MADE
    )
    return award


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "grants.Payment"
        skip_postgeneration_save = True

    award = factory.SubFactory(AwardFactory)
    due_on = datetime.date(2025, 1, 1)
    amount = Decimal("100.00")


def scoring_round(status=GrantRound.Status.CLOSED, **kwargs):
    """A round with two criteria, quality (weight 3) and value for money (weight 1), each
    scored out of 5."""
    grant_round = RoundFactory(status=status, **kwargs)
    quality = CriterionFactory(round=grant_round, title="Quality", weight=3, max_score=5)
    value = CriterionFactory(round=grant_round, title="Value for money", weight=1, max_score=5)
    return grant_round, quality, value
