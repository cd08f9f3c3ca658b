# ruff: noqa: E501  (verbatim clauses from the seeds are longer than a line)
"""The seeds, exactly: every minute item, point noted and RESOLVED clause of the minutes of
28 October 2024 (in the agenda pack of 2 December 2024, seed 003) and of 28 July 2020 (in the
pack of 1 October 2020, seed 004), with the agendas of both packs.

Points are checked by label, opening words, closing words and source lines; clauses in full.
"""

from __future__ import annotations

import datetime

import pytest

from meetings.importer.parser import ParsedDocument, as_json

# (number, title, [(label, starts, ends, lines)], [(label, kind, trackable, addressee, text)],
#  [(addressee, action starts)])
MINUTES_2024 = [
    (
        "24",
        "Minutes of the previous meeting.",
        [],
        [],
        [],
    ),
    (
        "25",
        "Public Question Time.",
        [],
        [],
        [],
    ),
    (
        "26",
        "To advise of any other items which the Chairman has decided to take as urgent elsewhere on the agenda.",
        [],
        [],
        [],
    ),
    (
        "27",
        "Declarations of interest in respect of items on the agenda.",
        [],
        [],
        [],
    ),
    (
        "28",
        "Police and Crime Commissioner's update.",
        [
            (
                "(i)",
                "The PCC confirmed that the effectiveness",
                "local authorities not the PCC.",
                [103, 105],
            ),
            (
                "(ii)",
                "With regards to an increase in requests ",
                "alysis of the complaints data.",
                [107],
            ),
            (
                "(iii)",
                "A question was raised regarding how the ",
                "metrics within future reports.",
                [108],
            ),
            (
                "(iv)",
                "In response to a query from a member abo",
                " the funding process had gone.",
                [109],
            ),
            (
                "(v)",
                "With regards to community projects that ",
                "he PCC agreed to this request.",
                [110],
            ),
        ],
        [
            (
                "",
                "note",
                False,
                None,
                "That the contents of the Police and Crime Commissioner's update be noted.",
            ),
        ],
        [
            ("OPCC", "The Panel would be kept updated of performance rel"),
            ("PCC", "With regards to community projects that the PCC fu"),
        ],
    ),
    (
        "29",
        "Presentation of a New Draft Police and Crime Plan.",
        [
            (
                "(i)",
                "The Panel were supportive of the work un",
                " Panel had been covered in it.",
                [122],
            ),
            (
                "(ii)",
                "The Panel welcomed that the approach of ",
                " fourteen Delivery Strategies.",
                [123],
            ),
            (
                "(iii)",
                "Whilst there had been a good overall res",
                "uments into various languages.",
                [125],
            ),
            (
                "(iv)",
                "The Panel were pleased that the Plan set",
                "he attention of Panel members.",
                [126],
            ),
            (
                "(v)",
                "It was suggested that anti-social behavi",
                "reater prominence in the Plan.",
                [127],
            ),
        ],
        [
            (
                "(a)",
                "note",
                False,
                None,
                "That the contents of the report and the draft Police and Crime Plan for 2025 to 2029 be noted.",
            ),
            (
                "(b)",
                "refer_comments",
                True,
                "panel",
                "That a written summary of the comments made by the Panel relating to the draft Police and Crime Plan for 2025 to 2029 be sent to the Office of the Police and Crime Commissioner.",
            ),
            (
                "(c)",
                "request_response",
                True,
                "PCC",
                "That the PCC be requested to submit a written response addressing the comments made by the Panel relating to the draft Police and Crime Plan for 2025 to 2029.",
            ),
        ],
        [],
    ),
    (
        "30",
        "Corporate Governance Board.",
        [
            (
                "(i)",
                "Concern was raised relating to a high va",
                "ek assurances where necessary.",
                [141],
            ),
            (
                "(ii)",
                "The PCC assured the Panel that the savin",
                "amme and sustainability plans.",
                [142, 144],
            ),
        ],
        [
            (
                "",
                "note",
                False,
                None,
                "That the update in relation to the Corporate Governance Board be noted.",
            ),
        ],
        [],
    ),
    (
        "31",
        "Violence Reduction Network Annual Report.",
        [
            (
                "(i)",
                "The Chairman commended the work of the V",
                "ns relating to future funding.",
                [156],
            ),
            (
                "(ii)",
                "Concern was raised over the visual acces",
                "ort would be fully accessible.",
                [157],
            ),
            (
                "(iii)",
                "The Annual Report stated that there had ",
                "percentages in future reports.",
                [158],
            ),
        ],
        [
            (
                "(a)",
                "refer_comments",
                True,
                "OPCC",
                "That the OPCC be requested to pass on the comments made by the Panel relating to the Violence Reduction Network (VRN) Annual Report 2023/24 to the VRN.",
            ),
            (
                "(b)",
                "note",
                False,
                None,
                "That the overview of how the Police and Crime Commissioner is fulfilling his responsibilities in relation to the requirement for the Violence Reduction Network (VRN) to publish an annual report, be noted.",
            ),
        ],
        [
            ("PCC", "The PCC agreed and stated that he would report thi"),
            ("PCC", "The Chairman requested that figures be included al"),
        ],
    ),
    (
        "32",
        "Prison Early Release Scheme",
        [
            (
                "(i)",
                "The Chairman raised concern regarding th",
                "hat it had not been necessary.",
                [171],
            ),
            (
                "(ii)",
                "A Panel member raised concerns that due ",
                " with confirmation in writing.",
                [172],
            ),
        ],
        [
            (
                "(a)",
                "note",
                False,
                None,
                "That the update in relation to the Office of the Police and Crime Commissioner (OPCC) approach to the Prison Early release scheme and how the impact of this was being managed, be noted.",
            ),
            (
                "(b)",
                "request_response",
                True,
                "PCC",
                "That the Police and Crime Commissioner be requested to seek assurances from the Chief Constable that there had been clear messaging to the Force that the criteria for making arrests had not changed as a result of the Early Release Scheme, and then provide the Chairman of the Panel with confirmation of this in writing.",
            ),
        ],
        [
            ("PCC", "The PCC stated that he would contact the Chief Con"),
        ],
    ),
    (
        "33",
        "Date of next meeting.",
        [],
        [
            (
                "",
                "date_noted",
                False,
                None,
                "It was noted that the next meeting of the Panel would be held on 2 December at 2:00pm.",
            ),
        ],
        [],
    ),
]

