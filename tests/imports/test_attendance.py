"""Attendance from imported minutes: names matched to the panel's people (exact, without titles,
initials, close spelling), the review's choices (match, create, leave out) and the attendance
recorded on commit."""

from __future__ import annotations

import datetime
import tomllib
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import DomainEvent
from imports.attendance import (
    CHOICE_NEW,
    CHOICE_OMIT,
    EXACT,
    FUZZY,
    INITIALS,
    NONE,
    NORMALISED,
    attendee_matches,
    normalise_name,
    person_fields,
)
from imports.jobs import import_job_commit, import_job_create, import_write
from imports.models import ImportJob
from imports.parser import Attendee, parse
from imports.parsing import import_job_parse
from imports.results import result_from
from imports.services import ATTENDANCE_UNDECIDED, import_job_attendance_save
from meetings.demo import DATA_DIR, directory_load, read_fixture
from meetings.models import Attendance, Body, Meeting, Person
from tests.imports.conftest import FIXTURES, SEED_2024, seed_text
from tests.meetings.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2025, 2, 3)


def present(name: str, role: str | None = None) -> Attendee:
    return Attendee(name=name, capacity="present", role=role, line=1)


@pytest.fixture
def body() -> Body:
    return BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel")


def person(display: str, given: str, family: str, **extra: Any) -> Person:
    return PersonFactory(display_name=display, given_name=given, family_name=family, **extra)


def member(body: Body, someone: Person, **extra: Any) -> Person:
    MembershipFactory(person=someone, body=body, start_date=datetime.date(2024, 5, 1), **extra)
    return someone


# --- The rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Cllr. J Smith", "j smith"),
        ("Councillor John Smith", "john smith"),
        ("County Councillor Mrs J. Smith", "j smith"),
        ("Mr. Colin Dean (Independent Member)", "colin dean"),
        ("Mrs D. Taylor CC", "d taylor"),
        ("Dame Helen Ashworth-Reid OBE", "helen ashworth reid"),
        ("Sir Iain O’Keefe MBE JP", "iain okeefe"),
        ("Dr Zoë Brennan – Chief Executive, OPCC", "zoe brennan"),
        ("Lord Bach", "bach"),
    ],
)
def test_names_are_normalised_without_titles_roles_and_punctuation(printed, expected) -> None:
    assert normalise_name(printed) == expected


@pytest.fixture
def people(body: Body) -> dict[str, Person]:
    """A panel directory as democratic services keep it, spelt unlike the minutes."""
    return {
        "smith": member(body, person("Councillor John Smith", "John", "Smith")),
        "dean": member(
            body, person("Colin Dean", "Colin", "Dean", honorific="Mr"), role="independent"
        ),
        "woodman": member(body, person("Cllr Andrew Woodman", "Andrew", "Woodman")),
        "okafor": member(body, person("Cllr. Grace Okafor", "Grace", "Okafor")),
        "moor": person("Alex Moor", "Alex", "Moor", aliases=["Commissioner Moor"]),
    }


@pytest.mark.parametrize(
    ("printed", "who", "kind"),
    [
        ("Councillor John Smith", "smith", EXACT),
        ("Commissioner Moor", "moor", EXACT),  # an alias
        ("Cllr John Smith", "smith", NORMALISED),
        ("cllr. john  SMITH", "smith", NORMALISED),
        ("Mr. Colin Dean (Independent Member)", "dean", NORMALISED),
        ("Cllr. J Smith", "smith", INITIALS),
        ("County Councillor Mrs J. Smith", "smith", INITIALS),
        ("Councillor Okafor", "okafor", INITIALS),  # the surname alone
        ("Cllr. Andrew Woodmen", "woodman", FUZZY),  # a typo
        ("Cllr Grace Okafur", "okafor", FUZZY),
        ("Councillor Priya Shah", None, NONE),
        ("Cllr. R Smith", None, NONE),  # the wrong initial is not John Smith
    ],
)
def test_names_match_the_panels_people(panel, body, people, printed, who, kind) -> None:
    (match,) = attendee_matches(panel, [present(printed)], body=body, on=MEETING_DAY)
    assert match.kind == kind
    assert match.person == (people[who] if who else None)
    assert match.matched is (who is not None)


def test_an_ambiguous_initial_is_not_matched_and_lists_who_it_could_be(panel, body) -> None:
    john = member(body, person("Cllr John Smith", "John", "Smith"))
    jane = member(body, person("Cllr Jane Smith", "Jane", "Smith"))
    (match,) = attendee_matches(panel, [present("Cllr. J. Smith")], body=body, on=MEETING_DAY)
    assert match.kind == NONE and match.person is None
    assert set(match.candidates) == {john, jane}


