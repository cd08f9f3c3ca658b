"""The text of a paper's file, read once by the worker so the public search finds its words.

`document_attach` queues the read in its transaction; a file of any size is read after the
person's request. The text is kept in the row (never shown, never exported) and weighs C in the
paper's search document: a word in a paper's title counts for more than one on page 40. Whether
a search may show the paper is decided as ever by `core.visibility`, so an exempt paper's text
is read but never matched for the public.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from core.outbox import outbox_enqueue
from core.public_cache import public_pages_changed
from core.readers import ReadError, read_bytes
from meetings import tasks  # the module: meetings.tasks imports these services in turn
from meetings.models import Document

logger = logging.getLogger(__name__)

# PostgreSQL refuses a tsvector over 1 MB; half a million characters is a long report's text
# (about 250 pages) and stays well under it.
PAPER_TEXT_LIMIT = 500_000
# The agenda pack and the minutes PDF repeat records that are searched themselves.
GENERATED_KINDS = (Document.Kind.AGENDA_PACK, Document.Kind.MINUTES)


def document_text_on_commit(document: Document) -> None:
    """Queue the reading of `document`'s text in this transaction (once per paper)."""
    if document.kind not in GENERATED_KINDS:
        outbox_enqueue(
            task=tasks.document_text_read, args=[document.pk], key=f"document-text:{document.pk}"
        )


def document_text_read(*, document_id: int) -> Document | None:
    """Read the paper's file into its `text`. Safe to run twice: a paper already read is left
    as it is. A file that cannot be read as text (a scanned PDF, a damaged file) is recorded as
    read with no text, so it is not tried again and the paper is still found by its title."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.text_read_at is not None:
        return document
    try:
        with document.file.open("rb") as handle:
            text = read_bytes(handle.read(), name=document.original_filename).text
    except (ReadError, FileNotFoundError) as error:
        logger.info("paper %s has no readable text: %s", document_id, error)
        text = ""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.text_read_at is not None:  # another run got there first
            return document
        document.text = text[:PAPER_TEXT_LIMIT]
        document.text_read_at = timezone.now()
        # Saving `text` rebuilds the stored search document (SearchDocumented.save).
        document.save(update_fields=["text", "text_read_at", "updated_at"])
        public_pages_changed(panel_id=document.panel_id)  # a cached search may now differ
    return document


def documents_text_unread(*, limit: int | None = None) -> int:
    """Read every paper of the active panel not read yet (papers attached before the text was
    kept); returns how many were read."""
    pending = (
        Document.objects.filter(text_read_at__isnull=True)
        .exclude(kind__in=GENERATED_KINDS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    count = 0
    for document_id in pending[:limit] if limit else pending:
        document_text_read(document_id=document_id)
        count += 1
    return count
