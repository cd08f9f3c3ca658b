"""A folder of saved ModernGov pages (tests/imports/fixtures/moderngov_site, an invented
council): item pages joined to their meeting's page, by the MId or by the date and committee
in their header, the item page's fuller minutes in place of the meeting page's; an item page
whose meeting is absent on its own, with a warning. Then the same folder through the ZIP upload
and `import_minutes`."""

from __future__ import annotations

import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from imports import moderngov
from imports.models import ImportBatch, ImportJob
from imports.moderngov import ImportFile, SourceFile, moderngov_group
from imports.parser import parse
from tests.imports.conftest import FIXTURES
from tests.meetings.factories import BodyFactory

SITE = FIXTURES / "moderngov_site"
MEETING = "ieListDocuments_2201.htm"
SUB_COMMITTEE = "ieListDocuments_2288.htm"
MERGED = "ieListDocuments_2201 (with 2 item pages).txt"
ORPHAN = "mgAi_9050 (item page on its own).txt"


def site_files(*skip: str) -> list[SourceFile]:
    return [
        SourceFile(name=f"site/{path.name}", content=path.read_bytes())
        for path in sorted(SITE.iterdir())
        if path.name not in skip
    ]


def by_name(files: list[ImportFile]) -> dict[str, ImportFile]:
    return {Path(f.name).name: f for f in files}


def test_item_pages_join_their_meeting_and_the_rest_stand_alone() -> None:
    grouped = moderngov_group(site_files())
    assert [Path(f.name).name for f in grouped] == [MERGED, SUB_COMMITTEE, ORPHAN]
    merged = by_name(grouped)[MERGED]
    # By the MId in its link back (9001), and by its header's date and committee (9002).
    assert merged.made_from == (
        "site/ieListDocuments_2201.htm",
        "site/mgAi_9001.htm",
        "site/mgAi_9002.htm",
    )
    assert merged.warnings == ()
    # The sub-committee met the same day, but is another committee: untouched.
    sub = by_name(grouped)[SUB_COMMITTEE]
    assert sub.content == (SITE / SUB_COMMITTEE).read_bytes() and sub.made_from == ()


def test_the_item_page_is_the_fuller_text_of_its_item() -> None:
    text = by_name(moderngov_group(site_files()))[MERGED].content.decode()
    document = parse(text)
    assert document.warnings == []
    assert (
        str(document.meeting.date) == "2025-06-12"
        and str(document.meeting.start_time) == "14:00:00"
    )
    assert str(document.meeting.end_time) == "15:40:00"  # the closing line is kept
    assert [(i.number, i.title) for i in document.items] == [
        ("12", "Minutes of the previous meeting"),
        ("13", "Police and Crime Commissioner's Annual Report 2024/25"),
        ("14", "Rural Crime Update"),
        ("15", "Work Programme"),
    ]
    annual = document.items[1]
    assert "A fuller record is on the item page." not in text  # the meeting page's summary
    assert [p.label for p in annual.points] == ["(a)", "(b)"]
    assert [(r.label, r.trackable, r.addressee) for r in annual.resolutions] == [
        ("(a)", False, None),
        ("(b)", True, "PCC"),
    ]
    rural = document.items[2]
    assert rural.resolutions[1].text.startswith("That the Commissioner be requested to report")
    # Items without an item page keep the meeting page's text.
    assert document.items[3].resolutions[0].text == "That the work programme be agreed."
    assert "Supporting documents" not in text and "Purpose:" not in text


def test_an_item_page_without_its_meeting_is_imported_alone_with_a_warning() -> None:
    orphan = by_name(moderngov_group(site_files()))[ORPHAN]
    assert orphan.made_from == ("site/mgAi_9050.htm",)
    assert orphan.warnings == (
        moderngov.ITEM_WITHOUT_MEETING.format(
            name="mgAi_9050.htm",
            number="30",
            date="11 September 2025",
            committee="Fenmarsh Police and Crime Panel",
        ),
    )
    document = parse(orphan.content.decode())
    assert str(document.meeting.date) == "2025-09-11"
    assert document.meeting.body == "Fenmarsh Police and Crime Panel"
    assert [(i.number, i.title) for i in document.items] == [("30", "Estates Review")]


def test_without_the_meeting_page_every_item_page_stands_alone() -> None:
    grouped = moderngov_group(site_files(MEETING))
    names = [Path(f.name).name for f in grouped]
    assert names == [
        SUB_COMMITTEE,
        "mgAi_9001 (item page on its own).txt",
        "mgAi_9002 (item page on its own).txt",
        ORPHAN,
    ]
    assert all(len(f.warnings) == 1 for f in grouped[1:])


def test_other_files_pass_through_untouched() -> None:
    other = SourceFile(name="2025/minutes.txt", content=b"Minutes of ...")
    junk = SourceFile(name="mgAi_broken.htm", content=bytes(range(256)) * 40)
    grouped = moderngov_group([other, junk, *site_files()])
    assert grouped[0] == ImportFile(name="2025/minutes.txt", content=b"Minutes of ...")
    # Unreadable: left to fail on its own job with the reader's message.
    assert grouped[1] == ImportFile(name="mgAi_broken.htm", content=junk.content)


def test_an_item_page_naming_no_meeting_is_read_alone_with_a_warning() -> None:
    page = (SITE / "mgAi_9002.htm").read_bytes().replace(b"Meeting: 12/06/2025 - ", b"")
    grouped = moderngov_group([SourceFile(name="mgAi_9999.htm", content=page)])
    assert grouped == [
        ImportFile(
            name="mgAi_9999.htm",
            content=page,
            warnings=(moderngov.ITEM_NO_HEADER.format(name="mgAi_9999.htm"),),
        )
    ]


