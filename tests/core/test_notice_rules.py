"""The registry of notice rules: an event with rules queues them with the change, runs them
once after commit, and nothing for an event that has none or a change that rolls back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from core import notices
from core.events import EventType
from core.models import DomainEvent, OutboxMessage
from core.notices import email_send, event_notices_run, event_notices_wanted, notice_rule
from core.services import event_record

pytestmark = pytest.mark.django_db

# A verb no app gives rules to, so the test's rule is the only one.
VERB = EventType.AUTH_RECOVERY_CODES_GENERATED


@pytest.fixture
def email_templates(settings):
    """The email pair used here lives beside the tests, not among the project's templates."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def heard() -> Iterator[list[int]]:
    seen: list[int] = []

    def rule(event: DomainEvent) -> None:
        seen.append(event.pk)

    assert not event_notices_wanted(VERB)
    notice_rule(VERB)(rule)
    yield seen
    notices._rules.pop(VERB, None)


def test_an_event_with_rules_runs_them_once_after_commit(
    heard, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = event_record(subject=users["member"], verb=VERB, actor=users["member"])
        assert heard == []  # not before the change commits
    assert heard == [event.pk]
    message = OutboxMessage.objects.get(key=f"event_notices:{event.pk}")
    assert message.done_at is not None
    # The sweep or a redelivery runs it again: the rule runs, and must itself be idempotent.
    assert event_notices_run(event_id=event.pk) == 1


def test_a_change_that_rolls_back_tells_no_one(heard, users, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        event_record(subject=users["member"], verb=VERB, actor=users["member"])
        raise RuntimeError("refused")
    assert heard == []
    assert not OutboxMessage.objects.filter(key__startswith="event_notices:").exists()


def test_an_event_without_rules_queues_nothing(users, django_capture_on_commit_callbacks):
    assert not event_notices_wanted(VERB)
    with django_capture_on_commit_callbacks(execute=True):
        event_record(subject=users["member"], verb=VERB, actor=users["member"])
    assert not OutboxMessage.objects.filter(key__startswith="event_notices:").exists()


def test_email_is_multipart_with_text_and_html(email_templates):
    sent = email_send(
        to=["reader@example.org", ""],
        subject="Agenda published",
        template="core/email/test_notice",
        context={"title": "Panel <meeting>", "url": "https://llr.example.org/meetings/1/"},
        headers={"List-Unsubscribe": "<https://llr.example.org/u/x/>"},
    )
    assert sent == 1
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert (
        "Panel <meeting>" in message.body and "https://llr.example.org/meetings/1/" in message.body
    )
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Panel &lt;meeting&gt;" in html and 'href="https://llr.example.org/meetings/1/"' in html
    assert message.extra_headers["List-Unsubscribe"] == "<https://llr.example.org/u/x/>"


def test_no_address_sends_nothing(email_templates):
    assert email_send(to=[""], subject="x", template="core/email/test_notice", context={}) == 0
