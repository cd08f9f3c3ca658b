from __future__ import annotations

from typing import Any

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True)
def sessions_clear_expired() -> None:
    """Delete expired login sessions (scheduled daily by beat)."""
    call_command("clearsessions")


@shared_task(acks_late=True, ignore_result=True)
def outbox_run(message_id: int) -> Any:
    """Run one outbox row's task and mark the row done (sent by `core.outbox`)."""
    from core.outbox import outbox_message_run  # here: core.outbox imports this module (a cycle)

    return outbox_message_run(message_id=message_id)


@shared_task(acks_late=True, ignore_result=True)
def outbox_sweep() -> int:
    """Send again the background work that has not reported done (scheduled every minute)."""
    from core.outbox import outbox_sweep as sweep  # here: core.outbox imports this module

    return sweep()


@shared_task(acks_late=True, ignore_result=True)
def event_notices_send(event_id: int) -> int:
    """Tell whoever the rules of an event name that it happened (queued by `event_record`)."""
    from core.notices import event_notices_run  # here: core.notices imports the models

    return event_notices_run(event_id=event_id)
