"""Downloading a response's attachment: the only way to its file (nothing serves /media/).

No login is needed: an attachment is exactly as visible as its response (the selector applies
`core.visibility`), so the public may download a published response's attachments, and only
internal readers a draft's. Anything the reader may not see is a 404. The headers that keep the
file from running as part of the site are `core.downloads`'.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from core import visibility
from core.downloads import stored_file_response
from scrutiny import selectors
from scrutiny.models import ResponseAttachment


@require_GET
def response_attachment(
    request: HttpRequest, pk: int, response_pk: int, attachment_pk: int
) -> FileResponse:
    try:
        attachment = selectors.response_attachment_for(
            item_pk=pk,
            response_pk=response_pk,
            pk=attachment_pk,
            reader=visibility.reader_for(request.user),
        )
    except ResponseAttachment.DoesNotExist as exc:
        raise Http404("No such attachment") from exc
    return stored_file_response(
        file=attachment.file,
        content_type=attachment.content_type,
        filename=attachment.original_filename,
    )