def test_a_member_of_the_body_on_the_date_is_preferred(panel, body) -> None:
    john = member(body, person("Cllr John Smith", "John", "Smith"))
    # Jane Smith sits on the panel no longer, and James Smith on another body.
    member(body, person("Cllr Jane Smith", "Jane", "Smith"), end_date=datetime.date(2024, 12, 1))
    member(BodyFactory(), person("Cllr James Smith", "James", "Smith"))
    (match,) = attendee_matches(panel, [present("Cllr. J. Smith")], body=body, on=MEETING_DAY)
    assert (match.kind, match.person, match.member) == (INITIALS, john, True)
    # Without the body and date there is nothing to prefer them by.
    (match,) = attendee_matches(panel, [present("Cllr. J. Smith")])
    assert match.kind == NONE and len(match.candidates) == 3


def test_a_typo_close_to_two_people_is_not_matched(panel, body) -> None:
    member(body, person("Cllr Ann Barker", "Ann", "Barker"))
    member(body, person("Cllr Ann Parker", "Ann", "Parker"))
    (match,) = attendee_matches(panel, [present("Cllr Ann Darker")], body=body, on=MEETING_DAY)
    assert match.kind == NONE and len(match.candidates) == 2


def test_matching_reads_the_people_in_one_query(
    panel, body, people, django_assert_num_queries
) -> None:
    names = [present(f"Councillor Visitor {n}") for n in range(25)]
    names += [present("Cllr. J Smith"), present("Mr. Colin Dean (Independent Member)")]
    with django_assert_num_queries(1):
        matches = attendee_matches(panel, names, body=body, on=MEETING_DAY)
    assert [m.kind for m in matches[-2:]] == [INITIALS, NORMALISED]
    with django_assert_num_queries(1):
        attendee_matches(panel, names[:1], body=body, on=MEETING_DAY)


def test_people_of_another_panel_are_never_matched(panel, other_panel, body, people) -> None:
    (match,) = attendee_matches(other_panel, [present("Councillor John Smith")])
    assert match.kind == NONE


def test_a_new_person_is_read_from_the_printed_name() -> None:
    assert person_fields("County Councillor Mrs J. Smith OBE") == {
        "display_name": "County Councillor Mrs J. Smith OBE",
        "honorific": "County Councillor Mrs",
        "given_name": "J.",
        "family_name": "Smith",
        "post_nominals": "OBE",
    }


# --- The minutes of 28 October 2024 and the demo's people --------------------------------------


def _demo_attendance() -> dict[str, dict[str, Any]]:
    """Who the demo records at the meeting of 28 October 2024, by person slug."""
    with (DATA_DIR / "meeting_pcp_2024-10-28.toml").open("rb") as handle:
        rows = tomllib.load(handle)["attendance"]
    return {slug: row for row in rows for slug in row.get("people", [row.get("person")])}


def test_the_minutes_of_28_october_2024_match_the_demos_people(panel) -> None:
    directory_load(read_fixture("directory.toml"))
    pcp = Body.objects.get(slug="pcp")
    document = parse(seed_text(SEED_2024))
    assert document.meeting.date == datetime.date(2024, 10, 28)
    matches = attendee_matches(panel, document.attendees, body=pcp, on=document.meeting.date)
    present_members = [m for m in matches if m.attendee.capacity == "present"]
    assert len(present_members) == 12
    assert all(m.matched and m.member for m in present_members), [
        m.attendee.name for m in present_members if not m.matched
    ]
    demo = _demo_attendance()
    assert {m.person.slug for m in matches if m.person} == set(demo)
    for m in matches:
        assert m.person is not None
        expected = "member" if m.attendee.capacity == "present" else "in_attendance"
        assert demo[m.person.slug]["capacity"] == expected, m.attendee.name


def test_the_minutes_of_28_october_2024_match_a_directory_spelt_otherwise(panel) -> None:
    """The same people with their names as another secretariat keeps them ("Councillor
    Deborah Taylor", no aliases): every present member is still matched, to the right person."""
    directory_load(read_fixture("directory.toml"))
    for someone in Person.objects.all():
        full = f"{someone.given_name} {someone.family_name}".strip()
        someone.display_name = f"Councillor {full}" if someone.honorific else full
        someone.honorific, someone.aliases = "", []
        someone.save()
    pcp = Body.objects.get(slug="pcp")
    document = parse(seed_text(SEED_2024))
    matches = attendee_matches(panel, document.attendees, body=pcp, on=document.meeting.date)
    by_name = {m.attendee.name: m for m in matches}
    assert all(m.matched for m in matches if m.attendee.capacity == "present")
    taylor, cox = by_name["Mrs D. Taylor CC"].person, by_name["Cllr. Sarah Cox"].person
    assert taylor is not None and cox is not None
    assert taylor.slug == "deborah-taylor"
    assert by_name["Mrs D. Taylor CC"].kind == INITIALS
    assert cox.slug == "sarah-cox"
    assert by_name["Cllr. Sarah Cox"].kind == NORMALISED
    assert {m.person.slug for m in matches if m.person} == set(_demo_attendance())


