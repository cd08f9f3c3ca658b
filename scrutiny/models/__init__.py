"""The tracker: every recommendation, request or action, followed through to its response.

By entity: `items` (the tracked item, with its recurrence: a standing request is a series of
items, one an occurrence), `responses` (responses, their attachments, the panel's reviews),
`counts` (the dashboard's counts) and `lifecycles` (what may follow what). Everything is
importable from `scrutiny.models`.
"""

from __future__ import annotations

from scrutiny.models.counts import ItemCount
from scrutiny.models.items import (
    DUE_BEFORE_RAISED,
    OPEN_ITEM,
    PROGRESS_RANGE,
    STATE_TAG_CLASSES,
    TrackedItem,
    overdue_q,
)
from scrutiny.models.lifecycles import (
    ITEM_IMPLEMENTATION_LIFECYCLE,
    ITEM_RESPONSE_LIFECYCLE,
    ITEM_SERIES_LIFECYCLE,
    RESPONSE_LIFECYCLE,
)
from scrutiny.models.responses import (
    IN_PRINCIPLE_NEEDS_PLAN,
    PUBLISHED_RESPONSE_STATUSES,
    Response,
    ResponseAttachment,
    Review,
)

__all__ = [
    "DUE_BEFORE_RAISED",
    "IN_PRINCIPLE_NEEDS_PLAN",
    "ITEM_IMPLEMENTATION_LIFECYCLE",
    "ITEM_RESPONSE_LIFECYCLE",
    "ITEM_SERIES_LIFECYCLE",
    "OPEN_ITEM",
    "PROGRESS_RANGE",
    "PUBLISHED_RESPONSE_STATUSES",
    "RESPONSE_LIFECYCLE",
    "STATE_TAG_CLASSES",
    "ItemCount",
    "Response",
    "ResponseAttachment",
    "Review",
    "TrackedItem",
    "overdue_q",
]
