"""What one minute says: its preamble, the points noted, the RESOLVED clauses, the actions and
undertakings, and the narrative, each with the source lines it was read from.

A minute's body is read paragraph by paragraph, moving preamble → points → resolved →
narrative (or actions, under an "Actions" heading) as the markers in the text say.
"""

from __future__ import annotations

import re

from imports.parser.classification import classify, first_party, is_paragraph_number, is_resolved
from imports.parser.document import OTHER, PANEL, WARN_EMPTY_RESOLVED, MinuteItem, Point, Resolution
from imports.parser.patterns import (
    ACTION_LINE_RE,
    ACTIONS_HEADING_RE,
    AGENDA_MARKER_RE,
    BULLET_RE,
    DOCUMENT_LINK_RE,
    DROP_LINE_RE,
    LABEL_RE,
    POINTS_LEAD_RE,
    RESOLVED_RE,
    TIMESTAMP_EVENT_RE,
)
from imports.parser.tokens import Line, dangling, ends_sentence, squash
from imports.parser.undertakings import action_from_line, find_undertakings, mark_duplicates


def read_item_body(
    item: MinuteItem, body: list[Line], people: dict[str, str | None], warnings: list[str]
) -> None:
    """Fill `item` from its body lines; `people` maps names to parties for undertakings."""
    mode = "preamble"  # preamble → points → resolved → narrative
    point_style = None  # "labelled" or "bullet"
    preamble: list[str] = []
    resolved_lines: list[int] = []
    sublist = False
    for text, lines, _marker in _paragraphs(body):
        if ACTIONS_HEADING_RE.match(text):
            mode = "actions"
            continue
        if mode == "actions":
            listed = BULLET_RE.match(text) or LABEL_RE.match(text)
            if listed:
                item.actions.append(action_from_line(listed["rest"].strip(), lines, people))
                continue
            mode = "narrative"
        action_line = ACTION_LINE_RE.match(text)
        if action_line:
            item.actions.append(action_from_line(action_line["rest"].strip(), lines, people))
            continue
        if TIMESTAMP_EVENT_RE.match(text):
            item.narrative.append(text)
            continue
        paragraph_label = LABEL_RE.match(text)
        if paragraph_label and is_paragraph_number(paragraph_label["label"], item.number):
            inner = RESOLVED_RE.match(paragraph_label["rest"])
            if inner and is_resolved(inner) or mode != "resolved":
                text = paragraph_label["rest"].strip()
                if inner and is_resolved(inner) and inner["rest"].strip():
                    text = f"{inner['lead']}: {paragraph_label['label']} {inner['rest']}"
        resolved = RESOLVED_RE.match(text)
        if resolved and is_resolved(resolved):
            mode = "resolved"
            rest = resolved["rest"].strip()
            # "RESOLVED that the Panel:" heads a list: "1) Approves …", "2) Notes …".
            rest = re.sub(
                r"^that(?:\s+the\s+(?:panel|committee|board|sub-committee))?\s*:?\s*$",
                "",
                rest,
                flags=re.I,
            )
            resolved_lines.append(lines[0])
            if rest:
                _clause(item, rest, lines)
            continue
        if mode == "resolved":
            if _resolved_paragraph(item, text, lines):
                continue
            mode = "narrative"
        label = LABEL_RE.match(text)
        bullet = BULLET_RE.match(text)
        if bullet and not label:
            inner = LABEL_RE.match(bullet["rest"])
            if inner:
                label, bullet = inner, None
        container = item.narrative if mode == "narrative" else preamble
        if (
            bullet
            and not label
            and container
            and (
                sublist or container[-1].endswith(":") and not POINTS_LEAD_RE.search(container[-1])
            )
        ):
            # A list inside a paragraph ("… in the following areas:"), not points noted.
            container[-1] = f"{container[-1]}\n- {bullet['rest'].strip()}"
            sublist = True
            continue
        sublist = False
        if label or bullet:
            if label:
                point_text, point_label = label["rest"].strip(), _label(label["label"])
                point_style = "labelled"
            else:
                point_text, point_label = (bullet["rest"] if bullet else "").strip(), ""
                point_style = "bullet"
            # Unheaded resolutions: "(a) That …" with no RESOLVED heading.
            if re.match(r"^that\b", point_text, re.I):
                mode = "resolved"
                _clause(item, text, lines)
                continue
            mode = "points"
            item.points.append(Point(point_label, point_text, lines))
            continue
        if mode == "preamble" and re.match(r"^that\b", text, re.I) and ends_sentence(text):
            mode = "resolved"
            _clause(item, text, lines)
            continue
        if mode == "points" and point_style == "labelled" and item.points:
            last = item.points[-1]
            if not POINTS_LEAD_RE.search(text):
                last.text = f"{last.text}\n{text}"
                last.lines.extend(lines)
                continue
        if mode == "preamble":
            preamble.append(text)
        else:
            mode = "narrative" if mode != "points" or point_style == "bullet" else mode
            item.narrative.append(text)
    for clause in item.resolutions:
        classify(clause)
    if resolved_lines and not item.resolutions:
        warnings.append(WARN_EMPTY_RESOLVED.format(line=resolved_lines[0], number=item.number))
    item.preamble = "\n".join(preamble)
    marked = AGENDA_MARKER_RE.search(item.preamble)
    if marked and item.agenda_item is None:
        item.agenda_item = marked["n"]
    _undertakings(item, body, preamble, people)


