"""The one gate every uploaded file passes before it is stored: papers and response attachments.

A file is accepted only when all of these hold, checked in this order:

1. Its extension is on the allow-list (PDF, Word .docx, web page .html/.htm), it is not empty
   and not over `UPLOAD_MAX_BYTES`.
2. Its contents are what the extension says (magic bytes): a PDF starts with `%PDF-`, a Word
   document is a zip from its first byte that holds `word/document.xml`, a web page starts with
   an `<html>` or `<!DOCTYPE html>` tag.
3. It is not also another kind of file (a polyglot): a PDF or Word document with web page or
   script code (`<script`, `<html`, `<svg`, `<iframe`, `<object`, `<embed`, `javascript:`) in
   its raw bytes, a Word document with a PDF header inside, a web page with a PDF header inside,
   a PDF or web page that is also a zip archive. Compressed data is skipped (a PDF stream with a
   `/Filter`, a compressed zip member, a stored image in a Word document): random compressed bytes
   spell `<svg` often enough to refuse real papers, and a browser never runs them. A Flate stream
   whose data does not start with a zlib header is not compressed, whatever it claims.
4. A Word document would not expand beyond `UPLOAD_DOCX_MAX_INFLATED_BYTES` (the sizes its zip
   central directory declares, added up) and no large member is compressed more than
   `DOCX_MAX_RATIO` to one: a zip bomb is refused without decompressing a byte of it. Python's
   zipfile never inflates a member beyond its declared size, so the declared sizes are what
   anything here would ever read.
5. A PDF opens with pypdf (not password-protected) and none of its objects, compressed object
   streams included, carries active content: JavaScript (`/JS`, `/S /JavaScript`, the
   `/JavaScript` names tree), additional actions that fire on their own (`/AA`), launch and
   import actions, remote or embedded go-to actions, form submission, rich media, `javascript:`
   or `file:` links, embedded files (`/EmbeddedFiles`, `/EF`, file attachment annotations) and
   XFA forms (which script themselves). Links to web pages, bookmarks and `/OpenAction`s that
   only go to a page stay: real papers use them.

Nothing here touches the database or storage; callers store the file only after
`upload_check` returns.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

DOCUMENT_TYPE_NOT_ALLOWED = "The file must be a PDF, a Word document (.docx) or a web page (.html)."
DOCUMENT_CONTENT_MISMATCH = (
    "The file is named as a {label} but its contents are not one: it may be damaged or renamed."
)
DOCUMENT_TOO_LARGE = "The file must be smaller than {limit}."
DOCUMENT_EMPTY = "The selected file is empty."
DOCUMENT_PDF_UNREADABLE = "The PDF could not be read: it may be damaged or password-protected."
UPLOAD_POLYGLOT = (
    "The file is a {label} but also holds web page code, script or another kind of file, so it "
    "could be opened as something it is not. Save the paper again (for example with “Print to "
    "PDF”) and upload that copy."
)
UPLOAD_PDF_ACTIVE_CONTENT = (
    "The PDF contains scripts, automatic or launch actions, or embedded files, which are not "
    "accepted. Save it again as a plain PDF (for example with “Print to PDF”) and upload that copy."
)
UPLOAD_DOCX_INFLATES_TOO_MUCH = (
    "The Word document would expand to more than {limit} when opened, far more than a paper "
    "needs: it may be damaged or built to overload the system."
)
UPLOAD_DOCX_OVERCOMPRESSED = (
    "The Word document is compressed far more than a real document can be: it may be damaged "
    "or built to overload the system."
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Extension → (stored content type, label used in messages).
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("application/pdf", "PDF"),
    ".docx": (DOCX, "Word document"),
    ".html": ("text/html", "web page"),
    ".htm": ("text/html", "web page"),
}
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
SCRIPT_SIGNATURE = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|!doctype\s+html)\b|javascript:", re.I
)
PDF_HEADER = b"%PDF-"
DOCX_SIGNATURE = re.compile(SCRIPT_SIGNATURE.pattern + b"|" + re.escape(PDF_HEADER), re.I)

# Deflate manages about 1032:1 at best; real Word parts (XML) stay far below 100:1. Members under
# a mebibyte are too small to matter whatever their ratio.
DOCX_MAX_RATIO = 200
DOCX_RATIO_FLOOR = 1024 * 1024
# Stored (uncompressed) members that are binary images: random bytes, like compressed data.
DOCX_BINARY_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf")
ZIP_LOCAL_HEADER = struct.Struct("<4s5H3L2H")

PDF_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/XFA"})
PDF_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToR",
        "/GoToE",
        "/RichMediaExecute",
    }
)
PDF_ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia"})
PDF_ACTIVE_URI_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
PDF_STREAM_FILTER = re.compile(rb"/Filter\s*\[?\s*/(\w+)")


@dataclass(frozen=True)
class CheckedUpload:
    """What the checks found: the content type to store and serve, and a PDF's page count."""

    content_type: str
    page_count: int | None


