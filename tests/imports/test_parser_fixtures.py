"""Shapes other secretariats print, from synthetic fixtures written for these tests."""

from __future__ import annotations

import datetime
from typing import Any

from imports.parser import (
    WARN_NO_MINUTES,
    ParsedDocument,
    classify_resolution,
    parse,
    parse_time_range,
)
from tests.imports.conftest import fixture_text


def _clauses(document: ParsedDocument, number: str) -> list[tuple[Any, ...]]:
    item = next(i for i in document.items if i.number == number)
    return [(r.label, r.kind, r.trackable, r.addressee) for r in item.resolutions]


def test_moderngov_page_noise_and_numbers_on_their_own_line() -> None:
    document = parse(fixture_text("moderngov_web.txt"))
    assert [(i.number, i.title) for i in document.items] == [
        ("45", "Minutes of the previous meeting"),
        ("46", "Police and Crime Commissioner's Precept Proposal 2025/26"),
        ("47", "Complaints against the Commissioner"),
        ("48", "Work Programme"),
    ]
    # "(Agenda item 5)" in the heading: agenda and minute numbers differ.
    assert document.items[1].agenda_item == "5"
    assert document.meeting.date == datetime.date(2025, 3, 5)
    assert document.meeting.start_time == datetime.time(10, 30)
    assert document.meeting.end_time == datetime.time(12, 15)
    assert document.meeting.venue == "Council Chamber, Civic Centre, Northmoor"
    assert _clauses(document, "45") == [("", "confirm_minutes", False, None)]
    # UNANIMOUSLY RESOLVED; the lettered list before it is points noted, not resolutions.
    assert [p.label for p in document.items[1].points] == ["(a)", "(b)"]
    assert _clauses(document, "46") == [
        ("(a)", "endorse", False, None),
        ("(b)", "request_information", True, "PCC"),
    ]
    assert document.items[1].actions[0].duplicates == "(b)"
    assert _clauses(document, "47") == [("", "note", False, None)]  # "Resolved:" inline
    assert _clauses(document, "48") == [("", "request_information", True, "Chief Constable")]
    apologies = [a.name for a in document.attendees if a.capacity == "apologies"]
    assert apologies == ["Councillor Ray Lumb", "Councillor Sue Kirk"]
    assert not any("PDF" in i.title for i in document.items)
    assert document.warnings == []


def test_numbered_paragraphs_run_into_text() -> None:
    document = parse(fixture_text("numbered_paragraphs.txt"))
    assert [i.number for i in document.items] == ["1", "2", "3", "4"]
    assert document.meeting.body == "WESTDALE POLICE, FIRE AND CRIME PANEL"
    assert document.meeting.date == datetime.date(2024, 9, 12)
    assert document.meeting.start_time == datetime.time(18, 0)
    assert document.meeting.end_time == datetime.time(19, 40)
    minutes = document.items[1].resolutions[0]
    assert (minutes.label, minutes.kind) == ("2.1.1", "confirm_minutes")
    assert minutes.text.startswith("That the minutes of the meeting held on 11 July 2024")
    assert _clauses(document, "3") == [
        ("3.3.1", "recommendation", True, "PCC"),
        ("3.3.2", "endorse", False, None),
    ]
    # "a." / "b." under "Members noted that:" are points, and "3.1" paragraph numbers are not.
    assert [(p.label, p.text[:8]) for p in document.items[2].points] == [
        ("a.", "response"),
        ("b.", "the rura"),
    ]
    assert _clauses(document, "4") == [("4.1", "note", False, None)]
    assert [a.name for a in document.attendees if a.capacity == "apologies"] == ["Cllr B. Young"]
    assert [a.name for a in document.attendees if a.capacity == "present"] == [
        "Cllr K. Osei",
        "Cllr M. Rowe",
        "Cllr L. Grant",
        "Dr P. Nair",
    ]


def test_pdf_text_with_glued_words_and_wrapped_lines() -> None:
    document = parse(fixture_text("pdf_glued.txt"))
    assert [(i.number, i.title) for i in document.items] == [
        ("12", "Minutes of the last meeting"),
        ("13", "Proposed Precept 2025/26"),
        ("14", "Date of next meeting"),
    ]
    confirm = document.items[0].resolutions[0]
    assert confirm.text == (
        "That the minutes of the meeting held on 6 January 2025 be confirmed as an accurate record."
    )
    assert confirm.lines == [10, 11]
    assert [p.text for p in document.items[1].points] == [
        "the consultation had received 2,100 responses, of which 61% supported an increase;",
        "the Commissioner undertook to circulate the full consultation results to members.",
    ]
    assert document.items[1].resolutions[1].text == (
        "That the Commissioner be requested to circulate the full consultation results to "
        "members of the Panel."
    )
    assert _clauses(document, "13") == [
        ("1.", "approve", False, None),
        ("2.", "request_information", True, "PCC"),
    ]
    assert _clauses(document, "14") == [("", "date_noted", False, None)]
    assert document.meeting.venue == "County Offices, Eastbridge"
    assert (document.meeting.start_time, document.meeting.end_time) == (
        datetime.time(14, 0),
        datetime.time(15, 45),
    )
    attending = [(a.name, a.role) for a in document.attendees if a.capacity == "in attendance"]
    assert attending == [
        ("Alex Moor", "Police and Crime Commissioner"),
        ("Bea Hart", "Chief Constable, Eastshire Police"),
    ]


