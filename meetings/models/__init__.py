"""Bodies, people and their time-bounded roles; meetings, agendas, minutes and resolutions.

A CGB meeting is a `Meeting` of the CGB `Body`; its items are `AgendaItem`s, and what only the
board records about them (overview, Force update, PCC response, redaction) is the governance app's
`BoardItem`.
"""

from meetings.models.agenda import PAPER_STATUS, AgendaItem, AgendaVersion, Document
from meetings.models.attendance import Attendance, Declaration, PublicQuestion
from meetings.models.meeting import (
    AGENDA_ITEM_WITHDRAWN_NEEDS_REASON,
    MEETING_CANCELLED_NEEDS_REASON,
    MEETING_END_BEFORE_START,
    MEETING_ILLEGAL_TRANSITION,
    MEETING_STATUS,
    MINUTE_NUMBER_TAKEN_IN_YEAR,
    MUNICIPAL_YEAR_START_MONTH,
    Meeting,
    municipal_year_of,
)
from meetings.models.minutes import Minute, MinutePoint, Resolution
from meetings.models.people import Body, Membership, Organisation, Person

__all__ = [
    "Organisation",
    "Person",
    "Body",
    "Membership",
    "MUNICIPAL_YEAR_START_MONTH",
    "MEETING_END_BEFORE_START",
    "MEETING_CANCELLED_NEEDS_REASON",
    "AGENDA_ITEM_WITHDRAWN_NEEDS_REASON",
    "MINUTE_NUMBER_TAKEN_IN_YEAR",
    "municipal_year_of",
    "Meeting",
    "MEETING_STATUS",
    "MEETING_ILLEGAL_TRANSITION",
    "AgendaItem",
    "PAPER_STATUS",
    "Document",
    "AgendaVersion",
    "Minute",
    "MinutePoint",
    "Resolution",
    "Attendance",
    "Declaration",
    "PublicQuestion",
]
