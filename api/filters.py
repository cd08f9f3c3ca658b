"""The list filters OParl defines (`created_since`, `created_until`, `modified_since`,
`modified_until`, all full ISO 8601 date-times) and `body`, as django-filter FilterSets like
every other list's (docs/decisions/0007). A value that is not a date-time or an id is answered
400 with OParl's error object, never sent to the database.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from api import selectors
from core.params import query_int

NOT_A_DATE_TIME = "Give a date and time such as 2024-10-28T14:00:00+00:00."
NOT_AN_ID = "Give the body's id, a whole number, as in the body's own URL."


class DateTimeParameter(IsoDateTimeField):
    """ISO 8601; a time the database cannot hold (the year 9999 in a zone behind UTC) is refused
    rather than overflowing when it is converted to UTC for the query."""

    default_error_messages = {"invalid": NOT_A_DATE_TIME}

    def to_python(self, value: Any) -> datetime.datetime | None:
        moment: datetime.datetime | None = super().to_python(value)
        if moment is not None:
            try:
                moment.astimezone(datetime.UTC)
            except OverflowError as exc:
                raise ValidationError(NOT_A_DATE_TIME, code="invalid") from exc
        return moment


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = DateTimeParameter


class IdParameter(forms.CharField):
    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        number = query_int(text)
        if number is None:
            raise ValidationError(NOT_AN_ID, code="invalid")
        return number


@extend_schema_field({"type": "integer", "description": "The id of a body, as in its URL."})
class BodyFilter(django_filters.Filter):
    field_class = IdParameter


class OParlFilter(django_filters.FilterSet):
    """The date filters every OParl list takes (inclusive at both ends)."""

    created_since = DateTimeFilter(
        field_name="created_at", lookup_expr="gte", label="Created at or after (ISO 8601)."
    )
    created_until = DateTimeFilter(
        field_name="created_at", lookup_expr="lte", label="Created at or before (ISO 8601)."
    )
    modified_since = DateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Changed at or after (ISO 8601)."
    )
    modified_until = DateTimeFilter(
        field_name="updated_at", lookup_expr="lte", label="Changed at or before (ISO 8601)."
    )


class BodyIdFilter(OParlFilter):
    """Objects of one body: `?body=<id>` (meetings, memberships, tracked items)."""

    body = BodyFilter(field_name="body_id")


class MeetingBodyFilter(OParlFilter):
    """Objects of one body's meetings: agenda items, papers, consultations and files."""

    body = BodyFilter(field_name="meeting__body_id")


class PersonFilter(OParlFilter):
    """`body`: its members and its public meetings' attendees."""

    body = BodyFilter(method="filter_body")

    def filter_body(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return selectors.people_of_body(queryset, value)


class OrganisationFilter(OParlFilter):
    """`body`: its own organisation, its members' councils and its meetings' hosts."""

    body = BodyFilter(method="filter_body")

    def filter_body(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return selectors.organisations_of_body(queryset, value)


class OParlFilterBackend(DjangoFilterBackend):
    """The FilterSet of the view, without the browsable API's filter form: its button carries
    an inline style, which the Content-Security-Policy refuses (the docs page lists the
    parameters instead)."""

    def to_html(self, request: Any, queryset: Any, view: Any) -> str:
        return ""
