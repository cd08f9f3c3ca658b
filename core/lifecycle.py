"""The one way a status changes: a transition table per lifecycle and a row per change.

Each app declares its lifecycles next to its models (`Lifecycle("meetings.Meeting", "status",
{...})`); services move a record with `transition(...)`, which refuses any move the table does
not list with `IllegalTransition` and records who moved it, when, from what, to what and why.
A test walks every model's status fields and fails for one without a table here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import StatusChange
from core.types import Actor


class IllegalTransition(ValidationError):
    """A move the lifecycle's table does not allow. A ValidationError, so forms show it."""


class Lifecycle:
    """What may follow what for one status field of one model; anything else is refused."""

    def __init__(
        self,
        model: str,
        field: str,
        transitions: Mapping[str, Iterable[str]],
        *,
        noun: str,
    ) -> None:
        self.model, self.field, self.noun = model, field, noun
        self.transitions = {str(k): frozenset(str(t) for t in v) for k, v in transitions.items()}
        key = (model.lower(), field)
        if key in REGISTRY:
            raise ValueError(f"{model}.{field} already has a lifecycle")
        REGISTRY[key] = self

    def targets(self, current: str) -> frozenset[str]:
        return self.transitions.get(str(current), frozenset())

    def allows(self, current: str, target: str) -> bool:
        return str(target) in self.targets(current)

    def check(self, obj: models.Model, target: str) -> None:
        current = getattr(obj, self.field)
        if not self.allows(current, target):
            was, wanted = self._label(obj, current), self._label(obj, target)
            raise IllegalTransition(
                f"{self.noun} that is “{was}” cannot become “{wanted}”.",
                code="illegal_transition",
            )

    def _label(self, obj: models.Model, value: str) -> str:
        choices = dict(obj._meta.get_field(self.field).choices or ())  # type: ignore[union-attr] # status fields have choices
        return str(choices.get(value, value))


# Every lifecycle, by (lower-cased "app_label.Model", field name).
REGISTRY: dict[tuple[str, str], Lifecycle] = {}


def transition(
    obj: models.Model,
    lifecycle: Lifecycle,
    target: str,
    *,
    actor: Actor | None,
    reason: str = "",
    save: bool = True,
    also: Iterable[str] = (),
) -> StatusChange:
    """Move `obj` to `target` if its lifecycle allows it, and record the change.

    With `save`, writes the status (and the fields named in `also`) at once; without, the
    caller saves `obj` in the same transaction (when the move comes with other changes).
    """
    lifecycle.check(obj, target)
    current = getattr(obj, lifecycle.field)
    setattr(obj, lifecycle.field, target)
    if save:
        fields = [lifecycle.field, *also]
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            fields.append("updated_at")
        obj.save(update_fields=fields)
    return status_change_record(obj, lifecycle, current, target, actor=actor, reason=reason)


def status_change_record(
    obj: models.Model,
    lifecycle: Lifecycle,
    current: str,
    target: str,
    *,
    actor: Actor | None,
    reason: str = "",
) -> StatusChange:
    """The row for a change already made (a record's first status, set when it is created)."""
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        field=lifecycle.field,
        from_status=str(current),
        to_status=str(target),
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=reason[:1000],
        changed_at=timezone.now(),
    )


def status_history(obj: models.Model, field: str | None = None) -> models.QuerySet[StatusChange]:
    changes = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    )
    return changes.filter(field=field) if field else changes


__all__ = [
    "IllegalTransition",
    "Lifecycle",
    "REGISTRY",
    "status_change_record",
    "status_history",
    "transition",
]
