"""People of the panel's directory added outside the admin: as imported minutes name them."""

from __future__ import annotations

from django.utils.text import slugify

from core.events import EventType
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import Person


def person_create(*, actor: Actor, display_name: str, **fields: str) -> Person:
    """A new person of the active panel, with a slug of their own made from the name
    (`fields`: honorific, given_name, family_name, post_nominals); audited."""
    ensure_allowed(can_manage_meetings, actor)
    base = (
        slugify(f"{fields.get('given_name', '')} {fields.get('family_name', '')}")
        or slugify(display_name)
        or "person"
    )[:190]
    taken = set(Person.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    person = Person(slug=slug, display_name=display_name, **fields)
    person.full_clean()
    person.save()
    event_record(
        subject=person,
        verb=EventType.PERSON_CREATED,
        actor=actor,
        summary=f"{person.display_name} added to the directory.",
        is_public=False,
    )
    return person
