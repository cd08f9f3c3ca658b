"""`manage.py import_minutes`: the dry-run JSON, clear failures, and the draft import."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from core.models import DomainEvent
from meetings.models import Meeting, Minute, MinutePoint, Resolution
from scrutiny.models import TrackedItem
from tests.imports.conftest import FIXTURES, SEED_2024
from tests.meetings.factories import BodyFactory, MeetingFactory


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_minutes", *args, stdout=out)
    return out.getvalue()


def test_acceptance_dry_run_json_of_the_2024_pack() -> None:
    data = json.loads(run(str(SEED_2024), "--dry-run", "--format", "json"))
    assert set(data) == {"meeting", "attendees", "items", "warnings"}
    assert data["meeting"]["date"] == "2024-10-28"
    assert [i["number"] for i in data["items"]] == [str(n) for n in range(24, 34)]
    item_29 = next(i for i in data["items"] if i["number"] == "29")
    clause = next(r for r in item_29["resolutions"] if r["label"] == "(c)")
    assert clause["trackable"] is True and clause["addressee"] == "PCC"
    assert set(item_29) == {"number", "title", "points", "resolutions", "actions"}
    assert set(clause) == {"label", "text", "kind", "trackable", "addressee"}
    assert data["attendees"][0] == {
        "name": "Mrs D. Taylor CC",
        "capacity": "present",
        "role": "Chair",
    }


def test_dry_run_text_format_shows_line_numbers() -> None:
    out = run(str(FIXTURES / "pdf_glued.txt"), "--dry-run")
    assert "RESOLVED 2. [request_information; TRACK → PCC] (lines 24–25)" in out


@pytest.mark.django_db
def test_dry_run_writes_nothing() -> None:
    data = json.loads(run(str(FIXTURES / "moderngov_web.txt"), "--dry-run", "--format", "json"))
    assert data["meeting"]["date"] == "2025-03-05" and data["items"]  # the file was read
    assert not Meeting.objects.exists() and not DomainEvent.objects.exists()


def test_dry_run_of_a_file_without_minutes_prints_the_warning() -> None:
    data = json.loads(run(str(FIXTURES / "no_minutes.txt"), "--dry-run", "--format", "json"))
    assert data["items"] == [] and data["warnings"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (bytes(range(256)) * 40, "binary file")],
)
def test_unreadable_file_fails_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run(str(path), "--dry-run", "--format", "json")
    assert "\n" not in str(error.value)


def test_huge_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(CommandError, match="over 50 MB"):
        run(str(path), "--dry-run")


@pytest.mark.django_db
def test_import_creates_unpublished_draft_minutes(users: dict[str, Any]) -> None:
    BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel")
    out = run(str(FIXTURES / "pdf_glued.txt"), "--user", "democratic")
    meeting = Meeting.objects.get()
    assert "not published" in out
    assert meeting.status == Meeting.Status.HELD
    assert meeting.agenda_published_at is None and meeting.minutes_published_at is None
    assert not meeting.is_public
    assert str(meeting.date) == "2025-02-03"
    assert [m.number for m in Minute.objects.order_by("number")] == [12, 13, 14]
    assert MinutePoint.objects.count() == 2
    assert list(
        Resolution.objects.order_by("minute__number", "position").values_list("label", "kind")
    ) == [
        ("", "confirm_minutes"),
        ("1.", "approve"),
        ("2.", "request_information"),
        ("", "date_noted"),
    ]
    event = DomainEvent.objects.get(verb="minutes.imported")
    assert len(event.data["sha256"]) == 64 and event.data["resolutions"] == 4
    # The one trackable clause (2. request information) becomes a tracked item, unpublished.
    item = TrackedItem.objects.get()
    assert item.resolution == Resolution.objects.get(label="2.")
    assert item.due_date == meeting.date + datetime.timedelta(weeks=8)
    assert item.reference in out


def test_import_of_the_2024_pack_raises_29c(users: dict[str, Any]) -> None:
    BodyFactory(slug="pcp", name="Police and Crime Panel")
    out = run(str(SEED_2024), "--user", "democratic", "--format", "json")
    data = json.loads(out)
    assert "PCP/2024-10-28/29(c)" in data["tracked_items"]
    item = TrackedItem.objects.get(reference="PCP/2024-10-28/29(c)")
    assert item.addressee == TrackedItem.Addressee.PCC
    assert not item.is_public  # the imported minutes are a draft, not yet published


@pytest.mark.django_db
def test_same_file_is_not_imported_twice(users: dict[str, Any]) -> None:
    BodyFactory(slug="pcp")
    run(str(FIXTURES / "pdf_glued.txt"), "--user", "admin")
    with pytest.raises(CommandError, match="already imported"):
        run(str(FIXTURES / "pdf_glued.txt"), "--user", "admin")
    assert Minute.objects.count() == 3


@pytest.mark.django_db
def test_import_into_a_meeting_with_a_published_agenda(users: dict[str, Any]) -> None:
    body = BodyFactory(slug="northmoor")
    meeting = MeetingFactory(
        body=body, date="2025-03-05", status=Meeting.Status.AGENDA_PUBLISHED, start_time=None
    )
    run(str(FIXTURES / "moderngov_web.txt"), "--body", "northmoor", "--user", "democratic")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes.count() == 4


@pytest.mark.django_db
def test_import_refuses_a_meeting_that_already_has_minutes(
    users: dict[str, Any], tmp_path: Path
) -> None:
    BodyFactory(slug="pcp")
    run(str(FIXTURES / "pdf_glued.txt"), "--user", "admin")
    copy = tmp_path / "pdf_glued_again.txt"  # other bytes, same meeting
    copy.write_text((FIXTURES / "pdf_glued.txt").read_text() + "\n")
    with pytest.raises(CommandError, match="already has minutes"):
        run(str(copy), "--user", "admin")


@pytest.mark.django_db
def test_import_needs_a_permitted_user_and_a_body(users: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="No body with the slug"):
        run(str(FIXTURES / "pdf_glued.txt"), "--body", "nope", "--user", "admin")
    BodyFactory(slug="pcp")
    with pytest.raises(CommandError, match="member may not manage meetings"):
        run(str(FIXTURES / "pdf_glued.txt"), "--user", "member")
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_import_of_a_file_without_minutes_fails(users: dict[str, Any]) -> None:
    BodyFactory(slug="pcp")
    with pytest.raises(CommandError, match="No minute items were found"):
        run(str(FIXTURES / "no_minutes.txt"), "--user", "admin")
