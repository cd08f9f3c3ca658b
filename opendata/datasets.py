"""What the bulk download holds, declared once: each file, each column, its type, its meaning and
how its value is read. The CSVs and the data dictionary are both written from `DATASETS`, so
they cannot disagree.

Every file begins with `panel` (the panel's code, see panels.csv) and the record's `id`; other
`*_id` columns refer to the `id` of another file, and ids are unique across panels, so the
national files join as the panel files do. A reference may point to a record that is not public
(and so not in the download): a follow-up to a private item, an item raised at a meeting not yet
published.
"""

from __future__ import annotations

from django.urls import reverse

from core.models import Panel
from grants.exports import grant_identifier
from meetings.models import (
    AgendaItem,
    Body,
    Document,
    Meeting,
    Membership,
    Organisation,
    Resolution,
)
from opendata import selectors
from opendata.columns import Column, Dataset, col
from scrutiny.models import Response, Review, TrackedItem


def _ids(noun: str) -> tuple[Column, Column]:
    return (
        col(
            "panel",
            "text",
            "The panel the record belongs to (its code in panels.csv).",
            "panel.slug",
        ),
        col("id", "integer", f"The {noun}'s identifier."),
    )


def _first_host(panel: Panel) -> str:
    hosts = list(panel.hosts.all())  # prefetched, in order
    return hosts[0].name if hosts else ""


PANELS = Dataset(
    "panels.csv",
    "The panels in the download: each is a Police and Crime Panel, the body that scrutinises "
    "its Commissioner.",
    (
        col(
            "panel",
            "text",
            "The panel's code, which every other file's panel column holds.",
            "slug",
        ),
        col("id", "integer", "The panel's identifier."),
        col("name", "text", "The panel's full name."),
        col("short_name", "text", "The name in short."),
        col("kind", "code", "The kind of panel.", codes=Panel.Kind),
        col("police_area", "text", "The police force area the panel covers."),
        col("host_authority", "text", "The council that hosts the panel and publishes its papers."),
        col("commissioner_title", "text", "The title of the office holder the panel scrutinises."),
        col(
            "host",
            "text",
            "The panel's web address (host name); paths in other files are on it.",
            _first_host,
        ),
        col("contact_email", "text", "The panel's public contact address."),
        col("contact_url", "text", "The panel's contact page."),
    ),
    selectors.panels_public,
)

BODIES = Dataset(
    "bodies.csv",
    "Bodies that meet in public or that public tracked items are raised by or addressed to: the "
    "panel, its sub-committees and task groups, boards, offices and forces.",
    (
        *_ids("body"),
        col("name", "text", "The body's name."),
        col("short_name", "text", "Its abbreviation, e.g. PCP, CGB."),
        col("kind", "code", "The kind of body.", codes=Body.Kind),
        col("parent_id", "integer", "The body it belongs to (bodies.csv), if any."),
        col("organisation_id", "integer", "The organisation it belongs to (organisations.csv)."),
        col("description", "text", "What the body does."),
        col(
            "reference_prefix", "text", "The prefix of references of items raised at its meetings."
        ),
    ),
    selectors.bodies_public,
)

ORGANISATIONS = Dataset(
    "organisations.csv",
    "Organisations named in public records: councils, forces, the Commissioner's office, and "
    "recipients of published grants.",
    (
        *_ids("organisation"),
        col("name", "text", "The name as registered."),
        col("trading_as", "text", "The name it trades or operates as, if different."),
        col("kind", "code", "The kind of organisation.", codes=Organisation.Kind),
        col("charity_number", "text", "Its number in the register of charities, if a charity."),
        col("company_number", "text", "Its Companies House number, if a company."),
    ),
    selectors.organisations_public,
)

PEOPLE = Dataset(
    "people.csv",
    "People named in public records (members, attendees, officers). Names only: no contact "
    "details.",
    (
        *_ids("person"),
        col("display_name", "text", "The name as printed, e.g. 'Mrs D. Taylor CC'."),
        col("honorific", "text", "Title, e.g. Cllr, Mrs."),
        col("given_name", "text", "Given name."),
        col("family_name", "text", "Family name."),
        col("post_nominals", "text", "Letters after the name."),
    ),
    selectors.people_public,
)