def test_committing_the_minutes_of_28_october_2024_records_the_demos_attendance(
    panel, users
) -> None:
    directory_load(read_fixture("directory.toml"))
    pcp = Body.objects.get(slug="pcp")
    text = seed_text(SEED_2024)
    result = result_from(parse(text), text, kind="text")
    for suggestion in result["suggestions"]:
        suggestion["accepted"] = False
    meeting, _ = import_write(
        result=result,
        body=pcp,
        actor=users["democratic"],
        sha256="0" * 64,
        filename=SEED_2024.name,
        content=None,
    )
    recorded = {
        a.person.slug: a
        for a in Attendance.objects.filter(meeting=meeting).select_related("person")
    }
    demo = _demo_attendance()
    assert set(recorded) == set(demo)
    for slug, row in demo.items():
        got = recorded[slug]
        assert got.status == Attendance.Status.PRESENT
        assert got.capacity == row["capacity"], slug
        assert got.in_the_chair == row.get("in_the_chair", False), slug
        if "role_text" in row:
            assert got.role_text == row["role_text"], slug
    event = DomainEvent.objects.get(verb="minutes.imported")
    assert event.data["attendance"] == 15 and event.data["attendance_left_out"] == []


# --- The review and the commit ----------------------------------------------------------------


def make_job(users, body) -> ImportJob:
    """The pdf_glued fixture parsed: Councillor Davies (Chair), Councillor Evans, Councillor
    Flores, Mrs Green present; Alex Moor and Bea Hart in attendance."""
    upload = SimpleUploadedFile("pdf_glued.txt", (FIXTURES / "pdf_glued.txt").read_bytes())
    with mock.patch("core.outbox.outbox_dispatch"):
        job, _ = import_job_create(actor=users["democratic"], body=body, upload=upload)
    import_job_parse(job_id=job.pk)
    job.refresh_from_db()
    return job


def review_data(job: ImportJob, **overrides: str) -> dict[str, str]:
    meeting = job.result["meeting"]
    data = {k: meeting[k] or "" for k in ("date", "start_time", "end_time", "venue")}
    for i, item in enumerate(job.result["items"]):
        data[f"item-{i}-title"] = item["title"]
        for kind in ("points", "resolutions"):
            for j, thing in enumerate(item[kind]):
                data[f"item-{i}-{kind}-{j}"] = thing["text"]
    for s in job.result["suggestions"]:
        data[f"{s['key']}-decision"] = "reject"
        data[f"{s['key']}-addressee"] = s["addressee"]
        data[f"{s['key']}-due_date"] = s["due_date"] or ""
    data.update(overrides)
    return data


@pytest.fixture
def eastshire(body) -> dict[str, Person]:
    return {
        "davies": member(body, person("Cllr Gwen Davies", "Gwen", "Davies")),
        "greene": member(body, person("Mrs Margaret Greene", "Margaret", "Greene")),
        "moor": person("Alex Moor", "Alex", "Moor"),
    }


def _names(job: ImportJob) -> list[str]:
    return [a["name"] for a in job.result["attendees"]]


def test_review_page_lists_the_attendees_with_their_matches(users, body, client_as, eastshire):
    job = make_job(users, body)
    page = client_as("democratic").get(job.get_absolute_url()).content.decode()
    assert "Attendance" in page and "Name as printed" in page
    assert "Cllr Gwen Davies" in page and "(initials and surname, a member on the date)" in page
    assert "Alex Moor" in page and "(exact name)" in page
    # Every name not matched is shown, with the choices, and left out unless one is made.
    assert page.count("Not matched") == 4  # Evans, Flores, Mrs Green, Bea Hart
    assert page.count('<option value="omit" selected>') == 4
    assert page.count("Left out unless you choose someone.") == 4
    index = _names(job).index("Mrs Green")
    assert f'name="attendee-{index}"' in page
    assert "Create a new person: Mrs Green" in page
    assert "Leave this name out of the attendance" in page
    assert f'<option value="{eastshire["greene"].pk}">Mrs Margaret Greene</option>' in page


