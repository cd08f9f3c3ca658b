# ruff: noqa: E501  (verbatim clauses from the seeds are longer than a line)
"""The seed of 2020, exactly: every minute item, point noted and RESOLVED clause of the minutes of
28 July 2020 (in the pack of 1 October 2020, seed 004).

Points are checked by label, opening words, closing words and source lines; clauses in full.
"""

from __future__ import annotations

from imports.parser import ParsedDocument
from tests.imports.conftest import check_minutes

# (number, title, [(label, starts, ends, lines)], [(label, kind, trackable, addressee, text)],
#  [(addressee, action starts)])
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


def test_minutes_of_28_july_2020_exactly(pack_2020: ParsedDocument) -> None:
    check_minutes(pack_2020, MINUTES_2020)
    assert pack_2020.warnings == []