MEMBERSHIPS = Dataset(
    "memberships.csv",
    "Who held which role on which body, and when.",
    (
        *_ids("membership"),
        col("person_id", "integer", "The person (people.csv)."),
        col("body_id", "integer", "The body (bodies.csv)."),
        col("role", "code", "The role held.", codes=Membership.Role),
        col("title", "text", "The title as printed, e.g. 'Chief Executive, OPCC'."),
        col(
            "represents_id",
            "integer",
            "The appointing council, for councillors (organisations.csv).",
        ),
        col("start_date", "date", "The first day in the role."),
        col("end_date", "date", "The last day in the role; empty while it is held."),
    ),
    selectors.memberships_public,
)

MEETINGS = Dataset(
    "meetings.csv",
    "Public meetings whose agenda or minutes are published.",
    (
        *_ids("meeting"),
        col("body_id", "integer", "The body that met (bodies.csv)."),
        col("title", "text", "The meeting's title, if it has one beyond body and date."),
        col("date", "date", "The day of the meeting."),
        col("start_time", "time", "When it starts."),
        col("end_time", "time", "When it ended."),
        col("venue", "text", "Where it meets."),
        col("mode", "code", "How it meets.", codes=Meeting.Mode),
        col("status", "code", "Where the meeting stands.", codes=Meeting.Status),
        col("cancellation_reason", "text", "Why it was cancelled, if it was."),
        col("webcast_url", "text", "Where it is webcast."),
        col("host_authority_id", "integer", "The council hosting it (organisations.csv)."),
        col("contact_officer_id", "integer", "The officer to contact about it (people.csv)."),
        col("agenda_published_at", "datetime", "When the agenda was published."),
        col("minutes_published_at", "datetime", "When the minutes were published."),
        col("minutes_confirmed_on", "date", "When the minutes were confirmed as a correct record."),
        col(
            "minutes_confirmed_at_id", "integer", "The meeting that confirmed them (meetings.csv)."
        ),
        col(
            "path",
            "text",
            "The meeting's page on the panel's site.",
            lambda m: m.get_absolute_url(),
        ),
    ),
    selectors.meetings_public,
)

AGENDA_ITEMS = Dataset(
    "agenda-items.csv",
    "The items on the agendas of public meetings. An exempt item (taken in private) keeps its "
    "number and title only, as on the published agenda.",
    (
        *_ids("agenda item"),
        col("meeting_id", "integer", "The meeting (meetings.csv)."),
        col(
            "parent_id",
            "integer",
            "The item this is a sub-item of, e.g. 4 for 4a (agenda-items.csv).",
        ),
        col("position", "integer", "Its order on the agenda."),
        col("number", "text", "Its number as printed, e.g. 5, 4a."),
        col("title", "text", "Its title."),
        col("kind", "code", "The kind of item.", codes=AgendaItem.Kind),
        col("description", "text", "What the item is about; empty for an exempt item."),
        col("report_by", "text", "Who reports on it."),
        col("page_start", "integer", "Its first page in the agenda pack."),
        col("page_end", "integer", "Its last page in the agenda pack."),
        col("paper_status", "code", "Whether its paper is out.", codes=AgendaItem.PaperStatus),
        col("exempt", "boolean", "Taken in private: its content and papers are not published."),
        col(
            "minutes_of_id",
            "integer",
            "For 'minutes of the previous meeting': that meeting (meetings.csv).",
        ),
        col("withdrawn_at", "datetime", "When it was withdrawn from the agenda, if it was."),
        col("withdrawn_reason", "text", "Why it was withdrawn."),
    ),
    selectors.agenda_items_public,
)

