"""Reads for the tracker, by entity: items (the dashboard, the item page, the meetings pages'
items, the chain), responses and the reports (timeliness, action log). Every read
is importable from `scrutiny.selectors`."""

from scrutiny.selectors.items import (
    LIST_COLUMNS,
    OFFICER_ADDRESSEES,
    FilteredItems,
    ItemPage,
    Summary,
    item_chain,
    item_detail,
    item_page,
    item_series,
    items_assigned_to_officers,
    items_base,
    items_filtered,
    items_followed_by,
    items_for_resolutions,
    items_summary,
    items_summary_counted,
    items_summary_filtered,
    minute_point_to_track,
    resolution_to_track,
)
from scrutiny.selectors.reports import (
    ActionLog,
    AddresseeTimeliness,
    action_log,
    meeting_for_action_log,
    timeliness,
    timeliness_chart,
)
from scrutiny.selectors.responses import response_attachment_for, response_in_play, response_of
from scrutiny.selectors.series import SeriesPlace, item_series_place

__all__ = [
    "LIST_COLUMNS",
    "OFFICER_ADDRESSEES",
    "ActionLog",
    "AddresseeTimeliness",
    "FilteredItems",
    "ItemPage",
    "SeriesPlace",
    "Summary",
    "action_log",
    "item_chain",
    "item_detail",
    "item_page",
    "item_series",
    "item_series_place",
    "items_assigned_to_officers",
    "items_base",
    "items_filtered",
    "items_followed_by",
    "items_for_resolutions",
    "items_summary",
    "items_summary_counted",
    "items_summary_filtered",
    "meeting_for_action_log",
    "minute_point_to_track",
    "resolution_to_track",
    "response_attachment_for",
    "response_in_play",
    "response_of",
    "timeliness",
    "timeliness_chart",
]