MINUTES_2020 = [
    (
        "13",
        "ELECTION OF CHAIRMAN",
        [],
        [
            (
                "1.",
                "elect",
                False,
                None,
                "That Joe Orson be elected as Chairman of the Leicester, Leicestershire and Rutland Police and Crime Panel for the municipal year 2020/21.",
            ),
        ],
        [],
    ),
    (
        "14",
        "ELECTION OF VICE CHAIRMAN",
        [],
        [
            (
                "2.",
                "elect",
                False,
                None,
                "That Elaine Pantling be elected as Vice-Chairman for the municipal year 2020/21.",
            ),
        ],
        [],
    ),
    (
        "15",
        "APOLOGIES FOR ABSENCE",
        [],
        [],
        [],
    ),
    (
        "16",
        "DECLARATIONS OF INTEREST",
        [],
        [],
        [],
    ),
    (
        "17",
        "MINUTES OF THE LAST MEETING 15TH JUNE 2020",
        [],
        [
            (
                "",
                "confirm_minutes",
                False,
                None,
                "That the minutes of the meeting held 15th June 2020 be confirmed as an accurate record.",
            ),
        ],
        [],
    ),
    (
        "18",
        "PUBLIC QUESTIONS",
        [],
        [],
        [],
    ),
    (
        "19",
        "QUARTER 4 FORCE PERFORMANCE EXCEPTION REPORT 1 JAN 2020 -31 MAR 2020",
        [
            (
                "",
                "Violence with Injury offences had seen a",
                "year indicated a 25% increase.",
                [196],
            ),
            (
                "",
                "The increase in these offences was attri",
                "s (ABH, Violence with Injury).",
                [197],
            ),
            (
                "",
                "Burglary Residential offences were showi",
                "ear indicating a 21% decrease.",
                [198],
            ),
            (
                "",
                "Stalking and Harassment offences showed ",
                "ear indicating a 18% increase.",
                [199],
            ),
            (
                "",
                "In relation to the increased reporting o",
                "crime reports remained stable.",
                [203],
            ),
            (
                "",
                "The purpose of providing comparison data",
                " call handling response times.",
                [204],
            ),
            (
                "",
                "It was suggested that the report could b",
                "her than a statistical manner.",
                [205],
            ),
            (
                "",
                "Regarding the missing person data and ho",
                "ters for a variety of reasons.",
                [206],
            ),
            (
                "",
                "In terms of harassment and stalking offe",
                "ime such as domestic violence.",
                [212],
            ),
            (
                "",
                "It was noted that there had been a sligh",
                " linked to neighbour disputes.",
                [213],
            ),
            (
                "",
                "In relation to Stop and Search data, eac",
                "rches by an independent panel.",
                [214],
            ),
            (
                "",
                "Stop and Search was carried out in areas",
                "ate to the volume of searches.",
                [215],
            ),
            (
                "",
                "The use of Prevention Orders had risen b",
                "buse and control of offenders.",
                [216],
            ),
        ],
        [
            (
                "1.",
                "request_information",
                True,
                "Chief Constable",
                "That the Chief Constable provide a breakdown of the missing person data related to Looked After Children to panel members.",
            ),
            (
                "2.",
                "endorse",
                False,
                None,
                "That the proposals for further analysis of exceptions be supported,",
            ),
            ("3.", "note", False, None, "That the contents of the report be noted."),
        ],
        [
            ("Chief Constable", "Chief Constable to provide a breakdown of the miss"),
        ],
    ),
    (
        "20",
        "PEER MENTORING WITHIN SUBSTANCE MISUSE PROVISION - DEAR ALBERT REPORT",
        [
            (
                "",
                "within a relatively small area of Leices",
                "int; Number 5 and Dear Albert.",
                [230, 232],
            ),
            (
                "",
                "Dear Albert, provided mentoring to peopl",
                " provision for younger people.",
                [234],
            ),
            (
                "",
                "Dear Alberts approach was unique as the ",
                "addiction to drugs or alcohol.",
                [235],
            ),
            (
                "",
                'PCC Funding had expanded the "through th',
                "nd supported in the community.",
                [236],
            ),
            (
                "",
                "The Violence Reduction Network were also",
                "effective violence prevention.",
                [237],
            ),
        ],
        [
            (
                "1.",
                "other",
                True,
                "panel",
                "That arrangements be made for panel members to visit Dear Albert once lockdown and social distancing measures had eased.",
            ),
            ("2.", "note", False, None, "That the contents of the report be noted."),
        ],
        [],
    ),
    (
        "21",
        "VIOLENCE REDUCTION NETWORK OVERVIEW",
        [
            (
                "",
                "This was an important piece of work reli",
                " serious violence in the area.",
                [258],
            ),
            (
                "",
                "The Home Office prescribed the function ",
                "luntary and community sectors.",
                [259],
            ),
            (
                "",
                "There had been significant progress and ",
                "nity groups and organisations.",
                [260],
            ),
            (
                "",
                "The VRN continued to focus on serious vi",
                " activity within each project.",
                [261, 263],
            ),
            (
                "",
                "The VRN were monitoring the three succes",
                "ack has been received to date.",
                [265],
            ),
            (
                "",
                "In relation to planned work with childre",
                " ensure we reduce reoffending.",
                [271],
            ),
            (
                "",
                "In terms of seeing the impact of initiat",
                "h panel members in future too.",
                [272],
            ),
            (
                "",
                "Work was ongoing to develop and review p",
                "nd exclusion rates in schools.",
                [278],
            ),
            (
                "",
                "A core principle of VRN was to link with",
                "rly Help to avoid duplication.",
                [279],
            ),
            (
                "",
                "It was planned to spend around £364k on ",
                " expenditure with other VRN's.",
                [280],
            ),
        ],
        [
            ("1.", "note", False, None, "That the contents of the report be noted."),
            (
                "2.",
                "request_information",
                True,
                "OPCC",
                "That officers provide more evidence in future reports of working with Young People and the impact of that work upon reducing crime.",
            ),
            (
                "3.",
                "request_information",
                True,
                None,
                "That the Young People Involvement Strategy be shared with panel members.",
            ),
            (
                "4.",
                "request_information",
                True,
                "OPCC",
                "That officers explore other VRN expenditure on interventions and provide a comparison of VRN units across England/Wales.",
            ),
        ],
        [
            (None, "to provide more performance data in future reports"),
            (None, "to share the Young People Involvement Strategy wit"),
            ("OPCC", "Grace Strong to explore other VRN expenditure and "),
        ],
    ),
    (
        "22",
        "ETHICS COMMITTEE ANNUAL REPORT",
        [],
        [
            ("", "note", False, None, "That the contents of the report be noted."),
        ],
        [],
    ),
    (
        "23",
        "ANY OTHER URGENT BUSINESS",
        [],
        [
            (
                "1.",
                "note",
                False,
                None,
                "That the financial liability and its impact on the OPCC budget approved in February 2020 be noted,",
            ),
            (
                "2.",
                "write_letter",
                True,
                "panel",
                "That a letter be written to the Home Secretary to request support and financial assistance to meet the anticipated financial liability,",
            ),
            (
                "3.",
                "schedule_update",
                True,
                None,
                "That an update on the financial position be provided to the next meeting on 1st October 2020.",
            ),
        ],
        [
            ("panel", "Panel members were satisfied that Leicestershire P"),
            ("OPCC", "The Chairman asked officers to provide a brief upd"),
        ],
    ),
    (
        "24",
        "DATE OF NEXT MEETING",
        [],
        [],
        [],
    ),
]


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