PAPERS = Dataset(
    "papers.csv",
    "The published papers of public meetings: reports, appendices and the like (the generated "
    "agenda pack and minutes are on each meeting's page). Exempt and withdrawn papers are not "
    "listed.",
    (
        *_ids("paper"),
        col("meeting_id", "integer", "The meeting (meetings.csv)."),
        col(
            "agenda_item_id", "integer", "The agenda item it belongs to, if any (agenda-items.csv)."
        ),
        col("title", "text", "The paper's title."),
        col("kind", "code", "The kind of paper.", codes=Document.Kind),
        col("filename", "text", "The file's name as published.", "original_filename"),
        col("content_type", "text", "The file's media type, e.g. application/pdf."),
        col("size", "integer", "The file's size in bytes."),
        col("sha256", "text", "The SHA-256 digest of the file, in hex."),
        col("page_count", "integer", "Its number of pages, for a PDF."),
        col(
            "supplement",
            "integer",
            "The supplement it was published in (2 = the first), if any.",
            "supplement.number",
        ),
        col("published_at", "datetime", "When it was added.", "created_at"),
        col(
            "path",
            "text",
            "Where to download it on the panel's site.",
            lambda d: reverse("meetings:document-download", args=[d.meeting_id, d.pk]),
        ),
    ),
    selectors.papers_public,
)

MINUTES = Dataset(
    "minutes.csv",
    "The numbered minutes of public meetings whose minutes are published. A minute of an exempt "
    "item keeps its number and heading only.",
    (
        *_ids("minute"),
        col("meeting_id", "integer", "The meeting (meetings.csv)."),
        col("agenda_item_id", "integer", "The agenda item it records (agenda-items.csv)."),
        col("number", "integer", "Its number; numbers run on through the body's municipal year."),
        col("municipal_year", "integer", "The year the municipal year began: 2024 for 2024/25."),
        col("title", "text", "Its heading."),
        col("preamble", "text", "Its opening narrative; empty for an exempt item."),
        col("body_text", "text", "Any further narrative; empty for an exempt item."),
    ),
    selectors.minutes_public,
)

MINUTE_POINTS = Dataset(
    "minute-points.csv",
    "The points noted in the discussion of each published minute (none of an exempt item).",
    (
        *_ids("point"),
        col("minute_id", "integer", "The minute (minutes.csv)."),
        col("position", "integer", "Its order in the minute."),
        col("label", "text", "Its label as printed, e.g. (iii)."),
        col("text", "text", "What was noted."),
    ),
    selectors.minute_points_public,
)

DECISIONS = Dataset(
    "decisions.csv",
    "Resolutions (decisions): each RESOLVED clause of the published minutes, none of an exempt "
    "item.",
    (
        *_ids("decision"),
        col("minute_id", "integer", "The minute it is part of (minutes.csv)."),
        col(
            "meeting_id",
            "integer",
            "The meeting it was made at (meetings.csv).",
            "minute.meeting_id",
        ),
        col("position", "integer", "Its order in the minute."),
        col("label", "text", "Its label as printed, e.g. (c)."),
        col("kind", "code", "What was decided, in kind.", codes=Resolution.Kind),
        col("text", "text", "The resolution as worded."),
        col(
            "path",
            "text",
            "The decision's page on the panel's site.",
            lambda r: r.get_absolute_url(),
        ),
    ),
    selectors.decisions_public,
)

TRACKED_ITEMS = Dataset(
    "tracked-items.csv",
    "Public recommendations, requests and actions, followed to their response. Whether an item "
    "is overdue is not stored: open, awaiting a response and past its due date.",
    (
        *_ids("tracked item"),
        col("reference", "text", "Its reference, e.g. PCP/2024-10-28/29(c)."),
        col("source", "code", "Where it comes from.", codes=TrackedItem.Source),
        col("title", "text", "A short summary."),
        col("text", "text", "The request as worded in the source."),
        col("body_id", "integer", "The body that raised it (bodies.csv)."),
        col("meeting_id", "integer", "The meeting it was raised at (meetings.csv)."),
        col(
            "decision_id",
            "integer",
            "The resolution it comes from (decisions.csv).",
            "resolution_id",
        ),
        col("addressee", "code", "Who is asked.", codes=TrackedItem.Addressee),
        col("addressee_person_id", "integer", "The person asked, if named (people.csv)."),
        col("addressee_body_id", "integer", "The body asked, if another body (bodies.csv)."),
        col("requested_by", "code", "Who asked.", codes=TrackedItem.RequestedBy),
        col("response_wanted", "code", "What answer is wanted.", codes=TrackedItem.ResponseWanted),
        col("raised_on", "date", "When it was raised."),
        col("due_kind", "code", "How the due date was set.", codes=TrackedItem.DueKind),
        col("due_date", "date", "When the response is due."),
        col(
            "response_status",
            "code",
            "Whether it has been answered, and the answer accepted.",
            codes=TrackedItem.ResponseStatus,
        ),
        col(
            "implementation_status",
            "code",
            "Whether it has been done.",
            codes=TrackedItem.Implementation,
        ),
        col("progress", "integer", "Progress reported, as a percentage."),
        col("closed_at", "datetime", "When the panel closed it, if it has."),
        col("parent_id", "integer", "The item it follows up (tracked-items.csv)."),
        col("superseded_by_id", "integer", "The item that replaced it (tracked-items.csv)."),
        col("outcome", "text", "For a Corporate Governance Board request: the outcome recorded."),
        col(
            "outcome_meeting_id",
            "integer",
            "The meeting the outcome was recorded at (meetings.csv).",
        ),
    ),
    selectors.tracked_items_public,
)

