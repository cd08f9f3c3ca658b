"""The agendas of both seed packs (2 December 2024, seed 003; 1 October 2020, seed 004), and the
agenda items the minutes cite (imports.parser.agenda)."""

from __future__ import annotations

import datetime

from imports.parser import ParsedDocument

AGENDA_2024 = [
    ("1", "Minutes of the meeting held on 28 October 2024.", 3, 8),
    ("2", "Public Question Time.", None, None),
    (
        "3",
        "To advise of any other items which the Chairman has decided to take as urgent elsewhere "
        "on the agenda.",
        None,
        None,
    ),
    ("4", "Declarations of interest in respect of items on the agenda.", None, None),
    ("5", "Police and Crime Commissioner's Update", 9, 24),
    ("6", "Deputy Police and Crime Commissioner's Update.", 25, 34),
    ("7", "Corporate Governance Board.", 35, 58),
    ("8", "Annual Scrutiny Reports.", 59, 90),
    ("9", "Rape Offences.", 91, 100),
    ("10", "Commissioning Update.", 101, 116),
    ("11", "Finance Update.", 117, 118),
    (
        "12",
        "Update on how the Police and Crime Commissioner and Police Force are implementing the "
        "recommendations that were provided as part of the Police and Crime Panel Tasking Group "
        "S106 Funding Review.",
        119,
        122,
    ),
    ("13", "Annual Complaints Report.", 123, 126),
    ("14", "Date of next meeting.", None, None),
    ("15", "Any other items which the Chairman has decided to take as urgent.", None, None),
]

# The 2020 City agenda prints no page ranges; its "Item N" page labels are taken out of titles.
AGENDA_2020 = [
    ("1", "APOLOGIES FOR ABSENCE"),
    ("2", "DECLARATIONS OF INTEREST"),
    ("3", "MINUTES OF THE LAST MEETING 28TH JULY 2020"),
    ("4", "PUBLIC QUESTIONS"),
    ("5", "POLICE & CRIME COMMISSIONERS ANNUAL REPORT"),
    ("6", "REGIONAL COLLABORATION AND PARTNERSHIP WORKING"),
    ("7", "OPCC PERFORMANCE REPORT - QUARTER 1 (1 APRIL 2020 TO 30 JUNE 2020)"),
    ("8", "QUARTER 1 FORCE PERFORMANCE EXCEPTION REPORT 1ST APRIL 2020 - 30TH JUNE 2020"),
    ("9", "IICSA FINANCIAL IMPACT - VERBAL UPDATE"),
    ("10", "DATE OF NEXT MEETING"),
    ("11", "ANY OTHER URGENT BUSINESS"),
]


def test_agenda_of_2_december_2024_with_page_ranges(pack_2024: ParsedDocument) -> None:
    agenda = pack_2024.agenda
    assert agenda is not None
    assert [(i.number, i.title, i.page_start, i.page_end) for i in agenda.items] == AGENDA_2024
    assert agenda.meeting.date == datetime.date(2024, 12, 2)
    assert agenda.meeting.start_time == datetime.time(14, 0)
    assert agenda.meeting.venue == "Sparkenhoe Committee Room, County Hall, Glenfield"
    assert agenda.items[0].line == 33
    assert "5 February 2025" in agenda.items[13].description


def test_agenda_of_1_october_2020(pack_2020: ParsedDocument) -> None:
    agenda = pack_2020.agenda
    assert agenda is not None
    assert [(i.number, i.title) for i in agenda.items] == AGENDA_2020
    assert all(i.page_start is None and i.page_end is None for i in agenda.items)
    assert agenda.meeting.date == datetime.date(2020, 10, 1)
    assert agenda.meeting.start_time == datetime.time(14, 0)
    assert agenda.meeting.venue == "Virtual Meeting using Zoom"
    assert agenda.items[3].description == "None received."


def test_minute_cites_its_agenda_item(pack_2024: ParsedDocument) -> None:
    cited = {i.number: i.agenda_item for i in pack_2024.items if i.agenda_item}
    assert cited == {"28": "5", "29": "6", "30": "7", "31": "8", "32": "9"}
