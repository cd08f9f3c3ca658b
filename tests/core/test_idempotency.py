"""Every create form makes one record however often the same rendered form is submitted.

`CASES` (tests/core/create_forms.py) lists every create form: each is rendered (and must carry
the token), then the same submission is posted twice; the second makes nothing and is told
ALREADY_SAVED. The inventory test walks the URL patterns so that a create view added later
without the token, or converted without a case, fails.
"""

from __future__ import annotations

import inspect
import re
import uuid
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from core.idempotency import (
    ALREADY_SAVED,
    TOKEN_FIELD,
    AlreadySubmitted,
    submission_claim,
    submission_create,
)
from core.models import FormSubmission
from core.permissions import DEMOCRATIC_SERVICES
from scrutiny.models import TrackedItem
from tests.concurrency import SharedDatabase, shared_database  # noqa: F401 - the fixture
from tests.conftest import make_user
from tests.core.create_forms import CASES, item_create_by_hand
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", CASES)
def test_the_same_submission_twice_makes_one_record(client_as, users, name):
    role, arrange = CASES[name]
    client, form = client_as(role), arrange(users)
    field = f"{form.prefix}{TOKEN_FIELD}"
    page = client.get(form.page or form.url).content.decode()
    assert f'name="{field}"' in page
    token = str(uuid.uuid4())
    before = form.count()

    def submission() -> dict:
        return {f"{form.prefix}{key}": value for key, value in form.data().items()} | {field: token}

    first = client.post(form.url, submission())
    assert first.status_code == 302
    second = client.post(form.url, submission(), follow=True)

    assert form.count() == before + 1
    assert ALREADY_SAVED in second.content.decode()
    assert FormSubmission.objects.filter(token=token, object_id__isnull=False).count() == 1


def test_each_render_carries_a_new_token_and_a_new_token_makes_a_new_record(client_as):
    form = item_create_by_hand(None)
    client = client_as("democratic")
    tokens = [
        re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', client.get(form.url).content.decode())[
            1
        ]
        for _ in range(2)
    ]
    assert tokens[0] != tokens[1]
    for token in tokens:
        assert client.post(form.url, form.data() | {TOKEN_FIELD: token}).status_code == 302
    assert form.count() == 2


def test_a_refused_submission_keeps_its_token_for_the_corrected_one(client_as):
    form = item_create_by_hand(None)
    client = client_as("democratic")
    token = str(uuid.uuid4())
    refused = client.post(form.url, form.data() | {TOKEN_FIELD: token, "due_date": "2000-01-01"})
    assert refused.status_code == 200
    assert f'value="{token}"' in refused.content.decode()  # the re-rendered form keeps it
    assert not FormSubmission.objects.exists()  # the claim went back with the refusal
    assert client.post(form.url, form.data() | {TOKEN_FIELD: token}).status_code == 302
    assert form.count() == 1


def test_submission_create_names_the_first_record_and_makes_no_second(users):
    token = uuid.uuid4()

    def raise_item() -> TrackedItem:
        return TrackedItemFactory()

    first = submission_create(token=token, create=raise_item)
    with pytest.raises(AlreadySubmitted) as again:
        submission_create(token=token, create=raise_item)
    assert again.value.subject == first
    assert again.value.messages == [ALREADY_SAVED]
    assert isinstance(again.value, ValidationError)
    assert TrackedItem.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_the_same_instant_makes_one_record(
    shared_database: SharedDatabase,  # noqa: F811
):
    def arrange():
        # A double click: two requests of one browser session, each on its own test client.
        first, second = Client(), Client()
        first.force_login(make_user("clerk", DEMOCRATIC_SERVICES))
        second.cookies.update(first.cookies)
        form = item_create_by_hand(None)
        for client in (first, second):
            assert client.get(form.url).status_code == 200
        return (first, second), form

    clients, form = shared_database.run(arrange)
    rounds, sent, made = 8, 0, []
    for n in range(rounds):
        data = form.data() | {"text": f"Request {n}", TOKEN_FIELD: str(uuid.uuid4())}
        answers = shared_database.race([partial(client.post, form.url, data) for client in clients])
        sent += len(answers)
        items = shared_database.run(partial(list, TrackedItem.objects.filter(text=f"Request {n}")))
        made.append(len(items))
        assert [a.status_code for a in answers] == [302, 302]
        assert {a["Location"] for a in answers} == {items[0].get_absolute_url()}
    duplicates = sum(count - 1 for count in made)
    print(f"double submissions sent at once: {sent}, duplicates made: {duplicates}")
    assert made == [1] * rounds


@pytest.mark.django_db(transaction=True)
def test_a_claim_outside_the_creating_transaction_is_refused():
    # A claim committed on its own would outlive a refused create and block the corrected form.
    assert transaction.get_autocommit()
    with pytest.raises(RuntimeError, match="must run in the transaction"):
        submission_claim(token=uuid.uuid4())
    assert not FormSubmission.objects.exists()


# --- Inventory: every create view is covered ----------------------------------------------------

APPS = ("meetings", "scrutiny", "governance", "grants", "imports")
# A view that calls a service of one of these shapes creates something.
CREATES = re.compile(r"\b\w+_(create|add|record|attach)\(")
# Create-shaped calls that need no token, and why.
EXEMPT = {
    "meetings:manage-attendance-record": "sets a person's attendance: saving twice sets it twice",
    "imports:manage-import": "a file is imported once by its SHA-256 (README)",
    "imports:manage-import-job": "the import job's status allows one commit",
    "scrutiny:items-chase": "marks items as chased: no record is created",
    "grants:monitoring-schedule": "a period already scheduled is kept (get_or_create)",
}


def _views(resolver: URLResolver, namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _views(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", inspect.unwrap(pattern.callback)


def test_every_create_view_claims_a_token_and_has_a_case_here():
    converted, unconverted = set(), set()
    for name, view in _views(get_resolver()):
        # Function views of the apps (the feeds are classes, and create nothing).
        if not inspect.isfunction(view) or view.__module__.split(".")[0] not in APPS:
            continue
        source = inspect.getsource(view)
        # core.forms.form_create claims the token through submission_create.
        if "submission_create(" in source or "form_create(" in source:
            converted.add(name)
        elif CREATES.search(source) and name not in EXEMPT:
            unconverted.add(name)
    assert unconverted == set()
    assert converted == {name.split("?")[0] for name in CASES}
