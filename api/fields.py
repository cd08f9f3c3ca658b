"""Serializer fields for OParl's shapes: constant type URIs, links to other objects (absolute
URLs on the request's host), and dates as OParl writes them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.oparl import absolute

if TYPE_CHECKING:
    ReadOnlyField = serializers.Field[Any, Any, Any, Any]
else:
    ReadOnlyField = serializers.Field


class TypeField(ReadOnlyField):
    """The object's type URI, the same for every object of a serializer."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        super().__init__(read_only=True, source="*")
        set_override(self, "field", {"type": "string", "enum": [uri]})

    def to_representation(self, value: Any) -> str:
        return self.uri


@extend_schema_field(OpenApiTypes.URI)
class LinkField(ReadOnlyField):
    """A link to another object: the attribute (an id) reversed into `view_name`'s absolute URL;
    with `list_param`, the URL of a list filtered by it (`/api/v1/meetings?body=3`)."""

    def __init__(self, view_name: str, *, list_param: str = "", **kwargs: Any) -> None:
        self.view_name = view_name
        self.list_param = list_param
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        request = self.context["request"]
        if self.list_param:
            return absolute(request, self.view_name, query=f"{self.list_param}={value}")
        return absolute(request, self.view_name, value)


class OParlDateTimeField(serializers.DateTimeField):
    """`2024-10-28T14:00:00+00:00`: local time with its offset, to the second (OParl's form)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: datetime.datetime) -> str:
        return timezone.localtime(value).replace(microsecond=0).isoformat()


def link_to(request: Any, view_name: str, *args: object, query: str = "") -> str:
    """For serializer methods: the same absolute URL `LinkField` gives."""
    return absolute(request, view_name, *args, query=query)
