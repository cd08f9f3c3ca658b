"""The tracker's list pages as written by `scrutiny.templatetags.tracker_lists`: the filter
controls are what Django's widgets would write, the rows show each item, and the counts are
fetched again only when a filter they depend on changes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.http import QueryDict
from django.template import Context, Template

from scrutiny.filters import ItemFilter
from scrutiny.models import TrackedItem
from scrutiny.selectors import items_base
from scrutiny.templatetags.tracker_lists import filter_fields
from tests.meetings.factories import BodyFactory, MeetingFactory, PersonFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db

# The filter as the page wrote it before: each field through partials/_field.html and
# Django's widget templates (less "(optional)" after each label: every filter is).
DJANGO_WIDGETS = Template("{% for field in form %}{% include 'partials/_field.html' %}{% endfor %}")


def squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status=all&response_status=received&addressee=force&body=panel-b&due_after=2024-01-01"
        "&due_before=2025-02-03&q=reserves+%26+<b>&sort=-due",
        "status=nonsense&due_after=31/31/2024&body=nope&meeting=abc&sort=x",
        "meeting=12&q=%20",
    ],
)
def test_filter_controls_are_what_djangos_widgets_write(query):
    BodyFactory(slug="panel-b", name="Panel <B>")
    BodyFactory(slug="panel-a", name="Panel A")
    form = ItemFilter(QueryDict(query), queryset=items_base()).form
    form.is_valid()
    expected = DJANGO_WIDGETS.render(Context({"form": form})).replace(
        " (optional)</label>", "</label>"
    )
    assert squeezed(filter_fields(form)) == squeezed(expected)


def test_rows_show_each_item_with_its_link_state_and_response(client_as):
    person = PersonFactory(display_name="Chief Inspector Rao")
    TrackedItemFactory(
        reference="PCP/2024-12-02/7(b)",
        title="Figures <alongside> percentages",
        addressee=TrackedItem.Addressee.OFFICER,
        addressee_person=person,
        due_date=datetime.date(2024, 12, 2),
    )
    received = TrackedItemFactory(
        addressee=TrackedItem.Addressee.FORCE,
        due_date=datetime.date(2099, 1, 5),
        response_status=TrackedItem.ResponseStatus.RECEIVED,
    )
    page = client_as("opcc").get("/actions/assigned/").content.decode()
    overdue = TrackedItem.objects.get(reference="PCP/2024-12-02/7(b)")
    assert f'<a class="govuk-link" href="/actions/{overdue.pk}/">PCP/2024-12-02/7(b)</a>' in page
    assert "Figures &lt;alongside&gt; percentages" in page
    assert '<td class="govuk-table__cell">Chief Inspector Rao</td>' in page
    assert '<td class="govuk-table__cell">2 Dec 2024</td>' in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert "Awaiting response" in page
    # The reader may chase: each row has its own labelled box.
    assert f'id="chase-{received.pk}" name="item" value="{received.pk}"' in page
    assert f"Select {received.reference}</span>" in page
    assert '<strong class="govuk-tag govuk-tag--blue">Open</strong>' in page
    assert "Chief Constable / Force" in page and "Response received" in page
    assert "chase-" not in client_as("member").get("/actions/").content.decode()


def test_counts_are_fetched_again_only_when_a_filter_they_count_by_changes(client_as):
    TrackedItemFactory(body=MeetingFactory().body)
    client = client_as("member")
    page = client.get("/actions/?status=closed").content.decode()
    summary = re.search(r'<div id="item-summary"[^>]*>', page)
    assert summary is not None
    trigger = re.search(r'hx-trigger="([^"]*)"', summary.group(0))
    assert trigger is not None
    triggers = {part.strip() for part in trigger.group(1).split(",")}
    assert "load" in triggers
    for name in ("addressee", "body", "due_after", "due_before", "q"):
        assert f"change from:#id_{name}" in triggers
        assert f'id="id_{name}"' in page  # each names a control on the page
    for name in ("status", "response_status", "sort"):
        assert f"change from:#id_{name}" not in triggers
    assert 'hx-include="#item-filters"' in summary.group(0)
    assert '<form id="item-filters"' in page
    # Without JavaScript, the counts are a link with the same filters.
    assert 'href="/actions/summary/?status=closed"' in page
    # An htmx change of filter swaps the results only: the counts stay as they are.
    partial = client.get("/actions/?status=open", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="item-results"' in partial and "item-summary" not in partial
