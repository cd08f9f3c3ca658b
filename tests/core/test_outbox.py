"""The outbox: work recorded with the change, sent after commit, resent until it has run."""

from __future__ import annotations

import datetime
import socket
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from config.celery import app
from core import outbox
from core.models import OutboxMessage
from core.outbox import outbox_dispatch, outbox_due, outbox_enqueue, outbox_sweep
from core.tasks import sessions_clear_expired

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_body():
    """The real task's body, counted: how many times did the work actually run?"""
    with mock.patch.object(sessions_clear_expired, "run", return_value=None) as run:
        yield run


def enqueue(key: str = "clear:1") -> OutboxMessage:
    return outbox_enqueue(task=sessions_clear_expired, args=[], key=key)


def test_work_queued_in_a_transaction_that_rolls_back_is_never_sent(
    task_body, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue()
        raise RuntimeError("the change was refused")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    task_body.assert_not_called()
    assert outbox_sweep() == 0


def test_committed_work_is_sent_once_and_marked_done(task_body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        message = enqueue()
        task_body.assert_not_called()  # not before the commit
    assert len(callbacks) == 1
    task_body.assert_called_once_with()
    message.refresh_from_db()
    assert message.task == "core.tasks.sessions_clear_expired"
    assert message.done_at is not None and message.attempts == 1 and message.last_error == ""
    later = timezone.now() + datetime.timedelta(days=1)
    assert outbox_due(now=later) == [] and outbox_sweep(now=later) == 0
    task_body.assert_called_once_with()


def test_the_same_key_queues_the_work_once(task_body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue()
        second = enqueue()
    assert first.pk == second.pk and OutboxMessage.objects.count() == 1
    task_body.assert_called_once_with()


def test_broker_down_the_change_commits_and_the_sweep_sends_it_later(
    task_body, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
    message.refresh_from_db()
    assert message.done_at is None and message.dispatched_at is None and message.attempts == 1
    assert message.last_error == (
        "OperationalError: Error 111 connecting to 127.0.0.1:6379. Connection refused."
    )
    assert outbox_due() == [message]  # a failed send is due at once, without the grace
    assert outbox_sweep() == 0  # still down: kept
    task_body.assert_not_called()

    broker_down.undo()  # the broker is back (eager here)
    assert outbox_sweep() == 1
    task_body.assert_called_once_with()
    message.refresh_from_db()
    assert message.done_at is not None and message.last_error == ""
    assert outbox_sweep() == 0 and outbox_sweep() == 0
    task_body.assert_called_once_with()


def test_the_sweep_stops_at_the_first_row_the_broker_refuses(broker_down):
    for n in range(3):
        OutboxMessage.objects.create(task="core.tasks.sessions_clear_expired", key=f"k{n}")
    later = timezone.now() + outbox.OUTBOX_UNSENT_GRACE * 2
    with mock.patch.object(outbox, "outbox_dispatch", wraps=outbox_dispatch) as dispatch:
        assert outbox_sweep(now=later) == 0
    assert dispatch.call_count == 1  # not one slow refusal per row


def test_a_row_never_sent_waits_for_the_grace_before_the_sweep_sends_it(task_body):
    # As if the process died between the commit and its on-commit send.
    message = OutboxMessage.objects.create(task="core.tasks.sessions_clear_expired", key="k")
    assert outbox_due() == []
    assert outbox_sweep(now=timezone.now() + outbox.OUTBOX_UNSENT_GRACE * 2) == 1
    task_body.assert_called_once_with()
    message.refresh_from_db()
    assert message.done_at is not None


def test_a_sent_message_never_done_is_sent_again_once_presumed_lost(task_body):
    sent = timezone.now()
    message = OutboxMessage.objects.create(
        task="core.tasks.sessions_clear_expired", key="k", dispatched_at=sent, attempts=1
    )
    assert outbox_due(now=sent + datetime.timedelta(minutes=5)) == []  # may still be queued
    lost = sent + outbox.OUTBOX_RESEND_AFTER + datetime.timedelta(seconds=1)
    assert outbox_due(now=lost) == [message]
    assert outbox_sweep(now=lost) == 1
    task_body.assert_called_once_with()
    message.refresh_from_db()
    assert message.done_at is not None and message.attempts == 2


def test_a_failing_task_goes_back_to_the_sweep_until_the_attempts_run_out(
    task_body, django_capture_on_commit_callbacks
):
    task_body.side_effect = ValueError("renderer crashed")
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()  # the commit succeeds although the task fails
    message.refresh_from_db()
    assert message.done_at is None and message.dispatched_at is None
    assert message.last_error == "ValueError: renderer crashed"
    for _ in range(outbox.OUTBOX_MAX_ATTEMPTS + 2):
        outbox_sweep()
    assert task_body.call_count == outbox.OUTBOX_MAX_ATTEMPTS
    message.refresh_from_db()
    assert message.attempts == outbox.OUTBOX_MAX_ATTEMPTS and message.done_at is None
    assert outbox_due() == []


def test_a_redelivered_message_for_done_work_does_nothing(task_body):
    message = OutboxMessage.objects.create(
        task="core.tasks.sessions_clear_expired", key="k", done_at=timezone.now(), attempts=1
    )
    outbox.outbox_message_run(message_id=message.pk)
    task_body.assert_not_called()
    assert outbox_dispatch(message=message) is False


def test_install_schedules_runs_the_sweep_every_minute():
    call_command("install_schedules", stdout=mock.Mock())
    sweep = PeriodicTask.objects.get(task="core.tasks.outbox_sweep")
    assert sweep.enabled and sweep.crontab.minute == "*" and sweep.crontab.hour == "*"


@pytest.fixture
def unreachable_broker(monkeypatch):
    """A real Redis transport pointed at a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    url = f"redis://127.0.0.1:{port}/0"
    monkeypatch.setitem(app.conf, "broker_url", url)
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery reads it before its own setting
    # The app keeps a connection pool for the broker it first used: drop it for this one.
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


def test_a_send_to_an_unreachable_broker_gives_up_within_seconds(task_body, unreachable_broker):
    message = OutboxMessage.objects.create(task="core.tasks.sessions_clear_expired", key="k")
    started = time.monotonic()
    assert outbox_dispatch(message=message) is False
    # kombu's default retries took twenty seconds; generous, so that a loaded machine passes
    assert time.monotonic() - started < 12
    message.refresh_from_db()
    assert message.dispatched_at is None and message.attempts == 1
    assert "OperationalError" in message.last_error
    task_body.assert_not_called()


def test_celery_redelivers_the_task_of_a_killed_worker_within_the_visibility_timeout():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.broker_transport_options["visibility_timeout"] == 900
    assert outbox.OUTBOX_RESEND_AFTER.total_seconds() == 1800
