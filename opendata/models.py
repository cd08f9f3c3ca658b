"""The bulk downloads as built: one ZIP of CSVs per panel, and one national ZIP of every panel.

A shared table, not `PanelOwned`: the national export belongs to no panel (its `panel` is empty)
and every panel's site serves it, so the rows are read by `panel` explicitly, never through a
panel-scoped manager.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Coalesce

from core.models import Panel


class OpenDataExport(models.Model):
    """The current bulk download of one panel, or (panel empty) the national one. Rebuilt in
    place by `opendata.services.export_build` when the public data it was built from changes."""

    panel = models.ForeignKey(
        Panel, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    built_at = models.DateTimeField(help_text="When these contents were built.")
    file = models.FileField(upload_to="opendata/")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    # The latest change among the records the export reads, and a digest of their row counts and
    # latest changes (`opendata.selectors.source_states`): the export is current while it holds.
    source_modified = models.DateTimeField(null=True, blank=True)
    source_state = models.CharField(max_length=64)

    class Meta:
        ordering = ["panel", "pk"]
        constraints = [
            # One row per panel and one national row (NULL would not collide with NULL).
            models.UniqueConstraint(
                Coalesce("panel", models.Value(0)), name="opendata_export_once_per_scope"
            ),
        ]

    def __str__(self) -> str:
        return f"Open data export ({self.panel_id or 'national'}, {self.built_at:%Y-%m-%d %H:%M})"

    @property
    def is_national(self) -> bool:
        return self.panel_id is None