def _check_minutes(document: ParsedDocument, expected: list) -> None:
    assert [(i.number, i.title) for i in document.items] == [(e[0], e[1]) for e in expected]
    for item, (number, _title, points, clauses, actions) in zip(
        document.items, expected, strict=True
    ):
        got_points = [(p.label, p.text, p.lines) for p in item.points]
        assert len(got_points) == len(points), number
        for (label, text, lines), (e_label, starts, ends, e_lines) in zip(
            got_points, points, strict=True
        ):
            assert (label, lines) == (e_label, e_lines), (number, text)
            assert text.startswith(starts) and text.endswith(ends), (number, text)
        assert [
            (r.label, r.kind, r.trackable, r.addressee, r.text) for r in item.resolutions
        ] == clauses, number
        assert [(a.addressee, a.text[:50]) for a in item.actions] == actions, number


def test_minutes_of_28_october_2024_exactly(pack_2024: ParsedDocument) -> None:
    _check_minutes(pack_2024, MINUTES_2024)
    assert pack_2024.warnings == []


def test_minutes_of_28_july_2020_exactly(pack_2020: ParsedDocument) -> None:
    _check_minutes(pack_2020, MINUTES_2020)
    assert pack_2020.warnings == []


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


def test_attendees_2024(pack_2024: ParsedDocument) -> None:
    people = [(a.name, a.capacity, a.role) for a in pack_2024.attendees]
    assert people[0] == ("Mrs D. Taylor CC", "present", "Chair")
    assert [p[0] for p in people if p[1] == "present"][1:] == [
        "Cllr. Liz Blackshaw",
        "Parisha Chavda",
        "Cllr. Sarah Cox",
        "Cllr. Jenny Joannou",
        "Cllr. Ravi Mahesh",
        "Salma Manzoor",
        "Cllr. Michael Mullaney",
        "Cllr. Les Phillimore",
        "Cllr. Sarah Russell",
        "Cllr. Christine Wise",
        "Cllr. Andrew Woodman",
    ]
    assert [p for p in people if p[1] == "in attendance"] == [
        ("Rupert Matthews", "in attendance", "Police and Crime Commissioner"),
        ("Rani Mahal", "in attendance", "Deputy Police and Crime Commissioner"),
        (
            "Claire Trewartha",
            "in attendance",
            "Chief Executive, Office of the Police and Crime Commissioner",
        ),
    ]
    assert pack_2024.attendees[0].line == 58


