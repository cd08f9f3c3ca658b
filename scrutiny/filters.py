"""The dashboard's filters (django-filter): every filter is a query parameter, so a filtered
view has a URL that can be shared, bookmarked and reloaded."""

from __future__ import annotations

import django_filters
from django import forms

from core.params import MAX_ID
from meetings.models import Body
from scrutiny.models import TrackedItem
from scrutiny.selectors import items_by_state, items_search

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


class IdFilter(django_filters.NumberFilter):
    """A row's id: a whole number, and one beyond any id matches nothing rather than reaching
    the database, which cannot compare a 64-bit column with a 30-digit number."""

    field_class = forms.IntegerField

    def filter(self, qs, value):
        if value is not None and not 1 <= value <= MAX_ID:
            return qs.none()
        return super().filter(qs, value)


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
        queryset=Body.objects.order_by("name"),
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

    def __init__(self, data=None, *args, **kwargs):
        # Defaults that apply when the parameter is absent: open items, soonest due first.
        data = data.copy() if data is not None else {}
        data.setdefault("status", "open")
        data.setdefault("sort", "due")
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return items_by_state(queryset, value)

    def filter_text(self, queryset, name, value):
        return items_search(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER["due"]))
