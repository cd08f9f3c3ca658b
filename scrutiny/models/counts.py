"""The dashboard's counts, kept beside the items (`scrutiny.services.counts`)."""

from __future__ import annotations

from django.db import models

from core.tenancy import PanelOwned


class ItemCount(PanelOwned):
    """How many of the panel's items share a body, an addressee, a response status and a state:
    the dashboard's counts, read from these few rows rather than counted over every item. The
    services that raise an item or move it between them keep them in the same transaction
    (`scrutiny.services.counts`); `item_counts_rebuild` recomputes them from the items."""

    body = models.ForeignKey("meetings.Body", on_delete=models.PROTECT, related_name="+")
    addressee = models.CharField(max_length=20)
    # The item's response status, as a dimension: no choices, it moves with its item.
    response_status = models.CharField(max_length=30)
    closed = models.BooleanField()
    withdrawn = models.BooleanField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "body", "addressee", "response_status", "closed", "withdrawn"],
                name="itemcount_one_row_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} items ({self.addressee}, {self.response_status})"
