"""The regular expressions the parser reads minutes with, in one place.

Compiled once at import. Each names the shape it matches; the modules that use them say why.
"""

from __future__ import annotations

import re

from imports.parser.document import CHIEF_CONSTABLE, OPCC, PANEL, PCC

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s*(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b",
    re.I,
)
NUMERIC_DATE_RE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
CLOCK = r"\d{1,2}(?:[.:]\d{2})?"
MERIDIEM = r"(?:a\.?m\.?|p\.?m\.?|noon)"
TIME_RE = re.compile(rf"\b(?P<clock>{CLOCK})\s*(?P<mer>{MERIDIEM})(?![a-z])", re.I)
TIME_24_RE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b")
TIME_RANGE_RE = re.compile(
    rf"^\s*(?P<start>{CLOCK})\s*(?P<smer>{MERIDIEM})?\s*(?:-|–|—|to)\s*"
    rf"(?P<end>{CLOCK})\s*(?P<emer>{MERIDIEM})\.?\s*$",
    re.I,
)
CLOSED_RE = re.compile(
    rf"\b(?:meeting|panel)\s+(?:closed|ended|finished|concluded|rose)\s+at\s+"
    rf"(?P<time>{CLOCK}\s*{MERIDIEM}?)",
    re.I,
)
MINUTES_HEADER_RE = re.compile(
    r"^(?:draft\s+|confirmed\s+)?minutes\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?meeting\b", re.I
)
MINUTES_TITLE_ONLY_RE = re.compile(
    r"^(?:agenda\s*(?:,|and|&)\s*)?(?:(?:draft|printed|confirmed)\s+)?minutes$", re.I
)
HELD_RE = re.compile(r"^held\s*:?\s*(?P<rest>.+)$", re.I)
# A committee's code before its minute numbers ("PCP 41"): capitals, not a word of the page.
_CODE = r"(?!(?:PART|PAGE|SECTION|APPENDIX|ANNEX|TABLE|AGENDA|ITEM|MINUTE|NO)\b)(?-i:[A-Z]{2,5})"
# A minute number: "45", "45/24", or a committee's own code "PFCP/24/15" (kept as printed).
HEADING_RE = re.compile(
    r"^(?:(?:minute|min\.?|item|agenda\s+item)\s*(?:no\.?\s*)?)?(?P<open>\()?"
    rf"(?P<num>(?:(?-i:[A-Z]{{2,6}})/\d{{2,4}}/|{_CODE}\s)?\d{{1,4}}(?:\([a-z]\))?)"
    r"(?P<slash>/\d{2,4})?(?(open)\))"
    r"(?:[.:,]\s*|\s*[-–—]\s+|\s+)(?P<title>[A-Za-z'‘’\"“(].*)$",
    re.I,
)
BARE_NUMBER_RE = re.compile(
    rf"^(?:(?:minute|min\.?)\s*)?(?P<num>(?:{_CODE}\s)?\d{{1,4}}(?:\([a-z]\))?)"
    r"(?P<slash>/\d{2,4})?\.?$",
    re.I,
)
MONTH_START_RE = re.compile(rf"^{_MONTH}\b\.?,?\s*\d{{2,4}}", re.I)
RESOLVED_RE = re.compile(
    r"^(?P<lead>(?:(?:the\s+)?(?:panel|committee|board|sub-committee)\s+(?:has\s+)?)?"
    r"(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed|decided|decisions?(?=\s*:))"
    r"(?:\s*\(unanimously\)|\s+unanimously)?)"
    r"(?P<sep>\s*[:\-–—.,]?)\s*(?P<rest>.*)$",
    re.I,
)
MID_RESOLVED_RE = re.compile(
    r"(?<=[a-z.;:,)])\s*(?=(?:UNANIMOUSLY\s+)?RESOLVED\s*[:\-–—])|(?<=[.;])\s+(?=Decisions?:)"
    r"|(?<=[.;])\s+(?=(?:The\s+(?:Panel|Committee)\s+)?(?:AGREED|RESOLVED)\b)"
)
LABEL_RE = re.compile(
    r"^(?P<label>\((?:[a-zA-Z]{1,2}|[ivxlIVXL]{1,6}|\d{1,2})\)"
    r"|(?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)"
    r"|\d{1,2}(?:\.\d{1,2}){0,3}\.(?=\s|[A-Z])"
    r"|\d{1,2}(?:\.\d{1,2}){1,3}(?=\s|[A-Z])"
    r"|[a-z]\.(?=\s)|[ivx]{2,5}\.(?=\s))"
    r"\s*(?P<rest>.*)$"
)
ACTIONS_HEADING_RE = re.compile(r"^(?:actions?(?:\s+(?:agreed|arising|points?))?)\s*:?$", re.I)
# (OCR reads a round bullet as "«", "e" or "o".)
BULLET_RE = re.compile(r"^(?:[-–•▪●◦·*➤«»]|o(?=\s))\s+(?P<rest>.*)$")
ACTION_LINE_RE = re.compile(
    r"^(?:action(?:\s+point)?s?|actions?\s+agreed)\s*[:\-–]\s*(?P<rest>.+)$", re.I
)
AGENDA_MARKER_RE = re.compile(r"marked\s+['‘’\"“]?agenda\s+item\s+(?P<n>\d+[a-z]?)", re.I)
HEADING_AGENDA_RE = re.compile(r"\s*\(?\bagenda\s+item\s+(?P<n>\d+[a-z]?)\)?\s*", re.I)
PAGES_RE = re.compile(r"\(?\s*pages?\s+(?P<a>\d+)(?:\s*[-–]\s*(?P<b>\d+))?\s*\)?", re.I)
TIMESTAMP_EVENT_RE = re.compile(
    rf"^(?:at\s+)?{CLOCK}\s*{MERIDIEM}?,?\s+.*\b(?:left|joined|arrived|returned|rejoined)\b",
    re.I,
)
NOISE_RE = [
    # A document link's size as committee systems print it: "pdf icon PDF 120 KB", "(PDF, 2 MB)".
    re.compile(r"(?:\bpdf\s+icon\s+)?\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b", re.I),
    re.compile(r"\bpdf\s+icon\b", re.I),
    re.compile(r"</?(?:u|i|b|p|em|strong|sup|sub|span|div|br|ul|ol|li)\b[^>]*>", re.I),
    re.compile(r"\$\\hfill\\square\$"),
    re.compile(r"\*\*"),
    re.compile(r"[□☐]"),
]
DROP_LINE_RE = re.compile(
    r"^(?:page\s*\|?\s*\d+(?:\s+of\s+\d+)?|item\s+\d+[a-z]?|agenda\s+item\s+\d+[a-z]?|"
    r"additional\s+documents:?|minutes:|view\s+the\s+(?:background|reasons?)\b.*|"
    r"back\s+to\s+meeting|issue\s+history|meeting:\s*\d{1,2}/\d{1,2}/\d{4}\b.*|"
    r"this\s+page\s+is\s+intentionally\s+left\s+blank\.?)$",
    re.I,
)
END_RE = re.compile(
    r"^(?:chairman|chair|chairperson|chair\s+of\s+the\s+panel|"
    r"(?-i:Signed|SIGNED)(?:\s*(?:[:.…_]|by\s+the\s+chair\s*[:.…_]).*)?|"
    r"this\s+page\s+is\s+intentionally\s+left\s+blank\.?|minute\s+item\s+\d+|"
    r"appendix\b.*|annex\b.*)$",
    re.I,
)
# Bilingual (Welsh / English) markers: the English one is kept.
WELSH_MARKER_RE = re.compile(
    r"^(?:penderfynwyd|cytunwyd|cofnodion|eitem\s+agenda|agenda\s+a\s+(?:ch|ph)?ofnodion(?:\s+drafft)?|yn\s+bresennol|hefyd\s+yn\s+bresennol|"
    r"ymddiheuriadau(?:\s+am\s+absenoldeb)?|eitemau|presenoldeb|lleoliad|cyswllt)\s*/\s*",
    re.I,
)
# Words of Welsh text (function words, and those of the panel's business): a line mostly of
# them is the Welsh of a bilingual page, whose English follows.
WELSH_WORDS = frozenset(
    [
        "y",
        "yr",
        "ac",
        "ei",
        "eu",
        "yn",
        "gan",
        "mae",
        "bod",
        "wedi",
        "roedd",
        "cafwyd",
        "hefyd",
        "gyda",
        "ond",
        "neu",
        "nad",
        "nid",
        "fod",
        "hyn",
        "hwn",
        "hon",
        "sydd",
        "oedd",
        "i'r",
        "o'r",
        "a'r",
        "gyfer",
        "rhwng",
        "cyfarfod",
        "adroddiad",
        "blynyddol",
        "cynllun",
        "heddlu",
        "throseddu",
        "troseddu",
        "comisiynydd",
        "cofnodion",
        "ethol",
        "is-gadeirydd",
        "cadeirydd",
        "datganiadau",
        "datgan",
        "buddiant",
        "fuddiant",
        "ymddiheuriadau",
        "absenoldeb",
        "blaenraglen",
        "rhaglen",
        "waith",
        "gwaith",
        "chwarter",
        "penderfyniadau",
        "praesept",
        "arfaethedig",
        "cwestiynau",
        "cyhoeddus",
        "dyddiad",
        "nesaf",
        "blaenorol",
        "perfformiad",
        "cyllideb",
        "diweddariad",
        "arolygiad",
        "adolygiad",
        "plismona",
        "ffyrdd",
        "diogelwch",
        "strategaeth",
        "ariannol",
        "tymor",
        "canolig",
        "ystadau",
        "swyddfa",
        "prif",
        "cwynion",
        "aelodau",
        "aelod",
        "annibynnol",
        "cynghorydd",
        "cynghorwyr",
        "penderfynwyd",
        "cytunwyd",
        "nodi",
        "cymeradwyo",
        "derbyn",
        "gofyn",
        "darparu",
        "ystyried",
        "cyflwynodd",
        "nododd",
        "dywedodd",
        "gofynnodd",
        "holodd",
        "croesawodd",
        "trafodwyd",
        "cytunodd",
        "ganddo",
        "ganddi",
        "iddo",
        "iddi",
        "hwnnw",
        "honno",
        "mewn",
        "ôl",
        "wrth",
        "drwy",
        "ynghylch",
        "ynglŷn",
        "perthynas",
        "phanel",
        "heddlu'r",
        "erbyn",
        "menywod",
        "merched",
        "trais",
        "ieuenctid",
        "cyfiawnder",
        "ymyrraeth",
        "gynnar",
        "eitem",
        "hanes",
        "mater",
        "dogfennau",
        "ategol",
        "yn-ôl",
        "cyfarfod'r",
        "nodi'r",
    ]
)
WELSH_HINT_RE = re.compile(r"\b(?:yn|yr|cyfarfod|comisiynydd|heddlu|penderfynwyd)\b", re.I)
# A link to a paper on its own line: "Minutes of the Previous Meeting (PDF, 190 KB)".
DOCUMENT_LINK_RE = re.compile(
    r"\((?:pdf|word|docx?|html?)\s*,?\s*\d+(?:\.\d+)?\s*[KM]B\)\s*$", re.I
)
DOCUMENTS_RE = re.compile(
    r"^(?:additional|supporting|background|related)\s+(?:documents|papers):?$", re.I
)
MINUTES_MARKER_RE = re.compile(
    r"^(?:minutes|decision|decisions|resolved|record\s+of\s+decision)\s*:", re.I
)
GLUE_RE = re.compile(r"\b(That|that)(the|a|an|this|these|members|officers|it)\b")
POINTS_LEAD_RE = re.compile(
    r"(?:following\s+(?:points|comments|matters|issues|questions|observations)"
    r"|points\s+(?:were\s+)?(?:noted|made|raised)"
    r"|noted\s+(?:key\s+points\s+)?that|noting\s+the\s+following|included\s+the\s+following"
    r"|as\s+follows|\b(?:raised|made|noted|discussed|commented|asked|queried)\b[^.]*:$)",
    re.I,
)
HONORIFICS = (
    r"Cllr\.?|Councillor|County\s+Councillor|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Lord|Lady|Baroness|Sir|"
    r"Dame|Professor|Prof\.?|Rev\.?|Revd\.?|Canon|Chief\s+Constable|DCC|ACC|Supt\.?|Insp\.?"
)
HONORIFIC_SPLIT_RE = re.compile(rf"\s+(?=(?:{HONORIFICS})\s)")
HONORIFIC_RE = re.compile(rf"^(?:{HONORIFICS})$", re.I)
ROLE_IN_BRACKETS_RE = re.compile(r"\s*\((?P<role>[^)]*)\)\s*$")
DASH_SPLIT_RE = re.compile(r"\s+[–—-]\s+")
APOLOGIES_RE = re.compile(
    r"apologies\s+(?:for\s+absence\s+)?(?:were\s+)?(?:received|submitted|given|noted)?"
    r"\s*(?:and\s+accepted\s+)?(?:from|on\s+behalf\s+of)\s*:?\s*(?P<names>.+?)\.?$",
    re.I,
)
SECTION_RE = re.compile(
    r"^(?P<head>present|members\s+present|in\s+attendance|also\s+(?:present|in\s+attendance)|"
    r"officers\s+(?:present|in\s+attendance)|apologies(?:\s+for\s+absence)?|apologies\s+received)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.I,
)

