# ruff: noqa: E501  (verbatim clauses from the seeds are longer than a line)
"""The seed of 2024, exactly: every minute item, point noted and RESOLVED clause of the minutes of
28 October 2024 (in the agenda pack of 2 December 2024, seed 003).

Points are checked by label, opening words, closing words and source lines; clauses in full.
"""

from __future__ import annotations

from imports.parser import ParsedDocument
from tests.imports.conftest import check_minutes

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


def test_minutes_of_28_october_2024_exactly(pack_2024: ParsedDocument) -> None:
    check_minutes(pack_2024, MINUTES_2024)
    assert pack_2024.warnings == []
