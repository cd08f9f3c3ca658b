"""A question about a grant award, asked by anyone signed in: it is raised on the tracker as an
item on the panel's behalf, addressed to the OPCC, and the person who asked follows it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.types import Actor
from grants.models import Award
from meetings.models import Body
from scrutiny import services as tracker
from scrutiny.models import TrackedItem

NO_PANEL = "No panel is set up to ask the question on behalf of."


@transaction.atomic
def question_raise(
    *, actor: Actor, award: Award, question: str, due_date: datetime.date
) -> TrackedItem:
    # The tracker's own service checks that the asker may raise a grant question.
    panel = Body.objects.filter(kind=Body.Kind.PANEL, parent__isnull=True).order_by("pk").first()
    if panel is None:
        raise ValidationError(NO_PANEL)
    item = tracker.item_create(
        actor=actor,
        source=TrackedItem.Source.GRANT_QUESTION,
        source_document=f"Grant award: {award} (decision {award.decision.public_reference})",
        body=panel,
        title=question[:120],
        text=question,
        addressee=TrackedItem.Addressee.OPCC,
        requested_by=TrackedItem.RequestedBy.MEMBER,
        response_wanted=TrackedItem.ResponseWanted.INFORMATION,
        due_date=due_date,
    )
    tracker.item_follow(actor=actor, item=item)
    return item