# Parties, checked in this order (OPCC before PCC, as "Office of the PCC" contains "PCC").
PARTY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        OPCC,
        re.compile(
            r"\b(?:opcc|oppc|office\s+of\s+the\s+(?:police\s+and\s+crime\s+)?commissioner|"
            r"deputy\s+(?:police\s+and\s+crime\s+commissioner|pcc)|dpcc|officers?)\b",
            re.I,
        ),
    ),
    (
        CHIEF_CONSTABLE,
        re.compile(
            r"\b(?:chief\s+constable|the\s+force|police\s+force|constabulary|"
            r"leicestershire\s+police|chief\s+officers?|dcc|acc|supt|superintendent|"
            r"chief\s+inspector|inspector|insp|sergeant|sgt)\b",
            re.I,
        ),
    ),
    (PCC, re.compile(r"\b(?:pcc|police\s+and\s+crime\s+commissioner|commissioner)\b", re.I)),
    (
        PANEL,
        re.compile(
            r"\b(?:panel|chairman|chair|vice-chair(?:man)?|secretariat|democratic\s+services|"
            r"clerk|scrutiny\s+officer|members)\b",
            re.I,
        ),
    ),
)

# Resolution classification: the subject of a clause ("That the PCC be requested …").
SUBJECT_RE = re.compile(
    r"^(?:that\s+)?(?P<subject>.+?)\s+(?:be|is|are|should|will|shall|would|to|(?:provide|"
    r"explore|share|submit|write|seek|report|consider|review|investigate|circulate|"
    r"arrange|bring|present|respond|supply|update|ensure|undertake|continue|look|work|give|"
    r"include|attend|publish|add)s?)\b",
    re.I,
)

