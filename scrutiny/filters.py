"""The dashboard's filters (django-filter): every filter is a query parameter, so a filtered
view has a URL that can be shared, bookmarked and reloaded. The selectors apply them
(`scrutiny.selectors.items_filtered`, `items_summary_filtered`); views only pass the GET."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from core.params import MAX_ID
from meetings.models import Body
from scrutiny.models import OPEN_ITEM, TrackedItem, overdue_q

STATE_CHOICES = (
    ("open", "Open"),
    ("overdue", "Overdue"),
    ("closed", "Closed"),
    ("withdrawn", "Withdrawn"),
    ("all", "All"),
)
SORT_CHOICES = (
    ("due", "Due date, soonest first"),
    ("-due", "Due date, latest first"),
    ("-raised", "Most recently raised"),
    ("reference", "Reference"),
)
SORT_ORDER = {
    "due": ("due_date", "pk"),
    "-due": ("-due_date", "-pk"),
    "-raised": ("-raised_on", "-pk"),
    "reference": ("reference",),
}


def items_by_state(queryset: QuerySet[TrackedItem], state: str) -> QuerySet[TrackedItem]:
    if state == "open":
        return queryset.filter(OPEN_ITEM)
    if state == "overdue":
        return queryset.filter(overdue_q())
    if state == "closed":
        return queryset.filter(closed_at__isnull=False)
    if state == "withdrawn":
        return queryset.filter(withdrawn_at__isnull=False)
    return queryset


def search_vector() -> SearchVector:
    """What full-text search reads; the GIN index of migration 0002 is built on this very
    expression, so PostgreSQL answers a search from the index."""
    return SearchVector("reference", "title", "text", config="english")


def items_search(queryset: QuerySet[TrackedItem], text: str) -> QuerySet[TrackedItem]:
    """Full-text search on PostgreSQL; a case-insensitive match elsewhere (SQLite). A reference
    ("PCP/2024-10-28/29(c)") is looked up by its beginning."""
    text = text.strip()
    if not text:
        return queryset
    if "/" in text and " " not in text:
        return queryset.filter(reference__startswith=text)
    if connection.vendor == "postgresql":
        return queryset.annotate(search=search_vector()).filter(
            search=SearchQuery(text, config="english", search_type="websearch")
        )
    return queryset.filter(
        Q(reference__icontains=text) | Q(title__icontains=text) | Q(text__icontains=text)
    )


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number, and one beyond any id matches nothing rather than reaching
    the database, which cannot compare a 64-bit column with a 30-digit number."""

    field_class = forms.IntegerField

    def filter(self, qs: QuerySet[Any], value: int | None) -> QuerySet[Any]:
        if value is not None and not 1 <= value <= MAX_ID:
            return qs.none()
        filtered: QuerySet[Any] = super().filter(qs, value)
        return filtered


class ItemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_status", empty_label=None, label="Status"
    )
    response_status = django_filters.ChoiceFilter(
        choices=TrackedItem.ResponseStatus.choices, label="Response", empty_label="Any"
    )
    addressee = django_filters.ChoiceFilter(
        choices=TrackedItem.Addressee.choices, label="Addressed to", empty_label="Anyone"
    )
    body = django_filters.ModelChoiceFilter(
        # The choices need only the slug (their value) and the name (their label).
        queryset=Body.objects.only("slug", "name").order_by("name"),
        label="Body",
        empty_label="Any body",
        to_field_name="slug",
    )
    meeting = IdFilter(field_name="meeting_id", widget=forms.HiddenInput)
    due_after = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="gte",
        label="Due on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        field_name="due_date",
        lookup_expr="lte",
        label="Due on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(method="filter_text", label="Search")
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", empty_label=None, label="Sort by"
    )

    class Meta:
        model = TrackedItem
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # Defaults that apply when the parameter is absent: open items, soonest due first.
        data = data.copy() if data is not None else {}
        data.setdefault("status", "open")
        data.setdefault("sort", "due")
        super().__init__(data, *args, **kwargs)

    def filter_status(
        self, queryset: QuerySet[TrackedItem], name: str, value: str
    ) -> QuerySet[TrackedItem]:
        return items_by_state(queryset, value)

    def filter_text(
        self, queryset: QuerySet[TrackedItem], name: str, value: str
    ) -> QuerySet[TrackedItem]:
        return items_search(queryset, value)

    def filter_sort(
        self, queryset: QuerySet[TrackedItem], name: str, value: str
    ) -> QuerySet[TrackedItem]:
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER["due"]))


class ItemSummaryFilter(ItemFilter):
    """The dashboard's counts: the list's filters but for state, response and order, which the
    counts are broken down by (or do not depend on). A filter given a value it cannot read is
    left out, as the counts of what the other filters choose are still worth showing."""

    # django-filter leaves out a parent's filter that the subclass sets to None.
    status = None
    response_status = None
    sort = None
