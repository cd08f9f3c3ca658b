"""The OpenAPI document's last touch (a drf-spectacular postprocessing hook): which properties
every object of a type has. Absent values are left out of the JSON, as OParl asks, so the
serializers' fields are optional unless a serializer names them in `always`."""

from __future__ import annotations

from typing import Any

from api.serializers.base import OParlSerializer


def _serializers(cls: type[OParlSerializer]) -> list[type[OParlSerializer]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_serializers(sub)]
    return found


def component_name(cls: type[OParlSerializer]) -> str:
    """drf-spectacular's name for a serializer's component."""
    name = cls.__name__
    return name[: -len("Serializer")] if name.endswith("Serializer") else name


def mark_required(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    components = result.get("components", {}).get("schemas", {})
    for serializer in _serializers(OParlSerializer):
        component = components.get(component_name(serializer))
        if component is not None:
            component["required"] = [
                name for name in serializer.always if name in component.get("properties", {})
            ]
    return result
