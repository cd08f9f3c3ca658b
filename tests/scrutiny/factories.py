"""Factories for tracked items; meetings factories supply the minutes they come from."""

from __future__ import annotations

import datetime

import factory

from scrutiny.models import Response, TrackedItem
from scrutiny.services import item_count_key, item_counts_shift
from tests.meetings.factories import BodyFactory, MeetingFactory


class TrackedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackedItem
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PCP/2024-10-28/{n}(a)")
    source = TrackedItem.Source.MANUAL
    source_document = "Agenda pack, 2 December 2024"
    body = factory.SubFactory(BodyFactory)
    meeting = None
    title = factory.Sequence(lambda n: f"Written response on item {n}")
    text = "That the PCC be requested to submit a written response."
    addressee = TrackedItem.Addressee.PCC
    raised_on = datetime.date(2024, 10, 28)
    due_date = datetime.date(2024, 12, 2)
    is_public = True

    @classmethod
    def _create(
        cls, model_class: type[TrackedItem], *args: object, **kwargs: object
    ) -> TrackedItem:
        # Made without the services, so counted here as item_create counts it: the dashboard's
        # counts then hold the items a test makes.
        item = super()._create(model_class, *args, **kwargs)
        item_counts_shift(before=None, after=item_count_key(item))
        return item


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    item = factory.SubFactory(TrackedItemFactory)
    body = "The Commissioner's response."
    status = Response.Status.SUBMITTED


__all__ = ["BodyFactory", "MeetingFactory", "ResponseFactory", "TrackedItemFactory"]
