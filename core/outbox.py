"""Background work that is never lost: a transactional outbox in front of Celery.

A service that needs work done after its change (a PDF to build, an upload to parse) records it
with `outbox_enqueue` inside its own transaction: the row commits with the change or not at all.
After commit the row is sent to the broker at once, failing within a couple of seconds if the
broker is down (the person's request carries on; the error is logged). `outbox_sweep`, run
every minute by beat, sends again what was never sent, what failed, and what was sent long ago
but never reported done (the broker lost it). The worker runs the task through `outbox_run`,
which marks the row done only once the task has returned, so every task queued this way must be
safe to run twice. Without a broker (eager mode) the task runs on commit, in the request.
"""

from __future__ import annotations

import datetime
import logging
from contextlib import nullcontext
from typing import Any

from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.models import OutboxMessage
from core.tasks import outbox_run
from core.tenancy import current_panel_or_none, panel_scope

logger = logging.getLogger(__name__)

# A row whose task failed this many times is left for an operator (the admin shows why).
OUTBOX_MAX_ATTEMPTS = 10
# A row never sent may still have its on-commit dispatch under way; the sweep leaves it that long.
OUTBOX_UNSENT_GRACE = datetime.timedelta(seconds=30)
# Sent but not done after this long: Redis redelivers an unacknowledged message after the
# visibility timeout, so twice that without news means the message itself was lost.
OUTBOX_RESEND_AFTER = datetime.timedelta(
    seconds=2 * settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
)
OUTBOX_SWEEP_BATCH = 100


def outbox_runs_later() -> bool:
    """Whether queued work runs in a worker, after the request (False in eager mode)."""
    return not current_app.conf.task_always_eager


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def outbox_enqueue(*, task: Task[Any, Any], args: list[Any], key: str) -> OutboxMessage:
    """Record `task(*args)` to run once the current transaction commits, and send it then.

    `key` names the work: a second enqueue with the same key (in this transaction or a later
    one) queues nothing new. `args` must be JSON: ids, not model instances.
    """
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={"task": task.name, "args": list(args), "panel": current_panel_or_none()},
    )
    if created:
        transaction.on_commit(lambda: outbox_dispatch(message=message))
    return message


def outbox_dispatch(*, message: OutboxMessage) -> bool:
    """Send one row to the broker. True if sent; False if it was done or claimed meanwhile, or
    the broker could not be reached (logged, and the row stays for the sweep). Never raises: the
    change that queued the work has committed, and its request must not fail for the broker."""
    claimed = OutboxMessage.objects.filter(
        pk=message.pk, done_at=None, attempts=message.attempts
    ).update(attempts=F("attempts") + 1, dispatched_at=timezone.now())
    if not claimed:  # another dispatcher (the sweep, a second on-commit) got there first
        return False
    try:
        # retry=False, no result (the row is the record; the Redis result backend would retry
        # its connection twenty times) and the short broker timeout in settings: a broker that
        # is down fails this in about two seconds. In eager mode this runs the task right here.
        outbox_run.apply_async((message.pk,), retry=False, ignore_result=True)
    except Exception as error:  # the broker is down, or (eager mode) the task itself failed
        logger.warning(
            "Background task %s (%s) not sent; the outbox sweep will retry: %s",
            message.task,
            message.key,
            _describe(error),
        )
        OutboxMessage.objects.filter(pk=message.pk, done_at=None).update(
            dispatched_at=None, last_error=_describe(error)
        )
        return False
    return True


def outbox_message_run(*, message_id: int) -> Any:
    """The worker's side (`core.tasks.outbox_run`): run the row's task, then mark it done.

    A row already done is skipped, so a redelivered or twice-sent message does the work once. If
    the task raises, the row goes back to the sweep with the error and the exception propagates.
    """
    message = OutboxMessage.objects.select_related("panel").filter(pk=message_id).first()
    if message is None or message.done_at is not None:
        return None
    task = current_app.tasks[message.task]
    try:
        # The work runs for the panel whose change queued it, whatever the worker ran before.
        with panel_scope(message.panel) if message.panel else nullcontext():
            result = task(*message.args)
    except Exception as error:
        OutboxMessage.objects.filter(pk=message.pk, done_at=None).update(
            dispatched_at=None, last_error=_describe(error)
        )
        raise
    OutboxMessage.objects.filter(pk=message.pk, done_at=None).update(
        done_at=timezone.now(), last_error=""
    )
    return result


def outbox_due(*, now: datetime.datetime | None = None) -> list[OutboxMessage]:
    """Rows the sweep should send: not done, not given up on, and not sent (a failed send, or
    one older than the grace), or sent so long ago that the message must have been lost."""
    now = now or timezone.now()
    unsent = Q(dispatched_at=None) & (
        Q(attempts__gt=0) | Q(created_at__lt=now - OUTBOX_UNSENT_GRACE)
    )
    lost = Q(dispatched_at__lt=now - OUTBOX_RESEND_AFTER)
    return list(
        OutboxMessage.objects.filter(done_at=None, attempts__lt=OUTBOX_MAX_ATTEMPTS)
        .filter(unsent | lost)
        .order_by("created_at", "pk")[:OUTBOX_SWEEP_BATCH]
    )


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Send what is due (see `outbox_due`); returns how many were sent. Stops at the first row
    that cannot be sent: the broker is down, and the next sweep will find the rest."""
    sent = 0
    for message in outbox_due(now=now):
        if not outbox_dispatch(message=message):
            message.refresh_from_db(fields=["done_at", "dispatched_at"])
            if message.done_at is None and message.dispatched_at is None:
                break
            continue
        sent += 1
    return sent
