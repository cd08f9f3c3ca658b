"""An OParl client's walk, following only the URLs the JSON gives: System → body list → Body →
its meeting list → Meeting → AgendaItem → Paper → File, and what each object says."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from api.oparl import EXTENSION_SCHEMA, OPARL_VERSION
from tests.meetings.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def fetch(client, url: str) -> dict:
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url  # on the panel's own host
    response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_a_client_walks_from_the_system_to_a_paper(api, record):
    system = fetch(api, "http://testserver/api/v1/")
    assert system["type"] == f"{OPARL_VERSION}System"
    assert system["oparlVersion"] == OPARL_VERSION
    assert system["id"] == "http://testserver/api/v1/"

    bodies = fetch(api, system["body"])
    body = next(b for b in bodies["data"] if b["name"] == record.body.name)
    assert body["type"] == f"{OPARL_VERSION}Body"
    assert body["legislativeTerm"] == []
    body = fetch(api, body["id"])

    meetings = fetch(api, body["meeting"])
    assert [m["id"] for m in meetings["data"]] == [
        f"http://testserver/api/v1/meetings/{record.meeting.pk}"
    ]
    meeting = fetch(api, meetings["data"][0]["id"])
    assert meeting["type"] == f"{OPARL_VERSION}Meeting"
    assert meeting["start"] == "2024-10-28T14:00:00+00:00"
    assert meeting["location"]["description"] == record.meeting.venue
    assert meeting["invitation"]["accessUrl"].endswith(f"/meetings/{record.meeting.pk}/agenda.pdf")
    assert meeting["resultsProtocol"]["accessUrl"].endswith("/minutes.pdf")
    assert meeting["web"] == f"http://testserver/meetings/{record.meeting.pk}/"
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Supplementary note"]
    assert [i["number"] for i in meeting["agendaItem"]] == ["5", "12"]

    item = fetch(api, meeting["agendaItem"][0]["id"])
    assert item["name"] == "Police and Crime Plan"
    assert item["public"] is True
    assert item["resolutionText"] == "(c) That the PCC be requested to submit a written response."
    consultation = fetch(api, item["consultation"])
    assert consultation["agendaItem"] == item["id"]
    assert consultation["meeting"] == meeting["id"]

    paper = fetch(api, consultation["paper"])
    assert paper["type"] == f"{OPARL_VERSION}Paper"
    assert paper["body"] == body["id"]
    assert paper["reference"] == "PCP/2024-10-28/5"
    assert paper["mainFile"]["name"] == "Draft plan report"
    assert [f["name"] for f in paper["auxiliaryFile"]] == ["Appendix A"]
    assert paper["consultation"][0]["id"] == consultation["id"]

    file = fetch(api, paper["mainFile"]["id"])
    assert file["accessUrl"] == (
        f"http://testserver/meetings/{record.meeting.pk}/papers/{record.report.pk}/"
    )
    download = api.get(urlsplit(file["accessUrl"]).path)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_the_acceptance_query_gives_that_body_s_public_meetings(api, record):
    other = BodyFactory(name="Corporate Governance Board", slug="cgb")
    board = MeetingFactory(body=other, published=True)
    mine = fetch(api, f"http://testserver/api/v1/meetings?body={record.body.pk}")
    theirs = fetch(api, f"http://testserver/api/v1/meetings?body={other.pk}")
    assert [m["id"].rsplit("/", 1)[1] for m in mine["data"]] == [str(record.meeting.pk)]
    assert [m["id"].rsplit("/", 1)[1] for m in theirs["data"]] == [str(board.pk)]


def test_an_exempt_item_keeps_only_its_title(api, record):
    item = fetch(api, f"http://testserver/api/v1/agenda-items/{record.exempt_item.pk}")
    assert item["name"] == "Operational Summary"
    assert item["public"] is False
    assert {"consultation", "resolutionText", "scrutiny:description"} & item.keys() == set()


def test_the_tracker_and_grants_are_reached_from_the_system(api, record):
    system = fetch(api, "http://testserver/api/v1/")
    items = fetch(api, system["scrutiny:trackedItemList"])
    item = next(i for i in items["data"] if i["title"] == "Written response on the plan")
    assert item["type"] == f"{EXTENSION_SCHEMA}TrackedItem"
    assert item["meeting"].endswith(f"/api/v1/meetings/{record.meeting.pk}")
    response = fetch(api, item["response"][0])
    assert response["text"] == "The Commissioner will include the figures."
    assert response["status"] == "accepted"
    review = fetch(api, response["review"][0])
    assert review["outcome"] == "accepted"
    assert "reason" not in review

    grants = fetch(api, system["scrutiny:grantList"])
    grant = grants["data"][0]
    assert grant["type"] == f"{EXTENSION_SCHEMA}Grant"
    assert grant["amountAwarded"] == 10000
    assert grant["threeSixtyGiving"] == system["scrutiny:threeSixtyGiving"]
    assert system["scrutiny:threeSixtyGiving"] == "http://testserver/grants/360giving.json"
    giving = api.get("/grants/360giving.json").json()
    assert grant["identifier"] in {g["id"] for g in giving["grants"]}


def test_people_are_published_by_name_only(api, record):
    person = fetch(api, f"http://testserver/api/v1/people/{record.person.pk}")
    assert person["name"] == "Mrs D. Taylor CC"
    assert person["membership"][0]["role"] == "Chairman"
    assert person["membership"][0]["scrutiny:body"].endswith(f"/bodies/{record.body.pk}")
    assert {"email", "phone"} & person.keys() == set()
    omitted = fetch(api, f"http://testserver/api/v1/people/{record.person.pk}?omit_internal=true")
    assert "membership" not in omitted