RESPONSES = Dataset(
    "responses.csv",
    "Responses submitted to public tracked items (drafts are not published).",
    (
        *_ids("response"),
        col("tracked_item_id", "integer", "The item answered (tracked-items.csv).", "item_id"),
        col("status", "code", "Where the response stands.", codes=Response.Status),
        col("position", "code", "What the response says to the request.", codes=Response.Position),
        col("body", "text", "The response, in Markdown."),
        col("plan", "text", "For an answer accepted in principle: the plan."),
        col("plan_date", "date", "The date the plan is for."),
        col("submitted_at", "datetime", "When it was submitted to the panel."),
    ),
    selectors.responses_public,
)

REVIEWS = Dataset(
    "reviews.csv",
    "The panel's review of each published response: accepted, or challenged with a reason.",
    (
        *_ids("review"),
        col("response_id", "integer", "The response reviewed (responses.csv)."),
        col("outcome", "code", "The panel's judgement.", codes=Review.Outcome),
        col("reason", "text", "Why it was challenged."),
        col("new_due_date", "date", "When a challenged response is due again."),
        col("reviewed_at", "datetime", "When the panel reviewed it.", "created_at"),
    ),
    selectors.reviews_public,
)

GRANT_AWARDS = Dataset(
    "grant-awards.csv",
    "Grants awarded by the Commissioner, as on the public award register (rounds whose awards "
    "are made).",
    (
        *_ids("award"),
        col("identifier", "text", "The grant's 360Giving identifier.", grant_identifier),
        col("project_title", "text", "The funded project.", "application.project_title"),
        col(
            "organisation_id",
            "integer",
            "The recipient (organisations.csv).",
            "application.organisation_id",
        ),
        col("recipient", "text", "The recipient's name.", "application.organisation.name"),
        col("area", "text", "Where the project works.", "application.area"),
        col(
            "amount_requested",
            "decimal",
            "The amount applied for, in pounds.",
            "application.amount_requested",
        ),
        col("amount_awarded", "decimal", "The amount awarded, in pounds.", "amount"),
        col("fund", "text", "The fund it was awarded from.", "application.round.fund.name"),
        col("round", "text", "The funding round.", "application.round.name"),
        col(
            "decision_reference",
            "text",
            "The Commissioner's decision record.",
            "decision.public_reference",
        ),
        col("decided_on", "date", "The date of the decision.", "decision.decided_on"),
        col("start_date", "date", "When the funded work starts."),
        col("end_date", "date", "When it ends."),
    ),
    selectors.awards_public,
)

DATASETS: tuple[Dataset, ...] = (
    PANELS,
    BODIES,
    ORGANISATIONS,
    PEOPLE,
    MEMBERSHIPS,
    MEETINGS,
    AGENDA_ITEMS,
    PAPERS,
    MINUTES,
    MINUTE_POINTS,
    DECISIONS,
    TRACKED_ITEMS,
    RESPONSES,
    REVIEWS,
    GRANT_AWARDS,
)

DICTIONARY_HEADER = ["file", "column", "type", "description"]


def dictionary_rows() -> list[list[str]]:
    """The data dictionary: for every file, every column with its type and meaning."""
    return [
        [dataset.filename, column.name, column.type, column.description]
        for dataset in DATASETS
        for column in dataset.columns
    ]
