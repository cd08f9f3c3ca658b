"""Due-diligence visits to funded projects."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.events import EventType
from core.permissions import can_manage_grants, ensure_allowed
from core.services import event_record
from core.types import Actor
from grants.models import Award, DueDiligenceVisit, Fund
from grants.services._common import full_clean_save
from meetings.models import Organisation


@transaction.atomic
def visit_record(
    *,
    actor: Actor,
    organisation: Organisation,
    visited_on: datetime.date | None,
    project: str = "",
    fund: Fund | None = None,
    award: Award | None = None,
    area_and_work: str = "",
    funding_amount: Decimal | None = None,
    output: str = "",
) -> DueDiligenceVisit:
    ensure_allowed(can_manage_grants, actor)
    visit = DueDiligenceVisit(
        organisation=organisation,
        visited_on=visited_on,
        project=project,
        fund=fund,
        award=award,
        area_and_work=area_and_work,
        funding_amount=funding_amount,
        funding_text=f"£{funding_amount:,}" if funding_amount is not None else "",
        output=output,
        source=f"Recorded by {getattr(actor, 'username', '')} on {timezone.localdate()}",
    )
    full_clean_save(visit)
    event_record(
        subject=visit, verb=EventType.VISIT_RECORDED, actor=actor, summary=str(organisation)
    )
    return visit
