"""The visibility policy: the one place that decides what a reader may read.

Every output (pages and htmx fragments, PDFs, feeds, search, exports, the admin) reaches records
through selectors, and the selectors ask this module. A reader is one of three audiences:

- the public (and anyone signed in without a role): published meetings in public session, their
  published minutes, items that are not exempt, papers that are not exempt or withdrawn, tracked
  items made public with their submitted responses;
- internal readers (every role): also drafts, unpublished and private meetings and minutes,
  exempt items and papers, the tracker and grant details;
- readers of redacted content (OPCC officers and administrators): also the sections of a
  Corporate Governance Board item redacted from the public report. Internal is not enough: panel
  members and democratic services read the board's public report, as the public does.

The rules are written against field names, not model classes, so that `core` imports no app above
it; each `*_q` takes the lookup prefix of the relation it is applied through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from core.permissions import can_read_internal, can_read_redacted
from core.types import Actor

# Stored values the rules test (the models' choices use the same strings).
PUBLIC_SESSION = "public"
RESPONSE_PUBLISHED_STATUSES = ("submitted", "accepted", "challenged")


@dataclass(frozen=True)
class Reader:
    """What one reader may read. Built from a user by `reader_for`; `PUBLIC` for outputs that are
    always the public version (PDFs, feeds, the public report)."""

    internal: bool = False
    redacted: bool = False

    @property
    def is_public(self) -> bool:
        return not self.internal


PUBLIC = Reader()


def reader_for(user: Actor) -> Reader:
    internal = can_read_internal(user)
    return Reader(internal=internal, redacted=internal and can_read_redacted(user))


def _lookup(prefix: str, field: str) -> str:
    return f"{prefix}__{field}" if prefix else field


# --- Meetings, minutes, items and papers ------------------------------------------------------


def meeting_q(reader: Reader, prefix: str = "") -> Q:
    """Meetings the reader may open: for the public, a public session whose agenda or minutes
    are published."""
    if reader.internal:
        return Q()
    return Q(**{_lookup(prefix, "session"): PUBLIC_SESSION}) & (
        Q(**{_lookup(prefix, "agenda_published_at__isnull"): False})
        | Q(**{_lookup(prefix, "minutes_published_at__isnull"): False})
    )


def meeting_may_read(reader: Reader, meeting: Any) -> bool:
    return reader.internal or (
        meeting.session == PUBLIC_SESSION
        and (meeting.agenda_published_at is not None or meeting.minutes_published_at is not None)
    )


def minutes_may_read(reader: Reader, meeting: Any) -> bool:
    return meeting_may_read(reader, meeting) and (
        reader.internal or meeting.minutes_published_at is not None
    )


def minutes_q(reader: Reader, prefix: str = "") -> Q:
    """Meetings whose minutes the reader may read (the prefix leads to the meeting)."""
    if reader.internal:
        return Q()
    return meeting_q(reader, prefix) & Q(**{_lookup(prefix, "minutes_published_at__isnull"): False})


def item_content_hidden(reader: Reader, item: Any) -> bool:
    """An exempt agenda item keeps only its title (and, for the public, no reason)."""
    return bool(item.exempt) and not reader.internal


def item_sections_hidden(reader: Reader, *, exempt: bool, redacted: bool) -> bool:
    """A Board item's overview, Force update and PCC response: hidden with the content of an
    exempt agenda item, and when redacted from everyone who may not read redacted content."""
    return (exempt and not reader.internal) or (redacted and not reader.redacted)


def document_q(reader: Reader, prefix: str = "") -> Q:
    """Papers the reader may open: never withdrawn ones; for the public, nothing exempt or
    attached to an exempt item."""
    visible = Q(**{_lookup(prefix, "withdrawn_at__isnull"): True})
    if reader.internal:
        return visible
    return (
        visible
        & Q(**{_lookup(prefix, "exempt"): False})
        & ~Q(**{_lookup(prefix, "agenda_item__exempt"): True})
    )


def resolution_q(reader: Reader, prefix: str = "") -> Q:
    """Resolutions (decisions) the reader may read: for the public, those in published minutes
    of public meetings and not of exempt items."""
    if reader.internal:
        return Q()
    meeting = _lookup(prefix, "minute__meeting")
    return minutes_q(reader, meeting) & ~Q(**{_lookup(prefix, "minute__agenda_item__exempt"): True})


# --- The tracker --------------------------------------------------------------------------------


def tracked_item_q(reader: Reader, prefix: str = "") -> Q:
    """Tracked items the reader may see: for the public, those made public and not withdrawn."""
    if reader.internal:
        return Q()
    return Q(**{_lookup(prefix, "is_public"): True, _lookup(prefix, "withdrawn_at__isnull"): True})


def response_q(reader: Reader, prefix: str = "") -> Q:
    """Responses the reader may read: for the public, submitted responses (and those the panel
    has since reviewed) of public items; drafts and withdrawn drafts never."""
    if reader.internal:
        return Q()
    return Q(**{_lookup(prefix, "status__in"): RESPONSE_PUBLISHED_STATUSES}) & tracked_item_q(
        reader, _lookup(prefix, "item")
    )
