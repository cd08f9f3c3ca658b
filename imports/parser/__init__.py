"""Parse Police and Crime Panel minutes, or a whole agenda pack that contains them, from text.

Pure Python: no Django, no database. `parse(text)` returns a `ParsedDocument` whose parts keep
the line numbers (1-based, as `cat -n` prints them) they were read from, so a reviewer can check
every extracted point, clause and action against the source.

The shapes handled are described in /work/shared/domain.md §3 (the 2024 County and 2020 City
templates) and generalised to what other secretariats print: ModernGov web pages saved as text
("PDF 238 KB"), numbered paragraphs run into their text ("2.1.1That …"), "UNANIMOUSLY RESOLVED",
"RESOLVED –" or "Resolved:" inline or on its own line, resolutions with no heading, lettered
lists that are points noted rather than resolutions, and PDF text with glued words. Oddities
become `warnings`; the parser never raises on any text.

The modules, by responsibility:

- `document`: the result types, the parties and resolution kinds, the warnings, `as_json`;
- `patterns`: every regular expression; `tokens`: cleaned, numbered lines, dates and times;
- `header` and `agenda`: where the minutes start, the meeting they name, a pack's agenda;
- `headings` and `items`: minute headings and the minutes cut into items;
- `item_body`: one item's points, clauses, actions and narrative;
- `classification`: what a clause asks for and of whom; `undertakings`: promises in the prose;
- `attendees`: who was present, in attendance or sent apologies;
- `engine`: `parse`, the steps in order.
"""

from __future__ import annotations

from imports.parser.classification import classify_resolution
from imports.parser.document import (
    CHIEF_CONSTABLE,
    OPCC,
    PANEL,
    PCC,
    WARN_NO_MINUTES,
    Action,
    Agenda,
    AgendaItem,
    Attendee,
    Meeting,
    MinuteItem,
    ParsedDocument,
    Point,
    Resolution,
    as_json,
)
from imports.parser.engine import parse
from imports.parser.headings import number_value
from imports.parser.tokens import parse_time_range

__all__ = [
    "CHIEF_CONSTABLE",
    "OPCC",
    "PANEL",
    "PCC",
    "WARN_NO_MINUTES",
    "Action",
    "Agenda",
    "AgendaItem",
    "Attendee",
    "Meeting",
    "MinuteItem",
    "ParsedDocument",
    "Point",
    "Resolution",
    "as_json",
    "classify_resolution",
    "number_value",
    "parse",
    "parse_time_range",
]
