"""OParl's list pages with cursor pagination: `{"data": [...], "pagination": {...}, "links":
{"first", "self", "prev", "next"}}`, ordered by (modified, id), so that a client syncing with
`modified_since` reads every change once, and pages stay put while rows are added. No total is
counted: a page costs the same however long the list grows."""

from __future__ import annotations

from typing import Any

from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _link(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "uri", "description": description}


class OParlCursorPagination(CursorPagination):
    ordering = ("updated_at", "pk")
    page_size = PAGE_SIZE
    # OParl's own name for the page size a client asks for (it may be given fewer).
    page_size_query_param = "limit"
    page_size_query_description = f"Objects per page (at most {MAX_PAGE_SIZE})."
    max_page_size = MAX_PAGE_SIZE

    def decode_cursor(self, request: Request) -> Cursor | None:
        """A cursor whose position is not a time (one made by hand) is answered 404, like any
        other cursor that cannot be read, rather than reaching the query."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                valid = parse_datetime(str(cursor.position)) is not None
            except ValueError:
                valid = False
            if not valid:
                raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_paginated_response(self, data: Any) -> Response:
        links = {
            "first": remove_query_param(str(self.base_url), self.cursor_query_param),
            "self": self.base_url,
            "prev": self.get_previous_link(),
            "next": self.get_next_link(),
        }
        return Response(
            {
                "data": data,
                "pagination": {"elementsPerPage": self.page_size},
                "links": {name: url for name, url in links.items() if url},
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["data", "pagination", "links"],
            "properties": {
                "data": schema,
                "pagination": {
                    "type": "object",
                    "properties": {"elementsPerPage": {"type": "integer"}},
                },
                "links": {
                    "type": "object",
                    "required": ["first", "self"],
                    "properties": {
                        "first": _link("The first page, with the same filters."),
                        "self": _link("This page."),
                        "prev": _link("The page before, if there is one."),
                        "next": _link("The next page; absent on the last."),
                    },
                },
            },
        }
