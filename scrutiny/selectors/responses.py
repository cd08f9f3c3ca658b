"""Reads of responses: the one in play on an item, and an attachment as its reader may see it."""

from __future__ import annotations

from core import visibility
from core.visibility import Reader
from scrutiny.models import Response, ResponseAttachment, TrackedItem


def response_in_play(item: TrackedItem) -> Response | None:
    """The draft or submitted response, from the prefetched list."""
    for response in item.responses.all():
        if response.status in (Response.Status.DRAFT, Response.Status.SUBMITTED):
            return response
    return None


def response_of(*, item: TrackedItem, pk: int) -> Response:
    """One of the item's responses, from the prefetched list (`Response.DoesNotExist` if it is
    not the item's)."""
    for response in item.responses.all():
        if response.pk == pk:
            return response
    raise Response.DoesNotExist(f"Item {item.pk} has no response {pk}")


def response_attachment_for(
    *, item_pk: int, response_pk: int, pk: int, reader: Reader
) -> ResponseAttachment:
    """The attachment if the reader may read its response (`visibility.response_q`), else
    `ResponseAttachment.DoesNotExist`: a published response's for everyone, a draft's for
    internal readers only."""
    return ResponseAttachment.objects.filter(visibility.response_q(reader, "response")).get(
        pk=pk, response_id=response_pk, response__item_id=item_pk
    )
