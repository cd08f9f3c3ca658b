"""The accountability chain of a tracked item: the panel's request to the PCC, what the PCC asked
of the Force at the Corporate Governance Board, the outcome, and the PCC's reply to the panel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.permissions import can_read_internal, require_permission
from scrutiny.models import TrackedItem
from scrutiny.selectors import item_chain


@require_GET
@require_permission(can_read_internal)
def chain(request: HttpRequest, pk: int) -> HttpResponse:
    """Panel → PCC → Force → outcome → the PCC's reply to the panel, on one page."""
    item = get_object_or_404(TrackedItem, pk=pk)
    return render(request, "scrutiny/chain.html", {"item": item, "chain": item_chain(item=item)})
