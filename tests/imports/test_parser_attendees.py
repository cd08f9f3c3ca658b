"""Who was present, in attendance or sent apologies in the seeds (imports.parser.attendees)."""

from __future__ import annotations

from imports.parser import ParsedDocument


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
