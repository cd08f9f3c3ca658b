"""A standing request in imported minutes ("at each meeting", "quarterly") is suggested as a
recurring tracked item, the officer can change how it recurs, and the commit raises it so."""

from __future__ import annotations

import datetime

import pytest

from imports.jobs import import_job_commit
from imports.parser import parse
from scrutiny.models import TrackedItem
from tests.imports.test_jobs import body, parsed  # noqa: F401  (the fixture and the helper)

pytestmark = pytest.mark.django_db

MINUTES = """Minutes of a meeting of the Eastshire Police and Crime Panel held at County Hall on
Monday, 3 March 2025 at 10.00 am.

PRESENT: Councillor Ann Barker (Chair)

14. Commissioner's Decisions

RESOLVED:
(a) That the schedule of decisions be noted.
(b) That the Commissioner reports on the decisions he has taken at each meeting of the Panel.

15. Performance

RESOLVED that the Panel:
1) Notes the report;
2) Asks the OPCC to provide quarterly data on repeat victims of domestic abuse;
3) Requests that the Chief Constable attends the June meeting.
"""


@pytest.mark.parametrize(
    ("label", "addressee", "recurrence"),
    [("(b)", "PCC", "each_meeting"), ("2)", "OPCC", "quarterly"), ("3)", "Chief Constable", None)],
)
def test_standing_requests_are_flagged_with_their_recurrence(label, addressee, recurrence):
    clauses = {r.label: r for item in parse(MINUTES).items for r in item.resolutions}
    assert clauses[label].trackable and clauses[label].addressee == addressee
    assert clauses[label].recurrence == recurrence
    assert not clauses["(a)"].trackable and clauses["(a)"].recurrence is None


def test_the_commit_raises_each_standing_request_as_a_recurring_item(users, body):  # noqa: F811
    job = parsed(users, body, name="standing.txt", content=MINUTES.encode())
    by_label = {s["label"]: s for s in job.result["suggestions"]}
    assert by_label["14(b)"]["recurrence"] == "each_meeting"
    assert by_label["15 2)"]["recurrence"] == "quarterly"
    assert by_label["15 3)"]["recurrence"] == "none"
    review = {
        "meeting": {},
        "items": {},
        "suggestions": {
            s["key"]: {
                "accepted": True,
                "addressee": s["addressee"],
                "due_date": datetime.date(2025, 6, 2),
                # The officer reads the Force's attendance as a one-off, and the decisions
                # report as quarterly rather than at each meeting.
                "recurrence": "quarterly" if s["label"] == "14(b)" else "",
            }
            for s in job.result["suggestions"]
        },
    }
    import_job_commit(job=job, actor=users["democratic"], review=review)
    recurrences = dict(TrackedItem.objects.values_list("addressee", "recurrence"))
    assert recurrences == {"pcc": "quarterly", "opcc": "quarterly", "force": "none"}
