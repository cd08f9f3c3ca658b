from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True)
def sessions_clear_expired() -> None:
    """Delete expired login sessions (scheduled daily by beat)."""
    call_command("clearsessions")
