"""The tracker's lifecycles (core.lifecycle): the only moves the services make."""

from __future__ import annotations

from core.lifecycle import Lifecycle
from scrutiny.models.items import TrackedItem
from scrutiny.models.responses import Response

_RS = TrackedItem.ResponseStatus
# What the panel may conclude when it closes an item: the position the accepted response took.
_CLOSING = {_RS.ACCEPTED, _RS.PARTIALLY_ACCEPTED, _RS.NOT_ACCEPTED, _RS.ACCEPTED_IN_PRINCIPLE}
# Awaiting → received when a response is submitted, and back when it is withdrawn or challenged
# (or a board outcome is not accepted); accepting closes the item, and nothing follows. A board
# request may be closed while awaiting: its outcome is recorded at the board, not as a response.
ITEM_RESPONSE_LIFECYCLE = Lifecycle(
    "scrutiny.TrackedItem",
    "response_status",
    {
        _RS.AWAITING: {_RS.RECEIVED, *_CLOSING},
        _RS.RECEIVED: {_RS.AWAITING, *_CLOSING},
        **{status: set() for status in _CLOSING},
    },
    noun="A tracked item",
)

_IMPL = TrackedItem.Implementation
# Officers report implementation as it stands, so any status may follow any other (work stalls
# and restarts, and a report may be corrected). What stops changes is the item: a withdrawn or
# superseded item's implementation is not updated (`item_implementation_update`).
ITEM_IMPLEMENTATION_LIFECYCLE = Lifecycle(
    "scrutiny.TrackedItem",
    "implementation_status",
    {status: {other for other in _IMPL if other != status} for status in _IMPL},
    noun="Implementation",
)

_R = Response.Status
RESPONSE_LIFECYCLE = Lifecycle(
    "scrutiny.Response",
    "status",
    {
        _R.DRAFT: {_R.SUBMITTED, _R.WITHDRAWN},
        _R.SUBMITTED: {_R.ACCEPTED, _R.CHALLENGED, _R.WITHDRAWN},
        _R.ACCEPTED: set(),
        _R.CHALLENGED: set(),
        _R.WITHDRAWN: set(),
    },
    noun="A response",
)

_SERIES = TrackedItem.SeriesStatus
# A series runs until it is stopped, and a stopped series stays stopped: a standing request the
# panel makes again is a new series.
ITEM_SERIES_LIFECYCLE = Lifecycle(
    "scrutiny.TrackedItem",
    "series_status",
    {_SERIES.RUNNING: {_SERIES.STOPPED}, _SERIES.STOPPED: set()},
    noun="A series",
)
