"""Text search over public meetings: full-text search on PostgreSQL, `icontains` on SQLite.

The backend is chosen by `connection.vendor`, as Wagtail's search does, so the quick start on
SQLite still finds things. On PostgreSQL the English configuration stems words ("arrests"
finds "arrest") and `websearch` syntax accepts quoted phrases and -exclusions; agenda items,
papers, minutes, points and resolutions are matched on their stored search documents
(`meetings.models.search_document`) through GIN indexes that hold the panel too, so a search
reads the index entries of one panel's matching rows and never computes a vector per row.
https://docs.djangoproject.com/en/5.2/ref/contrib/postgres/search/
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from core import visibility
from meetings.models import AgendaItem, Document, Meeting, Minute, MinutePoint, Resolution
from meetings.models.search_document import SEARCH_CONFIG, SearchDocumented

MAX_QUERY_LENGTH = 200

# The records that have a stored search document, each with the GIN index on (panel, document)
# that migration 0010 builds on PostgreSQL.
SEARCH_INDEXES: dict[type[SearchDocumented], str] = {
    AgendaItem: "agenda_item_search_idx",
    Document: "document_search_idx",
    Minute: "minute_search_idx",
    MinutePoint: "minute_point_search_idx",
    Resolution: "resolution_search_idx",
}
# Generated papers repeat the agenda and the minutes, which are searched as records.
GENERATED_PAPERS = (Document.Kind.AGENDA_PACK, Document.Kind.MINUTES)

D = TypeVar("D", bound=SearchDocumented)


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def document_filter(queryset: QuerySet[D], query: str) -> QuerySet[D]:
    """Rows of `queryset` whose stored search document matches `query` (on SQLite, whose
    document's fields contain it)."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        return queryset.filter(search_document=_search_query(query))
    condition = Q()
    for field, _ in queryset.model.search_document_fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


def _meetings_titled(query: str) -> QuerySet[Meeting]:
    """Meetings whose own title matches. Computed per row: a panel holds hundreds of meetings,
    not the millions of rows of its minutes, and only those of the panel are read."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        titled: QuerySet[Meeting] = Meeting.objects.annotate(
            title_vector=SearchVector("title", config=SEARCH_CONFIG)
        ).filter(title_vector=_search_query(query))
        return titled
    return Meeting.objects.filter(title__icontains=query)


def meeting_ids_matching(query: str) -> QuerySet[Meeting, int]:
    """A subquery of the ids of meetings whose title, agenda items, public papers, or published
    minutes (headings, text, points, resolutions) match. Exempt items, their papers and their
    minutes never match, so a search cannot reveal what they say."""
    papers = Document.objects.filter(visibility.document_q(visibility.PUBLIC)).exclude(
        kind__in=GENERATED_PAPERS
    )
    # The minutes matched, by their own text or a point's or a resolution's: each index gives
    # minute ids, and only the distinct minutes found are joined to their item (a common word
    # matches thousands of points; joining each to its minute would cost more than the search).
    # (Without the models' default order, which would join each part to the meeting.)
    minute_ids = (
        document_filter(Minute.objects.order_by(), query)
        .values("pk")
        .union(
            document_filter(MinutePoint.objects.order_by(), query).values("minute_id"),
            document_filter(Resolution.objects.order_by(), query).values("minute_id"),
        )
    )
    minutes = Minute.objects.filter(pk__in=minute_ids).exclude(agenda_item__exempt=True)
    matches = (
        Q(pk__in=_meetings_titled(query).values("pk"))
        | Q(
            pk__in=document_filter(AgendaItem.objects.filter(exempt=False), query).values(
                "meeting_id"
            )
        )
        | Q(pk__in=document_filter(papers, query).values("meeting_id"))
        | Q(minutes_published_at__isnull=False, pk__in=minutes.values("meeting_id"))
    )
    return Meeting.objects.filter(matches).values_list("pk", flat=True)


def search_documents_rebuild(queryset: QuerySet[Any]) -> int:
    """Recompute the stored search documents of `queryset`'s rows in one UPDATE, for loaders
    that insert with `bulk_create` (which calls no `save()`); the number of rows updated. On
    SQLite, where the documents are not used, nothing is done (0)."""
    if connection.vendor != "postgresql":
        return 0
    model = queryset.model
    updated: int = queryset.order_by().update(search_document=model.search_document_of_columns())
    return updated
