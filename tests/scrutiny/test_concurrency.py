"""Two officers saving at the same moment: nothing is silently overwritten and nothing fails.

The first draft of a response: "no draft yet" is a version too (0), so the second officer to
save is told someone else saved the draft, with their own text still in the form. And two items
raised by hand at once get distinct references instead of a 500 on the unique constraint.
"""

from __future__ import annotations

import re
from functools import partial

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.permissions import DEMOCRATIC_SERVICES, OPCC_OFFICER
from scrutiny.models import Response, TrackedItem
from scrutiny.services import RESPONSE_STALE
from tests.concurrency import SharedDatabase, shared_database  # noqa: F401 - the fixture
from tests.conftest import make_user
from tests.meetings.factories import BodyFactory
from tests.scrutiny.factories import TrackedItemFactory

HIDDEN = re.compile(r'<input type="hidden" name="([\w-]+)" value="([^"]*)"')
# Races run per item; each is two officers saving the item's first draft at the same instant.
ROUNDS = 12


def hidden_fields(page: str) -> dict[str, str]:
    """What a browser would post back unchanged: the form's hidden inputs, CSRF token aside."""
    return {name: value for name, value in HIDDEN.findall(page) if name != "csrfmiddlewaretoken"}


def respond_url(item: TrackedItem) -> str:
    return reverse("scrutiny:response-edit", args=[item.pk])


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save_draft(client: Client, item: TrackedItem, form: dict[str, str], text: str):
    return client.post(
        respond_url(item), form | {"body": text, "position": "answered", "action": "save"}
    )


@pytest.mark.django_db
def test_second_officer_saving_a_first_draft_gets_the_conflict_with_their_text_kept(users):
    item = TrackedItemFactory()
    officer_a = signed_in(users["opcc"])
    officer_b = signed_in(make_user("opcc2", OPCC_OFFICER))
    # Both open the page before either has saved: both forms say "no draft yet".
    form_a = hidden_fields(officer_a.get(respond_url(item)).content.decode())
    form_b = hidden_fields(officer_b.get(respond_url(item)).content.decode())
    assert form_a["version"] == form_b["version"] == "0"

    saved = save_draft(officer_a, item, form_a, "Answer drafted by officer A")
    assert saved.status_code == 302
    refused = save_draft(officer_b, item, form_b, "Answer drafted by officer B")

    page = refused.content.decode()
    assert refused.status_code == 200
    assert RESPONSE_STALE in page
    assert "Answer drafted by officer B" in page  # still in the form, to copy
    assert "Draft saved." not in page
    draft = Response.objects.get(item=item)
    assert (draft.body, draft.version) == ("Answer drafted by officer A", 1)


@pytest.mark.django_db
def test_a_save_that_names_no_version_never_replaces_a_draft(users):
    item = TrackedItemFactory()
    officer = signed_in(users["opcc"])
    save_draft(officer, item, {"version": "0"}, "The first draft")
    refused = save_draft(officer, item, {}, "A save from a page without the version")
    assert RESPONSE_STALE in refused.content.decode()
    assert Response.objects.get(item=item).body == "The first draft"


@pytest.mark.django_db(transaction=True)
def test_first_drafts_saved_at_the_same_instant_lose_nothing(
    shared_database: SharedDatabase,  # noqa: F811
):
    def arrange():
        clients = [signed_in(make_user(f"officer{n}", OPCC_OFFICER)) for n in (1, 2)]
        items = TrackedItemFactory.create_batch(ROUNDS)
        forms = [
            [hidden_fields(c.get(respond_url(item)).content.decode()) for c in clients]
            for item in items
        ]
        return clients, items, forms

    clients, items, forms = shared_database.run(arrange)
    answers = {}
    for item, item_forms in zip(items, forms, strict=True):
        texts = [f"Officer {n} answers item {item.pk}" for n in (1, 2)]
        answers[item.pk] = list(
            zip(
                texts,
                shared_database.race(
                    [
                        partial(save_draft, client, item, form, text)
                        for client, form, text in zip(clients, item_forms, texts, strict=True)
                    ]
                ),
                strict=True,
            )
        )
    drafts = shared_database.run(
        lambda: {
            item.pk: list(Response.objects.filter(item=item).values_list("body", flat=True))
            for item in items
        }
    )

    attempts = lost = 0
    for item in items:
        outcomes = answers[item.pk]
        attempts += len(outcomes)
        assert sorted(r.status_code for _, r in outcomes) == [200, 302]
        assert len(drafts[item.pk]) == 1
        for text, response in outcomes:
            page = response.content.decode()
            kept = text in drafts[item.pk] or (RESPONSE_STALE in page and text in page)
            lost += not kept
    print(f"concurrent first-draft saves: {attempts}, drafts lost: {lost}")
    assert attempts == 2 * ROUNDS
    assert lost == 0


def raise_by_hand(client: Client, body_pk: int, text: str):
    return client.post(
        reverse("scrutiny:item-create"),
        {
            "text": text,
            "source": "manual",
            "source_document": "Agenda pack, 2 December 2024",
            "body": body_pk,
            "addressee": "pcc",
            "requested_by": "panel",
            "response_wanted": "written_response",
            "due_kind": "date",
            "due_date": "2099-12-02",
        },
    )


@pytest.mark.django_db(transaction=True)
def test_items_raised_by_hand_at_the_same_instant_get_distinct_references(
    shared_database: SharedDatabase,  # noqa: F811
):
    def arrange():
        clients = [signed_in(make_user(f"clerk{n}", DEMOCRATIC_SERVICES)) for n in (1, 2)]
        return clients, BodyFactory().pk

    clients, body_pk = shared_database.run(arrange)
    rounds = 6
    for n in range(rounds):
        answers = shared_database.race(
            [
                partial(raise_by_hand, client, body_pk, f"Request {n} by clerk {c}")
                for c, client in enumerate(clients)
            ]
        )
        assert [r.status_code for r in answers] == [302, 302]
    references = shared_database.run(
        lambda: list(TrackedItem.objects.values_list("reference", flat=True))
    )
    today = timezone.localdate().isoformat()
    assert len(references) == len(set(references)) == 2 * rounds
    assert all(reference.startswith(f"PCP/{today}/H") for reference in references)