def test_attendees_2020_split_from_run_on_lines(pack_2020: ParsedDocument) -> None:
    present = [(a.name, a.role) for a in pack_2020.attendees if a.capacity == "present"]
    assert present[:4] == [
        ("Cllr Orson", "Chair"),
        ("Cllr Pantling", "Vice-Chair"),
        ("Cllr Kaur Saini", None),
        ("Cllr Leigh Harper-Davies", None),
    ]
    assert len(present) == 14 and present[-1] == ("Ms Lalani", None)
    attending = [(a.name, a.role) for a in pack_2020.attendees if a.capacity == "in attendance"]
    assert attending == [
        ("Lord Bach", "Police and Crime Commissioner"),
        ("Kirk Master", "Deputy Police and Crime Commissioner"),
        ("Simon Cole", "Chief Constable, Leicestershire Police"),
        ("Paul Dawkins", "Chief Finance Officer (temp), OPCC"),
        ("Simon Down", "Head of Strategy and Commissioning, OPCC"),
        ("Grace Strong", "Performance Manager, OPCC"),
        ("Andrew Furlong", "Advisor to Lord Bach, OPCC"),
        ("Angela Perry", "Executive Director, OPCC"),
        ("Kamal Adatia", "Monitoring Officer"),
    ]
    apologies = [(a.name, a.line) for a in pack_2020.attendees if a.capacity == "apologies"]
    assert apologies == [("Simon Whelband", 168)]


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


