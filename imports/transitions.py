"""How an import job changes status: locked, checked against `IMPORT_JOB_STATUS`, recorded.

Every move goes through `job_move`, which refuses one the lifecycle does not allow in the words
the import screens have always used, and otherwise moves the job with `core.lifecycle.transition`
(a status-change row: who, when, from, to, why).
"""

from __future__ import annotations

from collections.abc import Iterable

from core.lifecycle import IllegalTransition, transition
from core.types import Actor
from imports.models import IMPORT_JOB_STATUS, ImportJob

JOB_ILLEGAL_MOVE = "This import is “{status}”, so it cannot be {action}."


def job_locked(job_id: int) -> ImportJob:
    """The job, locked for the rest of the transaction (the task and the officer may race)."""
    return ImportJob.objects.select_for_update().get(pk=job_id)


def job_move(
    job: ImportJob,
    to: str,
    *,
    action: str,
    actor: Actor | None,
    reason: str = "",
    save: bool = True,
    also: Iterable[str] = (),
) -> None:
    """Move `job` to `to`, or refuse with IllegalTransition ("… so it cannot be {action}").

    With `save`, writes the status and the fields named in `also`; without, the caller saves
    the job in the same transaction.
    """
    if not IMPORT_JOB_STATUS.allows(job.status, to):
        raise IllegalTransition(
            JOB_ILLEGAL_MOVE.format(status=job.get_status_display().lower(), action=action),
            code="illegal_transition",
        )
    transition(job, IMPORT_JOB_STATUS, to, actor=actor, reason=reason, save=save, also=also)
