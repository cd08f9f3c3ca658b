"""The filters of the grants lists (django-filter), applied inside the selectors. Every filter
is a query parameter, so a filtered list has a URL that can be shared and reloaded; a value the
filter cannot read is ignored, as if it were absent."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import QuerySet

from core.params import MAX_TEXT_LENGTH
from grants.models import Award, MonitoringReturn


class SlugFilter(django_filters.CharFilter):
    """An exact match on a slug or a name. Text longer than any stored value is cut (and so
    matches nothing) rather than sent on; a NUL byte makes the value unreadable, so ignored."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        filtered: QuerySet[Any] = super().filter(qs, value[:MAX_TEXT_LENGTH] if value else value)
        return filtered


class AwardFilter(django_filters.FilterSet):
    """The public register's filters: fund, round and organisation by slug, area by name."""

    fund = SlugFilter(field_name="application__round__fund__slug")
    round = SlugFilter(field_name="application__round__slug")
    organisation = SlugFilter(field_name="application__organisation__slug")
    area = SlugFilter(field_name="application__area")

    class Meta:
        model = Award
        fields: list[str] = []

    def chosen(self) -> dict[str, str]:
        """The value each filter applied ("" for none), for the form to show them selected."""
        self.form.is_valid()  # cleans it: an unreadable value is left out of cleaned_data
        return {name: self.form.cleaned_data.get(name) or "" for name in self.filters}


SHOW_CHOICES = (
    ("outstanding", "Outstanding"),
    ("overdue", "Overdue"),
    ("to_review", "Received, to review"),
    ("all", "All returns"),
)
SHOW_DEFAULT = "outstanding"


class ReturnFilter(django_filters.FilterSet):
    """The monitoring calendar: which returns to show. Absent or unreadable, the outstanding."""

    show = django_filters.ChoiceFilter(choices=SHOW_CHOICES, method="filter_show", empty_label=None)

    class Meta:
        model = MonitoringReturn
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        data = data.copy() if data is not None else {}
        if data.get("show") not in dict(SHOW_CHOICES):
            data["show"] = SHOW_DEFAULT
        self.today = today
        super().__init__(data, *args, **kwargs)

    @property
    def shown(self) -> str:
        """Which returns the calendar shows."""
        return str(self.data.get("show"))

    def filter_show(
        self, queryset: QuerySet[MonitoringReturn], name: str, value: str
    ) -> QuerySet[MonitoringReturn]:
        if value == "overdue":
            return queryset.filter(received_on__isnull=True, due_on__lt=self.today)
        if value == "outstanding":
            return queryset.filter(received_on__isnull=True)
        if value == "to_review":
            return queryset.filter(received_on__isnull=False, reviewed_on__isnull=True)
        return queryset