def test_resolutions_without_a_heading() -> None:
    document = parse(fixture_text("no_heading_resolutions.txt"))
    assert _clauses(document, "7") == [("", "confirm_minutes", False, None)]
    item = document.items[1]
    assert [p.label for p in item.points] == ["(a)", "(b)", "(c)"]
    assert _clauses(document, "8") == [
        ("(a)", "note", False, None),
        ("(b)", "request_information", True, "Chief Constable"),
    ]
    assert [(a.addressee, a.text[:30]) for a in item.actions] == [
        ("Chief Constable", "The Deputy Chief Constable sta"),
        ("PCC", "A member asked that future rep"),
    ]
    assert item.agenda_item == "6"


def test_broken_numbering_gives_warnings_not_errors() -> None:
    document = parse(fixture_text("broken_numbering.txt"))
    assert [i.number for i in document.items] == ["3", "5", "6", "7"]
    assert document.warnings == [
        "Line 14: minute 5 follows minute 3; 4 is missing.",
        "Line 28: RESOLVED is followed by no resolution in minute 6.",
        "Minute 5: resolution label (c) is used twice.",
        "Minute 5: resolution (c) follows (a).",
    ]


def test_text_without_minutes_is_a_warning() -> None:
    document = parse(fixture_text("no_minutes.txt"))
    assert document.items == []
    assert document.warnings == [WARN_NO_MINUTES]


def test_empty_text() -> None:
    document = parse("")
    assert document.items == [] and document.warnings == [WARN_NO_MINUTES]


def test_control_characters_are_warned_about() -> None:
    document = parse("Minutes of a meeting of the X Panel\x00\x01\n\n1. Title\n\nRESOLVED: That A.")
    assert document.warnings[0].startswith("The text contains control characters")
    assert [i.title for i in document.items] == ["Title"]


def test_agenda_report_by_column() -> None:
    text = (
        "Meeting: Northmoor Police and Crime Panel\n"
        "Date/Time: Wednesday, 4 June 2025 at 10.00 am\n"
        "Venue: Council Chamber\n\nAGENDA\n\n"
        "Item\tReport by\n"
        "1. Minutes of the meeting held on 5 March 2025.\t\t(Pages 1 - 6)\n"
        "2. Precept Monitoring\tChief Finance Officer\t(Pages 7 - 12)\n"
        "3. Estates Strategy\n"
        "Report of the Police and Crime Commissioner\n"
    )
    agenda = parse(text).agenda
    assert agenda is not None
    assert [(i.number, i.title, i.report_by, i.page_start, i.page_end) for i in agenda.items] == [
        ("1", "Minutes of the meeting held on 5 March 2025.", None, 1, 6),
        ("2", "Precept Monitoring", "Chief Finance Officer", 7, 12),
        ("3", "Estates Strategy", "the Police and Crime Commissioner", None, None),
    ]
    assert agenda.meeting.start_time == datetime.time(10, 0)


def test_time_range_takes_the_meridiem_of_its_end() -> None:
    assert parse_time_range("2.00 - 2.57 pm") == (datetime.time(14, 0), datetime.time(14, 57))
    assert parse_time_range("11.00 am - 1.30 pm") == (datetime.time(11), datetime.time(13, 30))
    assert parse_time_range("11.00 - 1.30 pm") == (datetime.time(11), datetime.time(13, 30))
    assert parse_time_range("Item 2 - 3 pm things") is None


def test_classification_of_common_clauses() -> None:
    cases = {
        "That the report be noted.": ("note", False, None),
        "That the Chief Constable be requested to report back to the Panel in six months.": (
            "schedule_update",
            True,
            "Chief Constable",
        ),
        "That the Chair write to the Home Secretary about funding.": (
            "write_letter",
            True,
            "panel",
        ),
        "That the OPCC provide members with the grant list.": (
            "request_information",
            True,
            "OPCC",
        ),
        "That the Panel recommends that the PCC review the estates strategy.": (
            "recommendation",
            True,
            "PCC",
        ),
        "That the proposed precept of £14 be approved.": ("approve", False, None),
    }
    for text, (kind, trackable, addressee) in cases.items():
        got = classify_resolution(text)
        assert (got[0], got[3], got[2]) == (kind, trackable, addressee), text


def test_labelled_header_lines_and_an_actions_list() -> None:
    document = parse(fixture_text("colon_headings.txt"))
    meeting = document.meeting
    assert (meeting.body, meeting.date, meeting.start_time, meeting.end_time, meeting.venue) == (
        "RIVERSHIRE POLICE AND CRIME PANEL",
        datetime.date(2025, 1, 16),
        datetime.time(10, 0),
        datetime.time(12, 5),
        "Committee Room 1, Shire Hall",
    )
    assert [(a.name, a.capacity) for a in document.attendees] == [
        ("Councillor P Jones", "present"),
        ("Councillor R Smith", "present"),
        ("Mrs T Evans", "present"),
        ("Kay Lin", "in attendance"),
        ("Councillor D Wu", "apologies"),
    ]
    assert [i.number for i in document.items] == ["1", "2", "3", "4"]
    # "1)" and "2)" under "Questions were raised about:" are points, not minute headings.
    assert [p.label for p in document.items[1].points] == ["1)", "2)"]
    assert _clauses(document, "2") == [
        ("(1)", "endorse", False, None),
        ("(2)", "schedule_update", True, "PCC"),
    ]
    assert _clauses(document, "3") == [("", "confirm_minutes", False, None)]
    actions = document.items[3].actions
    assert [(a.addressee, a.text, a.source) for a in actions] == [
        (
            "Chief Constable",
            "Supt Khan to circulate the hate crime dashboard to members.",
            "action_line",
        )
    ]
    assert document.items[3].agenda_item == "7"
    assert document.warnings == []