def test_an_item_page_without_minutes_keeps_the_meeting_text_and_says_so() -> None:
    page = (SITE / "mgAi_9002.htm").read_bytes()
    start, end = page.index(b'<h3 class="mgSubSubTitleTxt">Minutes:'), page.index(b"</div>")
    empty = page[:start] + page[end:]
    files = [
        SourceFile(name=MEETING, content=(SITE / MEETING).read_bytes()),
        SourceFile(name="mgAi_9002.htm", content=empty),
    ]
    merged = moderngov_group(files)[0]
    assert merged.warnings == (moderngov.ITEM_NO_MINUTES.format(name="mgAi_9002.htm", number="14"),)
    assert "RESOLVED – That the update be noted." in merged.content.decode()


def test_two_item_pages_for_one_item_use_the_longer() -> None:
    fuller = (SITE / "mgAi_9001.htm").read_bytes()
    shorter = fuller.replace(
        b"<p>(a) Response times in the eastern villages had lengthened over the winter.</p>", b""
    )
    files = [
        SourceFile(name=MEETING, content=(SITE / MEETING).read_bytes()),
        SourceFile(name="mgAi_short.htm", content=shorter),
        SourceFile(name="mgAi_full.htm", content=fuller),
    ]
    merged = moderngov_group(files)[0]
    assert merged.warnings == (
        moderngov.ITEM_TWICE.format(number="13", first="mgAi_short.htm", second="mgAi_full.htm"),
    )
    assert "eastern villages" in merged.content.decode()


def test_the_title_of_a_saved_page_names_the_committee() -> None:
    markup = (
        "<title>Agenda and draft minutes - Fenmarsh Police and Crime Panel, Thursday, 12th</title>"
    )
    match = moderngov.TITLE_RE.search(markup)
    assert match is not None and match["named"] == "Fenmarsh Police and Crime Panel"


# --- Through the upload and the command ------------------------------------------------------


def site_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SITE.iterdir()):
            archive.writestr(f"fenmarsh/{path.name}", path.read_bytes())
        archive.writestr("fenmarsh/.DS_Store", b"\x00")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_zip_of_the_site_imports_one_job_per_meeting(
    users, client_as, django_capture_on_commit_callbacks
) -> None:
    body = BodyFactory(slug="pcp", name="Fenmarsh Police and Crime Panel")
    client = client_as("democratic")
    upload = SimpleUploadedFile("fenmarsh.zip", site_zip(), content_type="application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:manage-import"), {"body": body.pk, "file": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    jobs = {job.filename: job for job in batch.jobs.all()}
    assert set(jobs) == {MERGED, SUB_COMMITTEE, ORPHAN}
    assert all(job.status == ImportJob.Status.PARSED for job in jobs.values())
    merged = jobs[MERGED]
    assert [i["number"] for i in merged.result["items"]] == ["12", "13", "14", "15"]
    assert merged.result["warnings"] == []
    # The batch's warning joins the parser's, so the review shows it and "commit all" skips it.
    orphan = jobs[ORPHAN]
    assert orphan.result["warnings"][0].startswith("mgAi_9050.htm is the page of item 30")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Made from fenmarsh/ieListDocuments_2201.htm, fenmarsh/mgAi_9001.htm" in page
    assert "2 files read without warnings can be imported together" in page
    review = client.get(orphan.get_absolute_url()).content.decode()
    assert "mgAi_9050.htm is the page of item 30" in review

    response = client.post(reverse("imports:import-batch-commit", args=[batch.pk]), follow=True)
    statuses = {job.filename: job.status for job in batch.jobs.all()}
    # One body per batch: the sub-committee's minutes of the same day find the Panel's meeting
    # already minuted, and are reported (to be uploaded for the sub-committee's own body).
    assert statuses == {
        MERGED: ImportJob.Status.COMMITTED,
        SUB_COMMITTEE: ImportJob.Status.PARSED,
        ORPHAN: ImportJob.Status.PARSED,
    }
    assert (
        f"{SUB_COMMITTEE} was not imported: The meeting of 12 June 2025 already has minutes"
    ) in response.content.decode()
    meeting = batch.jobs.get(filename=MERGED).meeting
    assert meeting is not None
    assert [m.number for m in meeting.minutes.order_by("number")] == [12, 13, 14, 15]
    assert meeting.minutes.get(number=13).points.count() == 2


def test_the_command_reads_the_site_folder() -> None:
    out = StringIO()
    call_command("import_minutes", str(SITE), "--dry-run", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert [e["file"] for e in data] == [MERGED, SUB_COMMITTEE, ORPHAN]
    merged = data[0]["result"]
    assert set(merged) == {"meeting", "attendees", "items", "warnings"}
    assert merged["meeting"]["date"] == "2025-06-12"
    assert data[2]["result"]["warnings"][0].startswith("mgAi_9050.htm is the page of item 30")
    text = StringIO()
    call_command("import_minutes", str(SITE), "--dry-run", stdout=text)
    assert f"{MERGED}: Fenmarsh Police and Crime Panel, 2025-06-12: 4 minutes" in text.getvalue()
    assert "  made from ieListDocuments_2201.htm, mgAi_9001.htm, mgAi_9002.htm" in text.getvalue()
