"""Each panel's directory at scale: its bodies (the panel, its task groups, the board), the
organisations it deals with and the people on the panel."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.models import Panel
from meetings.models import Body, Membership, Organisation, Person

from .writer import Row, Writer

SCALE_SLUG = "scale-"
# The board's slug, as governance.selectors.BOARD_SLUG spells it (a board already in the panel,
# the demo's, is the one its scale meetings belong to).
BOARD_SLUG = "cgb"
APPLICANTS = 40
MEMBERS = 12
APPLICANT_KINDS = (Organisation.Kind.CHARITY, Organisation.Kind.CIC, Organisation.Kind.COMMUNITY)


@dataclass(frozen=True)
class BodyRef:
    id: int
    prefix: str


@dataclass
class Directory:
    panel: Panel
    bodies: list[BodyRef]  # the panel first, then its task groups
    board: BodyRef
    opcc: int  # the commissioner's office (an organisation)
    applicants: list[int]  # organisations that apply for grants


def directory_seed(writer: Writer, panel: Panel, groups: int, since: datetime.date) -> Directory:
    """The panel's bodies (its own, `groups` task groups, the board if it has none), its
    organisations and people, and the people's memberships of the panel since `since`. A panel
    that has its own panel body already (the demo's) gets a second one, marked as scale data."""
    taken = set(Body.all_panels.filter(panel=panel).values_list("name", flat=True))
    board_id = Body.all_panels.filter(panel=panel, slug=BOARD_SLUG).values_list("pk", flat=True)
    rows: list[Row] = [
        {
            "slug": f"{SCALE_SLUG}panel",
            "name": f"{panel.name} (scale data)" if panel.name in taken else panel.name,
            "short_name": "PFCP" if panel.kind == Panel.Kind.PFCP else "PCP",
            "kind": Body.Kind.PANEL,
            "reference_prefix": "SP",
        },
        *(
            {
                "slug": f"{SCALE_SLUG}group-{n}",
                "name": f"Scale data task group {n}",
                "short_name": f"TG{n}",
                "kind": Body.Kind.TASK_GROUP,
                "reference_prefix": f"ST{n}",
            }
            for n in range(1, groups + 1)
        ),
    ]
    board = "Corporate Governance Board"
    if not board_id:
        rows.append(
            {
                "slug": BOARD_SLUG,
                "name": f"{board} (scale data)" if board in taken else board,
                "short_name": "CGB",
                "kind": Body.Kind.BOARD,
                "reference_prefix": "CGB",
            }
        )
    for row in rows:
        row.update(id=writer.next_id(Body), panel_id=panel.pk)
    writer.insert(Body, rows)
    refs = [BodyRef(row["id"], row["reference_prefix"]) for row in rows]
    board_ref = BodyRef(board_id[0], "CGB") if board_id else refs.pop()
    organisations = _organisations(writer, panel)
    _people(writer, panel, refs[0].id, organisations[0], since)
    return Directory(panel, refs, board_ref, organisations[1], organisations[3:])


def _organisations(writer: Writer, panel: Panel) -> list[int]:
    """The host council, the PCC's office, the force, then the applicants for grants."""
    named = [
        (Organisation.Kind.COUNCIL, panel.host_authority),
        (Organisation.Kind.OPCC, f"Office of the {panel.commissioner_title} ({panel.police_area})"),
        (Organisation.Kind.POLICE_FORCE, f"{panel.police_area} Police"),
        *(
            (APPLICANT_KINDS[n % len(APPLICANT_KINDS)], f"{panel.police_area} project {n}")
            for n in range(1, APPLICANTS + 1)
        ),
    ]
    rows: list[Row] = [
        {
            "id": writer.next_id(Organisation),
            "panel_id": panel.pk,
            "kind": kind,
            "name": name,
            "slug": f"{SCALE_SLUG}org-{n}",
            "charity_number": f"{1100000 + n}" if kind == Organisation.Kind.CHARITY else "",
        }
        for n, (kind, name) in enumerate(named)
    ]
    writer.insert(Organisation, rows)
    return [row["id"] for row in rows]


def _people(writer: Writer, panel: Panel, body: int, council: int, since: datetime.date) -> None:
    roles = [Membership.Role.CHAIRMAN, Membership.Role.VICE_CHAIRMAN]
    roles += [Membership.Role.COUNCILLOR] * (MEMBERS - 4) + [Membership.Role.INDEPENDENT] * 2
    people, memberships = [], []
    for n, role in enumerate(roles, 1):
        person = writer.next_id(Person)
        people.append(
            {
                "id": person,
                "panel_id": panel.pk,
                "display_name": f"Member {n} ({panel.police_area})",
                "slug": f"{SCALE_SLUG}member-{n}",
                "given_name": "Member",
                "family_name": str(n),
            }
        )
        memberships.append(
            {
                "id": writer.next_id(Membership),
                "panel_id": panel.pk,
                "person_id": person,
                "body_id": body,
                "role": role,
                "represents_id": council if role != Membership.Role.INDEPENDENT else None,
                "start_date": since,
            }
        )
    writer.insert(Person, people)
    writer.insert(Membership, memberships)