def test_the_choice_for_an_unmatched_name_is_kept_and_shown(users, body, client_as, eastshire):
    job = make_job(users, body)
    index = _names(job).index("Mrs Green")
    client = client_as("democratic")
    data = review_data(job, **{f"attendee-{index}": str(eastshire["greene"].pk), "action": "save"})
    response = client.post(job.get_absolute_url(), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.result["attendees"][index]["choice"] == str(eastshire["greene"].pk)
    page = client.get(job.get_absolute_url()).content.decode()
    selected = f'<option value="{eastshire["greene"].pk}" selected>Mrs Margaret Greene</option>'
    assert selected in page


def test_commit_records_attendance_as_matched_and_chosen(users, body, client_as, eastshire):
    job = make_job(users, body)
    names = _names(job)
    choices = {
        f"attendee-{names.index('Mrs Green')}": str(eastshire["greene"].pk),
        f"attendee-{names.index('Councillor Flores')}": CHOICE_NEW,
        f"attendee-{names.index('Councillor Evans')}": CHOICE_OMIT,
        f"attendee-{names.index('Bea Hart')}": CHOICE_OMIT,
    }
    response = client_as("democratic").post(
        job.get_absolute_url(), review_data(job, action="commit", **choices)
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    recorded = {
        a.person.display_name: a
        for a in Attendance.objects.filter(meeting=meeting).select_related("person")
    }
    assert set(recorded) == {
        "Cllr Gwen Davies",
        "Mrs Margaret Greene",
        "Councillor Flores",
        "Alex Moor",
    }
    assert recorded["Cllr Gwen Davies"].in_the_chair
    assert recorded["Cllr Gwen Davies"].capacity == Attendance.Capacity.MEMBER
    assert recorded["Alex Moor"].capacity == Attendance.Capacity.IN_ATTENDANCE
    assert recorded["Alex Moor"].role_text == "Police and Crime Commissioner"
    flores = recorded["Councillor Flores"].person
    assert (flores.honorific, flores.family_name, flores.slug) == ("Councillor", "Flores", "flores")
    event = DomainEvent.objects.get(verb="minutes.imported")
    assert event.data["attendance"] == 4
    assert event.data["people_created"] == [{"person": flores.pk, "name": "Councillor Flores"}]
    left_out = {(x["name"], x["reason"]) for x in event.data["attendance_left_out"]}
    assert left_out == {
        ("Councillor Evans", "left out at review"),
        ("Bea Hart", "left out at review"),
    }
    how = {x["name"]: x["how"] for x in event.data["attendance_matched"]}
    assert how == {
        "Councillor Davies": INITIALS,
        "Mrs Green": "chosen",
        "Alex Moor": EXACT,
    }


def test_commit_refuses_a_name_posted_undecided(users, body, client_as, eastshire) -> None:
    job = make_job(users, body)
    index = _names(job).index("Councillor Evans")
    response = client_as("democratic").post(
        job.get_absolute_url(), review_data(job, action="commit", **{f"attendee-{index}": ""})
    )
    assert response.status_code == 200
    assert ATTENDANCE_UNDECIDED.format(names="Councillor Evans") in response.content.decode()
    assert not Meeting.objects.exists() and not Person.objects.filter(family_name="Evans")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PARSED


def test_commit_without_a_review_records_the_matches_and_lists_the_rest(
    users, body, eastshire
) -> None:
    job = make_job(users, body)
    meeting = import_job_commit(job=job, actor=users["democratic"])
    people = set(Attendance.objects.filter(meeting=meeting).values_list("person", flat=True))
    assert people == {eastshire["davies"].pk, eastshire["moor"].pk}
    event = DomainEvent.objects.get(verb="minutes.imported")
    assert {x["name"] for x in event.data["attendance_left_out"]} == {
        "Councillor Evans",
        "Councillor Flores",
        "Mrs Green",
        "Bea Hart",
    }
    assert {x["reason"] for x in event.data["attendance_left_out"]} == {"matched to no one"}


def test_a_refused_commit_records_no_attendance_and_creates_no_one(users, body, eastshire):
    job = make_job(users, body)
    names = _names(job)
    import_job_attendance_save(
        job=job,
        actor=users["democratic"],
        choices={names.index("Councillor Flores"): CHOICE_NEW},
    )
    with (
        mock.patch("imports.jobs.item_create", side_effect=ValidationError("tracker refused")),
        pytest.raises(ValidationError, match="tracker refused"),
    ):
        import_job_commit(job=job, actor=users["democratic"])
    assert not Attendance.objects.exists() and not Person.objects.filter(family_name="Flores")


def test_attendance_choices_need_meetings_permission(users, body, eastshire) -> None:
    job = make_job(users, body)
    with pytest.raises(PermissionDenied):
        import_job_attendance_save(job=job, actor=users["member"], choices={0: CHOICE_OMIT})
    job.refresh_from_db()
    assert "choice" not in job.result["attendees"][0]
