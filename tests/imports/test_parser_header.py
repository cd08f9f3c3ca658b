"""The meeting each seed's minutes heading names: body, date, times and venue
(imports.parser.header)."""

from __future__ import annotations

import datetime

from imports.parser import ParsedDocument


def test_meeting_details_2024(pack_2024: ParsedDocument) -> None:
    meeting = pack_2024.meeting
    assert meeting.body == "Leicester, Leicestershire and Rutland Police and Crime Panel"
    assert meeting.date == datetime.date(2024, 10, 28)
    assert (meeting.start_time, meeting.end_time) == (datetime.time(14, 0), datetime.time(14, 57))
    assert meeting.venue == "County Hall, Glenfield"
    assert pack_2024.minutes_line == 54


def test_meeting_details_2020(pack_2020: ParsedDocument) -> None:
    meeting = pack_2020.meeting
    assert meeting.body == "LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL"
    assert meeting.date == datetime.date(2020, 7, 28)
    # "at 1:00 pm" in the heading; "the meeting closed at 3.30pm" at the end.
    assert (meeting.start_time, meeting.end_time) == (datetime.time(13, 0), datetime.time(15, 30))
    assert meeting.venue == "Virtual meeting using Zoom"
