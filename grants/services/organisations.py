"""Finding the organisation an application names, as the papers and applicants spell it.

Organisations are matched by a normalised name against each organisation's name, trading name
and aliases, so ",Antoin Akpom Achievements Foundation" (a stray comma in the PCC's own table)
and "Street Doctors" find "Antoin Akpom Achievements Foundation" and "Street Doctors Ltd". A
new spelling of a known organisation is added to its aliases; an unknown name is added as a new
organisation. Used by the CSV import and by recording an application by hand.
"""

from __future__ import annotations

import re

from django.utils.text import slugify

from meetings.models import Organisation

_SUFFIXES = re.compile(r"\b(ltd|limited|plc|cic|cio)\b\.?")
_NON_WORD = re.compile(r"[^\w]+")


def organisation_key(name: str) -> str:
    """The form names are compared in: case, punctuation, "&"/"and" and company suffixes
    ("Ltd", "Limited", "CIC") ignored."""
    text = name.casefold().replace("&", " and ")
    text = _SUFFIXES.sub(" ", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


class OrganisationMatcher:
    def __init__(self) -> None:
        self.index: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            for name in [organisation.name, organisation.trading_as, *organisation.aliases]:
                if name:
                    self.index.setdefault(organisation_key(str(name)), organisation)

    def find(self, name: str) -> Organisation | None:
        return self.index.get(organisation_key(name))

    def find_or_create(self, name: str) -> tuple[Organisation, bool]:
        found = self.find(name)
        if found is not None:
            if name.strip() != found.name and name.strip() not in found.aliases:
                found.aliases = [*found.aliases, name.strip()]
                found.save(update_fields=["aliases", "updated_at"])
            return found, False
        clean = name.strip().strip(",;. ")
        base = slugify(clean)[:240] or "organisation"
        slug, n = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        organisation = Organisation(name=clean, slug=slug)
        if clean != name.strip():
            organisation.aliases = [name.strip()]
        organisation.full_clean()
        organisation.save()
        self.index[organisation_key(name)] = organisation
        return organisation, True
