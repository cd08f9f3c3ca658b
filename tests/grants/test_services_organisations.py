"""Matching the organisation an application names to one on record."""

from __future__ import annotations

import pytest

from grants.services.organisations import OrganisationMatcher, organisation_key
from meetings.models import Organisation
from tests.meetings.factories import OrganisationFactory


def test_organisation_key_ignores_punctuation_case_and_suffixes() -> None:
    assert organisation_key(",Antoin Akpom Achievements Foundation") == organisation_key(
        "Antoin Akpom Achievements Foundation"
    )
    assert organisation_key("Street Doctors Ltd") == organisation_key("street doctors")
    assert organisation_key("H.O.P.E. Training & Leadership CIC") == organisation_key(
        "H O P E Training and Leadership"
    )


@pytest.mark.django_db
def test_a_new_spelling_is_kept_as_an_alias_and_an_unknown_name_is_added() -> None:
    known = OrganisationFactory(name="Street Doctors Ltd", slug="street-doctors")
    matcher = OrganisationMatcher()
    assert matcher.find_or_create("Street Doctors") == (known, False)
    known.refresh_from_db()
    assert "Street Doctors" in known.aliases
    added, created = matcher.find_or_create(",New Youth Trust")
    assert created and added.name == "New Youth Trust" and added.aliases == [",New Youth Trust"]
    assert Organisation.objects.count() == 2
