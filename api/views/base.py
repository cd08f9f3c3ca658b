"""What every API view does besides its query: GET, HEAD and OPTIONS only (405 for the rest),
CORS for browser clients (OParl asks `Access-Control-Allow-Origin: *`), an ETag on
every answer with 304 for a matching If-None-Match, and Last-Modified where the objects say it.

The ETag is the digest of the body as rendered, so it changes with anything that changes the
answer (an embedded agenda item, a page's rows, the format). Last-Modified is only information:
a list can change without any listed object changing (one of them unpublished), so
If-Modified-Since alone never earns a 304.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import MethodNotAllowed, NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.filters import OParlFilter, OParlFilterBackend
from api.pagination import OParlCursorPagination
from core.params import query_int

if TYPE_CHECKING:
    _ListView = generics.ListAPIView[Any]
    _DetailView = generics.RetrieveAPIView[Any]
    GenericView = generics.GenericAPIView[Any]
else:
    _ListView = generics.ListAPIView
    _DetailView = generics.RetrieveAPIView
    GenericView = generics.GenericAPIView

OMIT_INTERNAL = OpenApiParameter(
    "omit_internal",
    OpenApiTypes.BOOL,
    description="true: leave out the embedded lists (a Meeting's agenda items, a Person's "
    "memberships, files), as OParl 1.1 lets a syncing client ask.",
)


def _answer_conditionally(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response) or response


class OParlView(APIView):
    last_modified: datetime.datetime | None = None
    http_method_names = ["get", "head", "options"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Refused before authentication, so that a write is 405 for everyone, never a CSRF 403
        # for a signed-in browser.
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            raise MethodNotAllowed(str(request.method))
        super().initial(request, *args, **kwargs)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if self.last_modified is not None:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
            if isinstance(response, SimpleTemplateResponse):
                # After rendering: the ETag is the digest of the body as sent.
                response.add_post_render_callback(partial(_answer_conditionally, request._request))
        return response


class PublicList(OParlView, _ListView):
    """A list of the public's objects, in OParl's list shape."""

    pagination_class = OParlCursorPagination
    filter_backends = [OParlFilterBackend]
    filterset_class: type[OParlFilter] = OParlFilter

    @extend_schema(parameters=[OMIT_INTERNAL])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list(request, *args, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset())) or []
        self.last_modified = max((row.updated_at for row in page), default=None)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PublicDetail(OParlView, _DetailView):
    """One of the public's objects; 404 (OParl's error object) for one the public may not see."""

    filter_backends = []

    @extend_schema(parameters=[OMIT_INTERNAL])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.retrieve(request, *args, **kwargs)

    def get_object(self) -> Any:
        # An id beyond any the database holds names nothing (and SQLite cannot bind it).
        if query_int(str(self.kwargs.get("pk", ""))) is None:
            raise NotFound()
        return super().get_object()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        self.last_modified = instance.updated_at
        return Response(self.get_serializer(instance).data)
