"""Who may manage which body's meetings (the roles themselves are core.permissions')."""

from __future__ import annotations

from core.permissions import can_manage_cgb, can_manage_meetings
from core.types import Actor
from meetings.models import Body


def can_manage_meetings_of(user: Actor, body: Body) -> bool:
    """Democratic services manage every body's meetings. The OPCC runs the Corporate Governance
    Board, so its officers also record a board's meetings: their attendance and their items (as
    they attach a board's papers, `meetings.services.documents`)."""
    return can_manage_meetings(user) or (body.kind == Body.Kind.BOARD and can_manage_cgb(user))
