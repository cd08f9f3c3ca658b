"""The iCalendar feeds kept rendered by the worker: a change of a meeting or a body moves the
calendars' own version (core.public_cache.calendars_scope) and, after commit, the worker
renders the panel's calendars for its own site, so a subscriber's request is served from the
cache however large the calendar. The tracker's changes leave the calendars alone.

Rendering ahead is an optimisation, not work that must happen: if the worker never gets the
message, the first request renders the calendar (meetings.views._calendar_response) as before.
The changes are caught on save, so the services, the importer, the admin and the demo loaders
all count.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models.signals import post_save

from core.models import Panel
from core.panels import panel_home_url
from core.public_cache import calendars_scope, public_rendering_keep, public_scope_changed
from meetings import tasks  # the module: meetings.tasks imports this module in turn
from meetings.feeds import calendar_render
from meetings.models import Body, Meeting

logger = logging.getLogger(__name__)


def calendars_keep(panel: Panel) -> int:
    """Render the panel's calendars (all its meetings, and each body's) for readers of its own
    site, where not already kept under the current version; returns how many were rendered."""
    home = urlsplit(panel_home_url(panel))
    if not home.netloc:  # no host of its own: readers' hosts are not known ahead
        return 0
    base_url = f"{home.scheme}://{home.netloc}"
    rendered = 0
    for slug in ["", *Body.objects.order_by("slug").values_list("slug", flat=True)]:
        rendered += public_rendering_keep(
            scheme=home.scheme,
            host=home.netloc,
            name=f"calendar:{slug}",
            scope=calendars_scope(panel.pk),
            render=partial(
                calendar_render, body_slug=slug, host=home.hostname or "", base_url=base_url
            ),
        )
    return rendered


def _committed(panel_id: int) -> None:
    # Forgotten again at commit (a reader may have rendered since the change, under the version
    # it replaced), then rendered under that version: both here, so no later callback of the
    # same commit forgets the rendering just made.
    public_scope_changed([calendars_scope(panel_id)], on_commit=False)
    try:
        tasks.calendars_keep.apply_async((panel_id,), retry=False, ignore_result=True)
    except Exception:  # the broker is down: the first reader renders the calendar instead
        logger.warning("calendars of panel %s not sent for rendering", panel_id, exc_info=True)


def calendars_changed(panel_id: int) -> None:
    """The panel's calendars may show something else: forget them, and render them again once
    the change commits (once per transaction, however many meetings it saved)."""
    public_scope_changed([calendars_scope(panel_id)], on_commit=False)
    committed = partial(_committed, panel_id)
    # Django keeps the callbacks of the open transaction in `run_on_commit` (and drops them if
    # it rolls back), so a transaction that saves many meetings sends one rendering.
    pending = transaction.get_connection().run_on_commit
    if not any(
        getattr(queued, "func", None) is _committed and queued.args == committed.args
        for _, queued, _ in pending
    ):
        transaction.on_commit(committed)


def _saved(instance: Meeting | Body, **_: Any) -> None:
    if instance.panel_id is not None:
        calendars_changed(instance.panel_id)


post_save.connect(_saved, sender=Meeting, dispatch_uid="calendars_meeting_saved")
post_save.connect(_saved, sender=Body, dispatch_uid="calendars_body_saved")
