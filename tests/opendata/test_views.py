"""The open-data page and downloads, as a reader sees them."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from core.models import OutboxMessage
from core.tenancy import panel_scope
from opendata import archive, services
from opendata.models import OpenDataExport
from opendata.services import export_build
from tests.core.test_leak_matrix import text_of
from tests.opendata.helpers import members, public_meeting, table

pytestmark = pytest.mark.django_db
ZIP = reverse("opendata:panel-zip")
NATIONAL = reverse("opendata:national-zip")


@pytest.fixture
def never_built():
    """A build in the request would fail the test."""
    with mock.patch.object(services, "archive_write", side_effect=AssertionError("built")):
        yield


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_download_not_yet_built_is_queued_and_never_built_in_the_request(
    client, never_built, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = client.get(ZIP)
        client.get(ZIP)  # asked again within the minute: queued once
    assert response.status_code == 202
    assert response["Retry-After"] == "60"
    assert "The download is being prepared" in response.content.decode()
    assert OpenDataExport.objects.count() == 0
    queued = OutboxMessage.objects.get(task="opendata.tasks.export_rebuild")
    assert queued.args == [queued.panel_id, False] and queued.panel_id is not None
    assert len(after_commit) == 1  # the build is sent to the worker once the request commits


def test_the_panel_zip_is_served_with_its_headers(client, panel):
    public_meeting("qzpublicqz")
    export = export_build(panel=panel)
    response = client.get(ZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="llr-open-data.zip"'
    assert response["ETag"] == f'"{export.sha256}"'
    assert response["Last-Modified"]
    assert response["X-Content-Type-Options"] == "nosniff"
    files = members(body(response))
    assert table(files["meetings.csv"])[0]["title"] == "Meeting qzpublicqz"


def test_an_unchanged_download_answers_not_modified(client, panel):
    export = export_build(panel=panel)
    response = client.get(ZIP, HTTP_IF_NONE_MATCH=f'"{export.sha256}"')
    assert response.status_code == 304
    assert client.get(ZIP, HTTP_IF_NONE_MATCH='"stale"').status_code == 200
    modified = client.get(ZIP)["Last-Modified"]
    assert client.get(ZIP, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304


def test_the_national_zip_is_the_same_on_every_panels_site(panel, other_panel):
    public_meeting("qzllrqz")
    with panel_scope(other_panel):
        public_meeting("qznorthqz")
    export_build(panel=None)
    ours = Client().get(NATIONAL)
    assert ours["Content-Disposition"] == 'attachment; filename="national-open-data.zip"'
    content = body(ours)  # read before the next request opens the same in-memory file
    assert body(Client(HTTP_HOST="northshire.testserver").get(NATIONAL)) == content
    titles = {m["title"] for m in table(members(content)["meetings.csv"])}
    assert titles == {"Meeting qzllrqz", "Meeting qznorthqz"}


def test_each_panels_site_serves_its_own_zip(panel, other_panel):
    with panel_scope(other_panel):
        public_meeting("qznorthqz")
        export_build(panel=other_panel)
    export_build(panel=panel)
    theirs = Client(HTTP_HOST="northshire.testserver").get(ZIP)
    assert theirs["Content-Disposition"] == 'attachment; filename="northshire-open-data.zip"'
    assert "qznorthqz" in members(body(theirs))["meetings.csv"]
    assert "qznorthqz" not in members(body(Client().get(ZIP)))["meetings.csv"]


def test_a_lost_file_is_rebuilt_not_served_broken(client, panel):
    export = export_build(panel=panel)
    export.file.storage.delete(export.file.name)
    with mock.patch.object(services, "archive_write", side_effect=AssertionError("built")):
        response = client.get(ZIP)
    assert response.status_code == 202
    assert OutboxMessage.objects.get(task="opendata.tasks.export_rebuild").args[1] is True


def test_the_page_says_what_is_ready_and_links_the_dictionary(client, panel):
    page = client.get(reverse("opendata:index")).content.decode()
    assert page.count("Being prepared") == 2
    assert OutboxMessage.objects.filter(task="opendata.tasks.export_rebuild").count() == 2
    assert reverse("opendata:dictionary") in page
    assert "meetings.csv" in page and "data-dictionary.csv" in page
    export_build(panel=panel)
    export = export_build(panel=None)
    page = client.get(reverse("opendata:index")).content.decode()
    assert "Being prepared" not in page
    assert f'href="{ZIP}"' in page and f'href="{NATIONAL}"' in page
    assert f"Built {export.built_at:%-d %B %Y}" in page
    assert "KB." in page or "bytes." in page


def test_the_dictionary_is_the_one_in_the_zip(client, panel):
    response = client.get(reverse("opendata:dictionary"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == archive.dictionary_csv()
    files = members(export_build(panel=panel).file.open("rb").read())
    assert files[archive.DICTIONARY] == response.content.decode()


def test_the_home_page_links_the_open_data(client):
    assert reverse("opendata:index") in client.get("/").content.decode()


def test_without_a_broker_the_queued_build_runs_on_commit(
    client, django_capture_on_commit_callbacks
):
    public_meeting("qzpublicqz")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(ZIP).status_code == 202  # the page says so; the build follows it
    response = client.get(ZIP)
    assert response.status_code == 200
    assert "qzpublicqz" in members(body(response))["meetings.csv"]


def test_a_head_request_gives_the_headers_alone(client, panel):
    export = export_build(panel=panel)
    response = client.head(ZIP)
    assert response.status_code == 200 and response["ETag"] == f'"{export.sha256}"'
    assert client.post(ZIP).status_code == 405


def test_the_leak_matrix_reads_what_the_zip_holds(client, panel):
    public_meeting("qzpublicqz")
    export_build(panel=panel)
    assert "Meeting qzpublicqz" in text_of(client.get(ZIP))
