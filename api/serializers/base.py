"""The serializer every API object type builds on: OParl's JSON conventions in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rest_framework import serializers

from api.oparl import vendor

if TYPE_CHECKING:
    _Serializer = serializers.Serializer[Any]
else:
    _Serializer = serializers.Serializer

# A declared field named `vendor_x` is written as `scrutiny:x` (our property on an OParl object).
VENDOR_FIELD = "vendor_"
EMPTY: tuple[Any, ...] = (None, "", [], {})


class OParlSerializer(_Serializer):
    """OParl asks that a property without data be left out rather than written as null or an
    empty list, except where the schema requires it: `always` names the properties every object
    has (and the OpenAPI document marks them required, `api.schema`). With `omit_internal=true`
    a client asks for the embedded lists named in `internal` to be left out (OParl 1.1)."""

    always: ClassVar[tuple[str, ...]] = ("id", "type")
    internal: ClassVar[tuple[str, ...]] = ()

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = {}
        for name, field in super().get_fields().items():
            if name.startswith(VENDOR_FIELD):
                # The written name is not an attribute or method name: bind to the declared one.
                if isinstance(field, serializers.SerializerMethodField):
                    field.method_name = field.method_name or f"get_{name}"
                elif field.source is None:
                    field.source = name
                name = vendor(name.removeprefix(VENDOR_FIELD))
            fields[name] = field
        return fields

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        omitted = (
            self.internal
            if request is not None and request.query_params.get("omit_internal") == "true"
            else ()
        )
        return {
            name: value
            for name, value in data.items()
            if name in self.always or (name not in omitted and value not in EMPTY)
        }
