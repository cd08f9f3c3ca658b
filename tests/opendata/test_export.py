"""Building the bulk download: what it holds, what it never holds, and which panel's records."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.tenancy import panel_scope
from grants.models import GrantRound
from meetings.models import Document, Meeting, Minute
from opendata import archive
from opendata.datasets import DATASETS, dictionary_rows
from opendata.services import export_build
from scrutiny.models import Response
from tests.grants.factories import AwardFactory, published_award
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    OrganisationFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.opendata.helpers import (
    PUBLISHED,
    everything,
    export_members,
    header,
    public_meeting,
    table,
)
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

pytestmark = pytest.mark.django_db
SECRETS = {
    "private session": "qzprivatesessionqz",
    "unpublished meeting": "qzunpublishedqz",
    "draft minutes": "qzdraftminutesqz",
    "exempt description": "qzexemptdescriptionqz",
    "exempt reason": "qzexemptreasonqz",
    "exempt paper": "qzexemptpaperqz",
    "exempt minute": "qzexemptminuteqz",
    "withdrawn paper": "qzwithdrawnpaperqz",
    "private item": "qzprivateitemqz",
    "draft response": "qzdraftresponseqz",
    "unawarded application": "qzunawardedqz",
    "personal email": "qzemailqz@example.org",
}


@pytest.fixture
def planted(panel):
    """A public meeting beside every kind of record the public may not read."""
    body = BodyFactory(name="Police and Crime Panel")
    meeting = public_meeting("qzpublicqz", body=body)
    person = PersonFactory(display_name="Cllr Public Person", email=SECRETS["personal email"])
    MembershipFactory(person=person, body=body)
    AttendanceFactory(meeting=meeting, person=PersonFactory(display_name="Attendee Person"))

    MeetingFactory(
        body=body,
        title=SECRETS["private session"],
        session=Meeting.Session.PRIVATE,
        agenda_published_at=PUBLISHED,
    )
    unpublished = MeetingFactory(body=body, title=SECRETS["unpublished meeting"])
    MinuteFactory(meeting=unpublished, body_text=SECRETS["unpublished meeting"])
    agenda_only = MeetingFactory(body=body, title="Agenda only", agenda_published_at=PUBLISHED)
    draft = MinuteFactory(meeting=agenda_only, body_text=SECRETS["draft minutes"])
    ResolutionFactory(minute=draft, text=SECRETS["draft minutes"])

    exempt = AgendaItemFactory(
        meeting=meeting,
        title="Contract award",
        exempt=True,
        exempt_reason=SECRETS["exempt reason"],
        description=SECRETS["exempt description"],
    )
    DocumentFactory(meeting=meeting, agenda_item=exempt, title=SECRETS["exempt paper"])
    DocumentFactory(meeting=meeting, title=SECRETS["exempt paper"], exempt=True)
    DocumentFactory(
        meeting=meeting,
        title=SECRETS["withdrawn paper"],
        withdrawn_at=PUBLISHED,
        withdrawn_reason="Replaced.",
    )
    secret_minute = MinuteFactory(
        meeting=meeting,
        agenda_item=exempt,
        title="Contract award",
        body_text=SECRETS["exempt minute"],
    )
    ResolutionFactory(minute=secret_minute, text=SECRETS["exempt minute"])

    TrackedItemFactory(body=body, title=SECRETS["private item"], is_public=False)
    public_item = TrackedItemFactory(body=body, meeting=meeting, title="Request qzpublicqz")
    author = User.objects.create_user("officer")
    ResponseFactory(
        item=public_item, author=author, body="Answer qzpublicqz", submitted_at=PUBLISHED
    )
    drafted = TrackedItemFactory(body=body, title="Another public request")
    ResponseFactory(
        item=drafted, author=author, body=SECRETS["draft response"], status=Response.Status.DRAFT
    )

    published_award(application__project_title="Project qzpublicqz", amount=Decimal("1250.50"))
    AwardFactory(application__project_title=SECRETS["unawarded application"])
    return meeting


def test_every_csv_has_the_columns_the_dictionary_gives_it(planted, panel):
    files = export_members(export_build(panel=panel))
    dictionary = table(files[archive.DICTIONARY])
    assert set(files) == {d.filename for d in DATASETS} | {archive.DICTIONARY, archive.README}
    for dataset in DATASETS:
        described = [row["column"] for row in dictionary if row["file"] == dataset.filename]
        assert header(files[dataset.filename]) == described, dataset.filename
        assert described[:2] == ["panel", "id"]
    assert all(row["description"] and row["type"] for row in dictionary)
    assert [list(row.values()) for row in dictionary] == dictionary_rows()
    assert "meetings.csv (2 rows)" in files[archive.README]


def test_the_public_records_are_in_it_and_nothing_private(planted, panel):
    files = export_members(export_build(panel=panel))
    text = everything(files)
    for name, word in SECRETS.items():
        assert word not in text, name
    meetings = table(files["meetings.csv"])
    assert [m["title"] for m in meetings] == ["Meeting qzpublicqz", "Agenda only"]
    assert {m["panel"] for m in meetings} == {"llr"}
    for filename in ("agenda-items.csv", "papers.csv", "minutes.csv", "minute-points.csv"):
        assert "qzpublicqz" in files[filename], filename
    assert "Resolved qzpublicqz" in files["decisions.csv"]
    assert table(files["responses.csv"])[0]["body"] == "Answer qzpublicqz"
    award = table(files["grant-awards.csv"])[0]
    assert award["project_title"] == "Project qzpublicqz"
    assert award["amount_awarded"] == "1250.50"
    assert {p["display_name"] for p in table(files["people.csv"])} >= {
        "Cllr Public Person",
        "Attendee Person",
    }
    assert "email" not in header(files["people.csv"])


def test_an_exempt_item_keeps_its_number_and_title_only(planted, panel):
    files = export_members(export_build(panel=panel))
    exempt = next(i for i in table(files["agenda-items.csv"]) if i["exempt"] == "true")
    assert exempt["title"] == "Contract award" and exempt["description"] == ""
    minute = next(m for m in table(files["minutes.csv"]) if m["title"] == "Contract award")
    assert minute["body_text"] == "" and minute["preamble"] == ""
    assert all(p["title"] != SECRETS["exempt paper"] for p in table(files["papers.csv"]))


def test_values_are_written_in_the_types_the_dictionary_gives(planted, panel):
    files = export_members(export_build(panel=panel))
    meeting = table(files["meetings.csv"])[0]
    assert meeting["date"] == "2024-10-28"
    assert meeting["start_time"] == "14:00"
    assert meeting["agenda_published_at"] == "2024-11-01T09:00:00Z"
    assert meeting["status"] == Meeting.Status.MINUTES_DRAFT
    assert meeting["path"] == planted.get_absolute_url()
    paper = table(files["papers.csv"])[0]
    assert paper["path"] == f"/meetings/{planted.pk}/papers/{paper['id']}/"
    assert "Codes: scheduled = Scheduled;" in files[archive.DICTIONARY]


def test_a_formula_in_a_record_is_written_as_text(panel):
    public_meeting('=HYPERLINK("http://evil")')
    files = export_members(export_build(panel=panel))
    assert table(files["meetings.csv"])[0]["title"].startswith("Meeting =HYPERLINK")
    item = table(files["agenda-items.csv"])[0]
    assert item["description"].startswith("Item =")  # text after text is no formula
    MeetingFactory(title="=1+1", agenda_published_at=PUBLISHED)
    files = export_members(export_build(panel=panel))
    assert "'=1+1" in [m["title"] for m in table(files["meetings.csv"])]


def test_another_panels_records_are_never_in_this_panels_download(panel, other_panel):
    public_meeting("qzllrqz")
    with panel_scope(other_panel):
        public_meeting("qznorthqz")
        other_export = export_build(panel=other_panel)
    ours = everything(export_members(export_build(panel=panel)))
    theirs = everything(export_members(other_export))
    assert "qzllrqz" in ours and "qznorthqz" not in ours
    assert "qznorthqz" in theirs and "qzllrqz" not in theirs


def test_the_national_download_holds_every_panel_with_its_panel_column(panel, other_panel):
    public_meeting("qzllrqz")
    with panel_scope(other_panel):
        public_meeting("qznorthqz")
    files = export_members(export_build(panel=None))
    by_title = {m["title"]: m["panel"] for m in table(files["meetings.csv"])}
    assert by_title == {"Meeting qzllrqz": "llr", "Meeting qznorthqz": "northshire"}
    assert {p["panel"] for p in table(files["panels.csv"])} == {"llr", "northshire"}
    hosts = {p["panel"]: p["host"] for p in table(files["panels.csv"])}
    assert hosts == {"llr": "testserver", "northshire": "northshire.testserver"}
    for dataset in DATASETS:
        assert {r["panel"] for r in table(files[dataset.filename])} <= {"llr", "northshire"}
    assert "every panel" in files[archive.README]


def test_the_build_costs_the_same_queries_for_5_meetings_as_for_25(panel):
    body = BodyFactory()
    for n in range(5):
        public_meeting(f"m{n}", body=body)
    with CaptureQueriesContext(connection) as few:
        export_build(panel=panel)
    for n in range(5, 25):
        public_meeting(f"m{n}", body=body)
    with CaptureQueriesContext(connection) as many:
        export = export_build(panel=panel)
    assert len(table(export_members(export)["meetings.csv"])) == 25
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_a_record_taken_out_of_public_view_leaves_the_next_build(panel):
    meeting = public_meeting("qzpublicqz")
    assert "qzpublicqz" in export_members(export_build(panel=panel))["meetings.csv"]
    meeting.session = Meeting.Session.PRIVATE
    meeting.save()
    files = export_members(export_build(panel=panel))
    assert "qzpublicqz" not in everything(files)
    assert Minute.objects.filter(meeting=meeting).exists()  # still recorded, no longer public


def test_unchanged_records_build_nothing_and_a_forced_rebuild_keeps_the_file(panel):
    public_meeting("qzpublicqz")
    first = export_build(panel=panel)
    again = export_build(panel=panel)
    forced = export_build(panel=panel, force=True)
    assert first.pk == again.pk == forced.pk
    assert (forced.file.name, forced.sha256, forced.built_at) == (
        first.file.name,
        first.sha256,
        first.built_at,
    )


def test_a_change_replaces_the_file(panel, django_capture_on_commit_callbacks):
    meeting = public_meeting("qzpublicqz")
    first = export_build(panel=panel)
    old_name, storage = first.file.name, first.file.storage
    meeting.title = "Renamed"
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        second = export_build(panel=panel)
    assert second.pk == first.pk and second.sha256 != first.sha256
    assert "Renamed" in export_members(second)["meetings.csv"]
    assert not storage.exists(old_name)


def test_an_empty_panel_builds_headers_only(panel):
    files = export_members(export_build(panel=panel))
    assert table(files["meetings.csv"]) == []
    assert header(files["meetings.csv"])[:2] == ["panel", "id"]
    assert "meetings.csv (0 rows)" in files[archive.README]


def test_an_award_is_public_only_once_its_round_has_made_awards(panel):
    award = AwardFactory(application__project_title="Not yet")
    assert table(export_members(export_build(panel=panel))["grant-awards.csv"]) == []
    GrantRound.objects.filter(pk=award.application.round_id).update(
        status=GrantRound.Status.AWARDS_MADE
    )
    files = export_members(export_build(panel=panel, force=True))
    assert [a["project_title"] for a in table(files["grant-awards.csv"])] == ["Not yet"]
    organisation = award.application.organisation
    assert [o["name"] for o in table(files["organisations.csv"])] == [organisation.name]


def test_only_organisations_named_in_public_records_are_listed(panel):
    OrganisationFactory(name="Applicant never awarded")
    host = OrganisationFactory(name="Leicestershire County Council")
    public_meeting("qzpublicqz", host_authority=host)
    names = [
        o["name"] for o in table(export_members(export_build(panel=panel))["organisations.csv"])
    ]
    assert names == ["Leicestershire County Council"]


def test_generated_agenda_packs_are_not_listed_as_papers(panel):
    meeting = public_meeting("qzpublicqz")
    DocumentFactory(meeting=meeting, title="Agenda pack", kind=Document.Kind.AGENDA_PACK)
    titles = [p["title"] for p in table(export_members(export_build(panel=panel))["papers.csv"])]
    assert titles == ["Paper qzpublicqz"]


def test_a_change_the_public_cannot_see_leaves_the_download_as_it_was(planted, panel):
    first = export_build(panel=panel)
    draft = Response.objects.get(status=Response.Status.DRAFT)
    draft.body = "Reworded qzdraftresponseqz"
    draft.save()
    again = export_build(panel=panel)
    assert again.source_state != first.source_state  # noticed, and rebuilt
    assert (again.file.name, again.sha256, again.built_at) == (
        first.file.name,
        first.sha256,
        first.built_at,
    )
    with again.file.open("rb") as stored, zipfile.ZipFile(stored) as zipped:
        assert {info.date_time for info in zipped.infolist()} == {archive.STAMP}
