"""Our own types beside OParl's: the public tracker (items, responses, reviews) and grants."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from api import selectors
from api.filters import BodyIdFilter
from api.serializers.grants import GrantSerializer
from api.serializers.tracker import ResponseSerializer, ReviewSerializer, TrackedItemSerializer
from api.views.base import PublicDetail, PublicList


class TrackedItemList(PublicList):
    """Tracked items made public (recommendations and requests from published minutes): what was
    asked, of whom, by when, and whether it has been answered; `body` gives one body's."""

    serializer_class = TrackedItemSerializer
    filterset_class = BodyIdFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.tracked_items()


class TrackedItemDetail(PublicDetail):
    """A public tracked item."""

    serializer_class = TrackedItemSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.tracked_items()


class ResponseList(PublicList):
    """Responses submitted to the panel on public tracked items (drafts never)."""

    serializer_class = ResponseSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.responses()


class ResponseDetail(PublicDetail):
    """A submitted response."""

    serializer_class = ResponseSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.responses()


class ReviewList(PublicList):
    """The panel's reviews of submitted responses: accepted, or challenged with a new due date."""

    serializer_class = ReviewSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.reviews()


class ReviewDetail(PublicDetail):
    """A review of a submitted response."""

    serializer_class = ReviewSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.reviews()


class GrantList(PublicList):
    """Published grant awards, as in the register's 360Giving file (linked from each grant)."""

    serializer_class = GrantSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.grants()


class GrantDetail(PublicDetail):
    """A published grant award."""

    serializer_class = GrantSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.grants()
