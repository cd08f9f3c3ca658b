"""Applications: recording one (from the import or by hand) and withdrawing one."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.events import EventType
from core.permissions import can_manage_grants, ensure_allowed
from core.services import event_record
from core.types import Actor
from grants.models import Application, GrantRound
from grants.services._common import full_clean_save
from grants.services.organisations import OrganisationMatcher
from meetings.models import Organisation

APPLICATIONS_CLOSED = "This round no longer accepts applications."
REQUEST_ABOVE_MAX_BID = (
    "£{amount:,.2f} is more than the £{max_bid:,.2f} maximum bid for this round."
)
RECOMMENDED_ABOVE_REQUEST = (
    "The recommended amount cannot be more than the £{requested:,.2f} requested."
)
WITHDRAW_REASON_REQUIRED = "Say why the application was withdrawn."
ALREADY_WITHDRAWN = "This application has already been withdrawn."
AWARD_EXISTS = "This application already has an award."


def application_check_amounts(
    *,
    grant_round: GrantRound,
    amount_requested: Decimal,
    amount_recommended: Decimal | None = None,
) -> None:
    """The checks the CSV import runs on each line before saving anything."""
    errors: dict[str, str] = {}
    if grant_round.max_bid is not None and amount_requested > grant_round.max_bid:
        errors["amount_requested"] = REQUEST_ABOVE_MAX_BID.format(
            amount=amount_requested, max_bid=grant_round.max_bid
        )
    if amount_recommended is not None and amount_recommended > amount_requested:
        errors["amount_recommended"] = RECOMMENDED_ABOVE_REQUEST.format(requested=amount_requested)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_create(
    *,
    grant_round: GrantRound,
    actor: Actor,
    organisation: Organisation,
    project_title: str,
    amount_requested: Decimal,
    area: str = "",
    reference: str = "",
    organisation_name_submitted: str = "",
    amount_recommended: Decimal | None = None,
    position: int | None = None,
) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if not grant_round.accepts_applications:
        raise ValidationError(APPLICATIONS_CLOSED)
    application_check_amounts(
        grant_round=grant_round,
        amount_requested=amount_requested,
        amount_recommended=amount_recommended,
    )
    count = grant_round.applications.count()
    application = Application(
        round=grant_round,
        organisation=organisation,
        organisation_name_submitted=organisation_name_submitted or organisation.name,
        project_title=project_title.strip(),
        amount_requested=amount_requested,
        amount_recommended=amount_recommended,
        area=area.strip(),
        reference=reference.strip() or f"A{count + 1:03d}",
        position=position if position is not None else count + 1,
    )
    full_clean_save(application)
    event_record(
        subject=application,
        verb=EventType.APPLICATION_RECEIVED,
        actor=actor,
        summary=f"{organisation.name}: {project_title} (£{amount_requested:,})",
    )
    return application


@transaction.atomic
def application_add(
    *,
    grant_round: GrantRound,
    actor: Actor,
    organisation_name: str,
    project_title: str,
    amount_requested: Decimal,
    area: str = "",
) -> Application:
    """One application entered by hand, its organisation found (or added) by name."""
    ensure_allowed(can_manage_grants, actor)
    organisation, _ = OrganisationMatcher().find_or_create(organisation_name)
    return application_create(
        grant_round=grant_round,
        actor=actor,
        organisation=organisation,
        organisation_name_submitted=organisation_name.strip(),
        project_title=project_title,
        amount_requested=amount_requested,
        area=area,
    )


@transaction.atomic
def application_withdraw(*, application: Application, actor: Actor, reason: str) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if application.withdrawn:
        raise ValidationError(ALREADY_WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    if hasattr(application, "award"):
        raise ValidationError(AWARD_EXISTS)
    application.withdrawn = True
    application.withdrawn_reason = reason.strip()
    application.recommended = False
    full_clean_save(application)
    event_record(
        subject=application, verb=EventType.APPLICATION_WITHDRAWN, actor=actor, summary=reason
    )
    return application
