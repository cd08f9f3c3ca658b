"""Errors as OParl's error object: `{"type": ".../Error", "message": ..., "debug": ...}`, with
DRF's status code and headers (a 429 keeps its Retry-After)."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler

from api.oparl import ERROR


def _message(detail: Any) -> str:
    """The first message DRF gives, however deeply it nests them (field errors of a filter)."""
    if isinstance(detail, dict):
        if "detail" in detail:
            return _message(detail["detail"])
        field, messages = next(iter(detail.items()), ("", ""))
        return f"{field}: {_message(messages)}" if field else _message(messages)
    if isinstance(detail, list):
        return _message(detail[0]) if detail else ""
    return str(detail)


def oparl_error_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is not None:
        response.data = {"type": ERROR, "message": _message(response.data), "debug": response.data}
    return response