def _undertakings(
    item: MinuteItem, body: list[Line], preamble: list[str], people: dict[str, str | None]
) -> None:
    """Add the undertakings in the points, narrative and preamble to the item's actions; an
    action naming nobody is addressed to the author of the report ("report of the PCC")."""
    for point in item.points:
        item.actions.extend(find_undertakings(point.text, point.lines, people))
    for text in item.narrative + preamble:
        item.actions.extend(find_undertakings(text, [], people))
    author = re.search(r"\breport\s+(?:of|by|from)\s+the\s+(?P<who>[\w\s']{3,60})", item.preamble)
    default = first_party(author["who"], exclude=(PANEL,)) if author else None
    for action in item.actions:
        action.addressee = action.addressee or default
    _action_lines(item, body)
    mark_duplicates(item)


def _action_lines(item: MinuteItem, body: list[Line]) -> None:
    """Give narrative undertakings the line numbers they were read from."""
    for action in item.actions:
        if action.lines:
            continue
        probe = action.text.split(". ")[-1][:40]
        for line in body:
            if probe and probe in line.text:
                action.lines = [line.no]
                break


def _resolved_paragraph(item: MinuteItem, text: str, lines: list[int]) -> bool:
    """A paragraph after RESOLVED: a clause, the rest of one, or (False) the end of them."""
    label = LABEL_RE.match(text)
    bullet = BULLET_RE.match(text)
    real = item.resolutions
    if label or bullet:
        _clause(item, text, lines)
        return True
    if re.match(r"^(?:that|it\s+was|to)\b", text, re.I) and (
        not real
        or ends_sentence(real[-1].text)
        or real[-1].text.endswith(",")
        or CLAUSE_OPEN_RE.match(real[-1].text)
        and CLAUSE_OPEN_RE.match(text)
    ):
        _clause(item, text, lines)
        return True
    if real and (not ends_sentence(real[-1].text) or re.match(r"^[a-z]", text)):
        last = real[-1]
        last.text = squash(f"{last.text} {text}")
        last.lines.extend(lines)
        return True
    if not real:
        _clause(item, text, lines)
        return True
    return False


# "(a) That … noted. (b) That the Commissioner …" run together in one cell of a table.
INLINE_CLAUSES_RE = re.compile(r"(?<=[.;])\s+(?=\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s+[A-Z])")


def _clause(item: MinuteItem, text: str, lines: list[int]) -> None:
    """One RESOLVED clause (or several run together), its label taken off and its kind
    classified."""
    parts = INLINE_CLAUSES_RE.split(text)
    if len(parts) > 1:
        for part in parts:
            _clause(item, part, lines)
        return
    bullet = BULLET_RE.match(text)
    if bullet:
        text = bullet["rest"]
    label = LABEL_RE.match(text)
    clause_label = ""
    if label:
        clause_label, text = _label(label["label"]), label["rest"]
    # Classified once its text is complete (read_item_body), not at every wrapped line.
    clause = Resolution(clause_label, squash(text), OTHER, "", None, False, list(lines))
    item.resolutions.append(clause)


def _paragraphs(body: list[Line]) -> list[tuple[str, list[int], bool]]:
    """Join wrapped lines into paragraphs: (text, line numbers, starts with a marker)."""
    paragraphs: list[tuple[str, list[int], bool]] = []
    blank_before = True
    for line in body:
        text = line.text
        if not text:
            blank_before = True
            continue
        if (
            DROP_LINE_RE.match(text)
            or DOCUMENT_LINK_RE.search(text)
            or re.fullmatch(r"\d{1,3}", text)
        ):
            continue
        marker = bool(
            LABEL_RE.match(text)
            or BULLET_RE.match(text)
            or _opens_clauses(text)
            or ACTION_LINE_RE.match(text)
            or ACTIONS_HEADING_RE.match(text)
            or TIMESTAMP_EVENT_RE.match(text)
        )
        if paragraphs and not marker:
            previous_text = paragraphs[-1][0]
            if CLAUSE_OPEN_RE.match(text) and CLAUSE_OPEN_RE.match(previous_text):
                # A list of clauses printed without labels or full stops, one to a line.
                paragraphs.append((text, [line.no], True))
                blank_before = False
                continue
            resolved = RESOLVED_RE.match(previous_text)
            # "RESOLVED:" alone on its line: what follows is its first clause.
            previous_is_marker_line = bool(
                resolved and is_resolved(resolved) and not resolved["rest"]
            )
            lead_in = previous_text.endswith(":") and POINTS_LEAD_RE.search(previous_text)
            if (
                not previous_is_marker_line
                and not lead_in
                and (
                    not blank_before
                    or re.match(r"^[a-z]", text)
                    or dangling(previous_text)
                    or (not paragraphs[-1][2] and not ends_sentence(previous_text))
                )
            ):
                joined = f"{previous_text} {text}"
                paragraphs[-1] = (joined, paragraphs[-1][1] + [line.no], paragraphs[-1][2])
                blank_before = False
                continue
        paragraphs.append((text, [line.no], marker))
        blank_before = False
    return paragraphs


CLAUSE_OPEN_RE = re.compile(r"^(?:that|to)\s", re.I)


def _opens_clauses(text: str) -> bool:
    match = RESOLVED_RE.match(text)
    return bool(match and is_resolved(match))


def _label(label: str) -> str:
    return label.strip()
