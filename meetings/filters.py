"""The meetings app's list filters (django-filter). The selectors apply them: a view passes the
query string and gets the filtered rows back. Every filter is a query parameter, so a filtered
list has a URL that can be shared, and a value nobody could mean is ignored or reported beside
its field, never sent to the database as it is (`core.params`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from core.params import query_int, query_text
from meetings.models import Body, Meeting, Resolution
from meetings.search import meeting_ids_matching

DATE_FILTER_INVALID = "Enter a real date, for example 28/10/2024."
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class MeetingFilter(django_filters.FilterSet):
    """The public meeting list: by body (its slug) and a text search of agendas and minutes."""

    body = django_filters.CharFilter(method="filter_body")
    q = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = Meeting
        fields: list[str] = []

    @property
    def body_slug(self) -> str:
        return query_text((self.data or {}).get("body"))

    @property
    def query(self) -> str:
        return query_text((self.data or {}).get("q"))

    def filter_body(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        slug = query_text(value)
        return queryset.filter(body__slug=slug) if slug else queryset

    def filter_text(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        query = query_text(value)
        return queryset.filter(pk__in=meeting_ids_matching(query)) if query else queryset


class StaffMeetingFilter(django_filters.FilterSet):
    """The staff meeting list: by body (its id); an id that is not a plain number is ignored."""

    body = django_filters.CharFilter(method="filter_body")

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_body(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        body_id = query_int(value)
        return queryset.filter(body_id=body_id) if body_id else queryset


class DecisionFilter(django_filters.FilterSet):
    """The decision register's filters; the selector decides what may be listed. `bodies` are
    the bodies offered (those with a public meeting)."""

    body = django_filters.ModelChoiceFilter(
        field_name="minute__meeting__body",
        queryset=Body.objects.none(),
        to_field_name="slug",
        empty_label="All bodies",
        label="Body",
    )
    date_from = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="gte",
        label="From",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="lte",
        label="To",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Resolution.Kind.choices, empty_label="All kinds", label="Kind of decision"
    )

    class Meta:
        model = Resolution
        fields = ["body", "date_from", "date_to", "kind"]

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = bodies
        for name in ("date_from", "date_to"):
            self.form.fields[name].error_messages["invalid"] = DATE_FILTER_INVALID

    @property
    def results(self) -> QuerySet[Resolution]:
        """The filtered decisions; all of them while a filter is wrong (the form says which)."""
        results: QuerySet[Resolution] = (
            self.qs if self.is_bound and self.is_valid() else self.queryset
        )
        return results