# "Asks the Commissioner to …", "requests that the OPCC provides …", "to invite the Chief
# Constable to attend …": the party asked, in the third person after "RESOLVED that the Panel:".
ASKS_RE = re.compile(
    r"(?<!\bbe\s)\b(?:asks?|asked|requests?|requested|invites?|invited|calls?\s+on|urges?|recommends?)\s+"
    r"(?:that\s+)?(?P<who>(?:the\s+)?[\w\s',]{2,70}?)\s+(?:to|be|should|provides?|reports?|"
    r"responds?|shares?|includes?|considers?|attends?|publish(?:es)?|updates?|continues?|"
    r"reviews?|circulates?|brings?|arranges?|adds?|writes?)\b"
)
# Standing requests: how often they fall due.
RECURRENCE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "each_meeting",
        re.compile(
            r"\b(?:at|to|for)\s+(?:each|every|all\s+future|future)\s+(?:ordinary\s+)?meetings?\b"
            r"|\beach\s+meeting\s+of\s+the\s+panel\b|\bas\s+a\s+standing\s+item\b",
            re.I,
        ),
    ),
    (
        "quarterly",
        re.compile(r"\bquarterly\b|\b(?:each|every)\s+(?:quarter|three\s+months)\b", re.I),
    ),
    (
        "annually",
        re.compile(r"\bannually\b|\b(?:each|every)\s+year\b|\byearly\b|\bonce\s+a\s+year\b", re.I),
    ),
)

