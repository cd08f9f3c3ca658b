"""The pages `make bench` times: every public list and the public meeting page, read by the
public; every staff list, read by a user holding the role the page asks for."""

from __future__ import annotations

from dataclasses import dataclass

from core.permissions import DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER


@dataclass(frozen=True)
class Page:
    """`path` may name `{meeting}`: a recent public meeting of the panel, with its minutes."""

    path: str
    role: str | None = None  # None: read anonymously, as the public does

    @property
    def label(self) -> str:
        return self.path.replace("{meeting}", "<id>")


PUBLIC = (
    Page("/meetings/{meeting}/"),
    Page("/meetings/calendar.ics"),
    Page("/meetings/?q=precept"),
    Page("/meetings/"),
    Page("/decisions/"),
    Page("/meetings/feed.atom"),
    Page("/"),
    Page("/grants/"),
    Page("/national/"),
    Page("/open-data/"),
    Page("/healthz"),
)
API = tuple(
    Page(f"/api/v1/{name}")
    for name in (
        "bodies",
        "organizations",
        "people",
        "memberships",
        "meetings",
        "agenda-items",
        "papers",
        "consultations",
        "files",
        "tracked-items",
        "responses",
        "reviews",
        "grants",
    )
)
STAFF = (
    Page("/actions/?status=open", PANEL_MEMBER),
    Page("/actions/?status=open&addressee=force&q=reserves&sort=-due", PANEL_MEMBER),
    Page("/actions/", PANEL_MEMBER),
    Page("/actions/summary/", PANEL_MEMBER),
    Page("/actions/mine/", PANEL_MEMBER),
    Page("/actions/assigned/", OPCC_OFFICER),
    Page("/timeliness/", PANEL_MEMBER),
    Page("/manage/meetings/", DEMOCRATIC_SERVICES),
    Page("/cgb/", OPCC_OFFICER),
    Page("/grants/funds/", OPCC_OFFICER),
    Page("/grants/monitoring/", OPCC_OFFICER),
    Page("/grants/visits/", OPCC_OFFICER),
    Page("/grants/contracts/", OPCC_OFFICER),
    Page("/notifications/", PANEL_MEMBER),
)
PAGES = PUBLIC + API + STAFF
