"""What the benchmarks aim at: the panel with the most tracked items, its own host, and a
recent public meeting of it with its minutes out."""

from __future__ import annotations

from django.db.models import Count

from core.models import Panel, PanelHost
from core.register import DEV_HOST_SUFFIX
from meetings.models import Meeting, Resolution
from scrutiny.models import TrackedItem


class NoTarget(Exception):
    pass


def panel_get(slug: str | None = None) -> Panel:
    """The panel of `slug`, or the one with the most tracked items."""
    if slug:
        panel = Panel.objects.filter(slug=slug).first()
        if panel is None:
            raise NoTarget(f"No panel has the slug {slug!r}.")
        return panel
    busiest = (
        TrackedItem.all_panels.values("panel")
        .annotate(items=Count("pk"))
        .order_by("-items", "panel")
        .first()
    )
    if busiest is None:
        raise NoTarget("No tracked items to time: run seed_scale first.")
    return Panel.objects.get(pk=busiest["panel"])


def panel_host(panel: Panel) -> str:
    """The panel's own host; a panel without one is given its development host."""
    first = panel.hosts.order_by("position", "id").first()
    if first is None:
        first = PanelHost.objects.create(panel=panel, name=f"{panel.slug}{DEV_HOST_SUFFIX}")
    return first.name


def public_meeting(panel: Panel) -> int:
    """A recent public meeting of `panel` with its minutes published, the most resolutions
    first among those of its date."""
    meeting = (
        Resolution.all_panels.filter(
            panel=panel,
            minute__meeting__minutes_published_at__isnull=False,
            minute__meeting__session=Meeting.Session.PUBLIC,
        )
        .values("minute__meeting")
        .annotate(n=Count("pk"))
        .order_by("-minute__meeting__date", "-n")
        .values_list("minute__meeting", flat=True)
        .first()
    )
    if meeting is None:
        raise NoTarget("No public meeting with minutes to time: run seed_scale first.")
    return meeting