# Undertakings in points and narrative
UNDERTAKING_RE = re.compile(
    r"\bagreed\s+to\s+(?:this|the|that)\s+request\b"
    r"|\bagreed\s+to\s+(?:provide|share|circulate|report|write|look|investigate|consider|arrange|"
    r"contact|review|bring|feed|update|seek|send|explore|lobby)\b"
    r"|\bundert(?:ook|akes?)\s+to\b"
    r"|\b(?:stated|confirmed|advised|said|assured|agreed|promised|explained)\s+(?:\w+\s+)?that\s+"
    r"(?:he|she|they|it|the\s+\w+)\s+would\s+(?:provide|report|contact|share|circulate|write|"
    r"bring|look|arrange|seek|feed|update|send|consider|review|investigate|raise|ensure)\b"
    r"|\bwould\s+be\s+(?:kept\s+updated|provided|circulated|shared|brought\s+back|reported)\b"
    r"|\b(?:chairman|chair|panel|member)\s+(?:requested|asked)\s+that\b"
    r"|\basked\s+(?:officers|the\s+\w+)\s+to\b",
    re.I,
)
SENTENCE_SPLIT_RE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)"
    r"(?<!\bCllr\.)\s+(?=[A-Z])"
)

# A paragraph cut off mid-sentence by a page break.
DANGLING_RE = re.compile(
    r"(?:,|\b(?:a|an|the|and|or|of|to|in|on|for|with|by|from|at|as|that|which|who|using|"
    r"into|than|be|is|are|was|were|this|their|his|her|its))$",
    re.I,
)
