"""Panels as tenants: which panel the current request or task works for, and the manager that
keeps every query inside it.

One deployment serves every Police and Crime Panel from one database (row-level tenancy: a
`panel` column on every panel-owned table, never a schema per panel). The current panel is held
in a context variable, set for a request by `core.panels.PanelMiddleware` (from the host name),
for queued work by `core.outbox` (the row names its panel), for scheduled work by
`core.panels.in_each_panel`, and for a command or a test by `panel_scope`.

`PanelOwned.objects` filters on it and refuses to run without one, so a query cannot forget
its panel: code that means to read every panel (the national view, the open-data export) says
so by using `all_panels`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.db import models

if TYPE_CHECKING:
    from core.models import Panel

_current: ContextVar[Panel | None] = ContextVar("current_panel", default=None)

M = TypeVar("M", bound=models.Model)


class NoPanelActive(RuntimeError):
    """A panel-scoped query ran with no panel chosen: a bug in the caller, never user input."""


def current_panel() -> Panel:
    panel = _current.get()
    if panel is None:
        raise NoPanelActive(
            "No panel is active: wrap the work in core.tenancy.panel_scope(panel), or use "
            "Model.all_panels to read across panels on purpose."
        )
    return panel


def current_panel_or_none() -> Panel | None:
    return _current.get()


def current_panel_id() -> int | None:
    """The default of every `panel` column. None with no panel active, so that a row saved
    outside any panel fails on the NOT NULL column (and a migration can add the column)."""
    panel = _current.get()
    return panel.pk if panel is not None else None


@contextmanager
def panel_scope(panel: Panel) -> Iterator[Panel]:
    """Work for `panel` inside the block (commands, tasks, tests), restoring what was before."""
    token = _current.set(panel)
    try:
        yield panel
    finally:
        _current.reset(token)


class CurrentPanel(models.Expression):
    """The current panel's id, read when the query is compiled, not when it is built: a
    queryset made at import time (a form field's choices) is scoped to the panel of the
    request that runs it."""

    output_field = models.BigIntegerField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [current_panel().pk]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        # Typed as the column is: a bare number is an integer, which a GIN index holding the
        # (bigint) panel through btree_gin cannot compare with, so the search indexes
        # (meetings.search) would read every panel's matches and leave the panel to a btree.
        return "%s::bigint", [current_panel().pk]


class PanelScopedManager(models.Manager[M]):
    """The default manager of every panel-owned model: only the current panel's rows."""

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(panel_id=CurrentPanel())


class PanelOwned(models.Model):
    """A record that belongs to one panel.

    `panel_parent` names the foreign key whose panel a child shares (an agenda item shares its
    meeting's): a child saved with its parent at hand takes the parent's panel, whatever panel
    is active, so that a row can never sit under a parent of another panel.
    """

    panel = models.ForeignKey(
        "core.Panel",
        on_delete=models.PROTECT,
        related_name="+",
        default=current_panel_id,
        editable=False,
    )

    panel_parent: ClassVar[str | None] = None

    # `objects` first: the first manager is the default one (admin, forms, related managers).
    objects = PanelScopedManager()
    all_panels = models.Manager()  # noqa: DJ012  (a manager: ruff takes only `objects` for one)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.panel_parent:
            field = self._meta.get_field(self.panel_parent)
            if field.is_cached(self):  # type: ignore[union-attr]  # a ForeignKey
                parent = getattr(self, self.panel_parent)
                if parent is not None:
                    self.panel_id = parent.panel_id
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # A form never has the panel as a field (it is not editable), so Django would skip every
        # per-panel unique constraint, and a duplicate slug would reach the database as an
        # IntegrityError; the panel is always known, so those constraints are checked here.
        if exclude and "panel" in exclude:
            exclude = set(exclude) - {"panel"}
        super().validate_constraints(exclude)
