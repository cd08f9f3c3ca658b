"""Text search over public meetings: full-text search on PostgreSQL, `icontains` on SQLite.

The backend is chosen by `connection.vendor`, as Wagtail's search does, so the quick start on
SQLite still finds things. On PostgreSQL the English configuration stems words ("arrests"
finds "arrest") and `websearch` syntax accepts quoted phrases and -exclusions.
https://docs.djangoproject.com/en/5.2/ref/contrib/postgres/search/
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Model, Q, QuerySet

from meetings.models import AgendaItem, Meeting, Minute, MinutePoint, Resolution

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200

M = TypeVar("M", bound=Model)


def text_filter(queryset: QuerySet[M], fields: Sequence[str], query: str) -> QuerySet[M]:
    """Rows of `queryset` whose `fields` match `query`."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        matching: QuerySet[M] = queryset.annotate(
            search_vector=SearchVector(*fields, config=SEARCH_CONFIG)
        ).filter(search_vector=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch"))
        return matching
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


def meeting_ids_matching(query: str) -> QuerySet[Meeting, int]:
    """A subquery of the ids of meetings whose title, agenda item titles, or published minutes
    (headings, text, points, resolutions) match. Exempt items and their minutes never match,
    so a search cannot reveal what they say."""
    published = Q(meeting__minutes_published_at__isnull=False)
    minute_published = Q(minute__meeting__minutes_published_at__isnull=False)
    exempt_minute = Q(minute__agenda_item__exempt=True)
    matches = (
        Q(pk__in=text_filter(Meeting.objects.all(), ["title"], query).values("pk"))
        | Q(
            pk__in=text_filter(AgendaItem.objects.filter(exempt=False), ["title"], query).values(
                "meeting_id"
            )
        )
        | Q(
            pk__in=text_filter(
                Minute.objects.filter(published).exclude(agenda_item__exempt=True),
                ["title", "preamble", "body_text"],
                query,
            ).values("meeting_id")
        )
        | Q(
            pk__in=text_filter(
                MinutePoint.objects.filter(minute_published).exclude(exempt_minute),
                ["text"],
                query,
            ).values("minute__meeting_id")
        )
        | Q(
            pk__in=text_filter(
                Resolution.objects.filter(minute_published).exclude(exempt_minute),
                ["text"],
                query,
            ).values("minute__meeting_id")
        )
    )
    return Meeting.objects.filter(matches).values_list("pk", flat=True)