def size_text(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def upload_check(*, filename: str, content: bytes) -> CheckedUpload:
    """Check an upload (see the module docstring); raise `ValidationError` on `file` if refused.

    The type is decided by the extension and confirmed by the contents: what the browser
    declared is never trusted."""
    extension = PurePath(filename).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise _refuse(DOCUMENT_TYPE_NOT_ALLOWED)
    if not content:
        raise _refuse(DOCUMENT_EMPTY)
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise _refuse(DOCUMENT_TOO_LARGE.format(limit=size_text(settings.UPLOAD_MAX_BYTES)))
    content_type, label = ALLOWED_TYPES[extension]
    if extension == ".pdf":
        return CheckedUpload(content_type=content_type, page_count=_pdf_check(content, label))
    if extension == ".docx":
        _docx_check(content, label)
    else:
        _html_check(content, label)
    return CheckedUpload(content_type=content_type, page_count=None)


def _is_zip(content: bytes) -> bool:
    """Whether a zip archive is in there (zipfile finds one appended to anything). Opening it,
    rather than `zipfile.is_zipfile`, checks the central directory too: the end-of-archive
    signature alone turns up by chance in compressed data."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return bool(archive.infolist())
    except Exception:  # zipfile raises many types on what is not a zip; all mean "not one"
        return False


# --- Web pages ------------------------------------------------------------------------------


def _html_check(content: bytes, label: str) -> None:
    if not HTML_START.match(content.removeprefix(b"\xef\xbb\xbf")[:4096]):
        raise _refuse(DOCUMENT_CONTENT_MISMATCH.format(label=label))
    # PDF readers look for the header anywhere near the start, so a page holding one is also a PDF.
    if PDF_HEADER in content or _is_zip(content):
        raise _refuse(UPLOAD_POLYGLOT.format(label=label))


# --- Word documents -----------------------------------------------------------------------------


def _docx_check(content: bytes, label: str) -> None:
    # zipfile reads an archive from its end, so it would accept anything with a zip appended;
    # a Word document must be a zip from its first byte.
    if not content.startswith(b"PK\x03\x04"):
        raise _refuse(DOCUMENT_CONTENT_MISMATCH.format(label=label))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except Exception as exc:  # as in _is_zip: whatever zipfile raises, it is not a Word document
        raise _refuse(DOCUMENT_CONTENT_MISMATCH.format(label=label)) from exc
    if not any(member.filename == "word/document.xml" for member in members):
        raise _refuse(DOCUMENT_CONTENT_MISMATCH.format(label=label))
    limit = settings.UPLOAD_DOCX_MAX_INFLATED_BYTES
    if sum(member.file_size for member in members) > limit:
        raise _refuse(UPLOAD_DOCX_INFLATES_TOO_MUCH.format(limit=size_text(limit)))
    for member in members:
        if member.file_size > DOCX_RATIO_FLOOR and member.file_size > DOCX_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise _refuse(UPLOAD_DOCX_OVERCOMPRESSED)
    skipped = list(_docx_opaque_spans(content, members))
    for match in DOCX_SIGNATURE.finditer(content):
        if not any(start <= match.start() < end for start, end in skipped):
            raise _refuse(UPLOAD_POLYGLOT.format(label=label))


def _docx_opaque_spans(content: bytes, members: list[zipfile.ZipInfo]) -> Iterator[tuple[int, int]]:
    """The byte ranges of compressed members and stored images: opaque data, not markup."""
    for member in members:
        opaque = member.compress_type != zipfile.ZIP_STORED or member.filename.lower().endswith(
            DOCX_BINARY_MEDIA
        )
        header = content[member.header_offset : member.header_offset + ZIP_LOCAL_HEADER.size]
        if not opaque or len(header) < ZIP_LOCAL_HEADER.size:
            continue
        fields = ZIP_LOCAL_HEADER.unpack(header)
        start = member.header_offset + ZIP_LOCAL_HEADER.size + fields[9] + fields[10]
        yield start, start + member.compress_size


# --- PDFs ---------------------------------------------------------------------------------------


def _pdf_check(content: bytes, label: str) -> int:
    """Refuse a PDF that is something else too or carries active content; return its pages."""
    if not content.startswith(PDF_HEADER):
        raise _refuse(DOCUMENT_CONTENT_MISMATCH.format(label=label))
    if _is_zip(content) or any(
        not _in_compressed_stream(content, match.start())
        for match in SCRIPT_SIGNATURE.finditer(content)
    ):
        raise _refuse(UPLOAD_POLYGLOT.format(label=label))
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse(DOCUMENT_PDF_UNREADABLE)
        page_count = len(reader.pages)
        active = any(_pdf_object_active(obj) for obj in _pdf_objects(reader))
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many types on malformed input; all mean "unreadable"
        raise _refuse(DOCUMENT_PDF_UNREADABLE) from exc
    if active:
        raise _refuse(UPLOAD_PDF_ACTIVE_CONTENT)
    return page_count


def _in_compressed_stream(content: bytes, position: int) -> bool:
    """Whether `position` lies in the data of a stream that is really compressed."""
    start = content.rfind(b"stream", 0, position)
    while start >= 3 and content[start - 3 : start] == b"end":
        start = content.rfind(b"stream", 0, start)
    if start == -1:
        return False
    end = content.find(b"endstream", start + 6)
    if end != -1 and end < position:
        return False
    dictionary = content[content.rfind(b"obj", 0, start) + 3 : start]
    found = PDF_STREAM_FILTER.search(dictionary)
    if found is None:
        return False
    if found.group(1) not in (b"FlateDecode", b"Fl"):
        return True
    data = content[start + 6 : start + 10].lstrip(b"\r\n")[:2]
    # A zlib stream opens with a header whose 16 bits are a multiple of 31 (RFC 1950 §2.2).
    return len(data) == 2 and data[0] & 0x0F == 8 and int.from_bytes(data) % 31 == 0


def _pdf_objects(reader: PdfReader) -> Iterator[PdfObject | None]:
    """Every object the file defines, reachable or not, compressed object streams included
    (None for a number the cross-reference table lists but the file does not hold)."""
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader).get_object()
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader).get_object()


def _resolved(value: PdfObject | None) -> object:
    # `object`: names are `NameObject`s, which are `str`s, and compare with the names we look for.
    return value.get_object() if isinstance(value, IndirectObject) else value


def _pdf_object_active(obj: PdfObject | None) -> bool:
    """Whether the object, or anything nested directly in it, is active content. Indirect
    references are not followed: `_pdf_objects` visits every object in its own right."""
    pending = [obj]
    while pending:
        current = pending.pop()
        if isinstance(current, DictionaryObject):
            if _pdf_dictionary_active(current):
                return True
            pending.extend(v for v in current.values() if not isinstance(v, IndirectObject))
        elif isinstance(current, ArrayObject):
            pending.extend(v for v in current if not isinstance(v, IndirectObject))
    return False


def _pdf_dictionary_active(dictionary: DictionaryObject) -> bool:
    if PDF_ACTIVE_KEYS.intersection(dictionary.keys()):
        return True
    action = _resolved(dictionary.get("/S"))
    if action in PDF_ACTIVE_ACTIONS:
        return True
    if _resolved(dictionary.get("/Type")) == "/EmbeddedFile":
        return True
    if _resolved(dictionary.get("/Subtype")) in PDF_ACTIVE_SUBTYPES:
        return True
    if action == "/URI":
        uri = str(_resolved(dictionary.get("/URI")) or "").strip().lower()
        return uri.startswith(PDF_ACTIVE_URI_SCHEMES)
    return False