def test_inline_action_repeating_a_resolution_is_flagged(pack_2020: ParsedDocument) -> None:
    item_19 = pack_2020.items[6]
    assert item_19.actions[0].source == "action_line"
    assert item_19.actions[0].duplicates == "1."
    assert item_19.actions[0].lines == [208]


def test_json_shape_for_29c(pack_2024: ParsedDocument) -> None:
    data = as_json(pack_2024)
    item = next(i for i in data["items"] if i["number"] == "29")
    assert item["resolutions"][2] == {
        "label": "(c)",
        "text": "That the PCC be requested to submit a written response addressing the comments "
        "made by the Panel relating to the draft Police and Crime Plan for 2025 to 2029.",
        "kind": "request_response",
        "trackable": True,
        "addressee": "PCC",
    }
    assert data["meeting"] == {
        "body": "Leicester, Leicestershire and Rutland Police and Crime Panel",
        "date": "2024-10-28",
        "start_time": "14:00",
        "end_time": "14:57",
        "venue": "County Hall, Glenfield",
    }


@pytest.mark.parametrize(
    ("number", "label"),
    [("28", None), ("33", None)],
)
def test_unlabelled_clauses_have_null_label_in_json(
    pack_2024: ParsedDocument, number: str, label: str | None
) -> None:
    item = next(i for i in as_json(pack_2024)["items"] if i["number"] == number)
    assert item["resolutions"][0]["label"] is label
