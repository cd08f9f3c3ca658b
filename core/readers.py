"""Turn a file into text: plain text, HTML (a saved ModernGov page), .docx (python-docx) or
.pdf (pypdf). Every failure is a `ReadError` with a message for the user.

The minutes importer reads its uploads here, and the meetings app the text of papers for the
public search. No Django here, so the reader and the parser can be used (and benchmarked) on
their own.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024

READ_NOT_FOUND = "{name}: no such file."
READ_NOT_A_FILE = "{name}: is not a file."
READ_EMPTY = "{name}: the file is empty."
READ_TOO_LARGE = "{name}: the file is {size} MB; files over 50 MB are not read."
READ_BINARY = (
    "{name}: this looks like a binary file, not text; give a .txt, .html, .docx or .pdf file."
)
READ_DOCX_BROKEN = "{name}: this .docx file cannot be opened (is it damaged or not Word?)."
READ_PDF_BROKEN = "{name}: this PDF cannot be read ({reason})."
READ_PDF_ENCRYPTED = "{name}: this PDF is password-protected."
READ_NO_TEXT = (
    "{name}: no text could be read from this file (a scanned PDF needs OCR before import)."
)
READ_UNSUPPORTED = "{name}: .{ext} files are not supported; use .txt, .html, .docx or .pdf."

UNSUPPORTED_EXTENSIONS = frozenset({"doc", "rtf", "odt", "xls", "xlsx", "ppt", "pptx", "zip"})


class ReadError(Exception):
    """A file that cannot be read as minutes; the message says why, in one line."""


@dataclass(frozen=True)
class ReadResult:
    text: str
    kind: str  # "text", "html", "docx" or "pdf"
    sha256: str
    size: int
    page_count: int | None = None


def read_path(path: str | Path) -> ReadResult:
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise ReadError(READ_NOT_FOUND.format(name=path))
    if not path.is_file():
        raise ReadError(READ_NOT_A_FILE.format(name=path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(READ_TOO_LARGE.format(name=name, size=round(size / 1024 / 1024, 1)))
    return read_bytes(path.read_bytes(), name=name)


def read_bytes(content: bytes, *, name: str = "file") -> ReadResult:
    if len(content) > MAX_BYTES:
        raise ReadError(READ_TOO_LARGE.format(name=name, size=round(len(content) / 1024 / 1024, 1)))
    if not content.strip():
        raise ReadError(READ_EMPTY.format(name=name))
    digest = hashlib.sha256(content).hexdigest()
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    pages = None
    if content.startswith(b"%PDF") or ext == "pdf":
        text, pages, kind = *_pdf_text(content, name), "pdf"
    elif content.startswith(b"PK\x03\x04") or ext == "docx":
        text, kind = _docx_text(content, name), "docx"
    elif ext in UNSUPPORTED_EXTENSIONS:
        raise ReadError(READ_UNSUPPORTED.format(name=name, ext=ext))
    else:
        text = _decode(content, name)
        kind = "text"
        if ext in ("html", "htm") or re.match(r"\s*<(?:!doctype|html)\b", text[:200], re.I):
            text, kind = html_to_text(text), "html"
    if not text.strip():
        raise ReadError(READ_NO_TEXT.format(name=name))
    return ReadResult(text=text, kind=kind, sha256=digest, size=len(content), page_count=pages)


def _decode(content: bytes, name: str) -> str:
    sample = content[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(READ_BINARY.format(name=name))
    for encoding in (
        ("utf-8-sig", "utf-16") if sample.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",)
    ):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = content.decode("cp1252", errors="replace")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    odd = text[:8192].count("\ufffd")
    if (control + odd) > max(8, len(text[:8192]) // 50):
        raise ReadError(READ_BINARY.format(name=name))
    return text


def _docx_text(content: bytes, name: str) -> str:
    try:
        import docx  # python-docx (and lxml): heavy, so loaded only when a .docx is read
        from docx.opc.exceptions import PackageNotFoundError  # with docx, as above

        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise ReadError(READ_DOCX_BROKEN.format(name=name)) from error
    except Exception as error:  # python-docx raises assorted lxml errors on damaged parts
        raise ReadError(READ_DOCX_BROKEN.format(name=name)) from error
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(
                                " ".join(
                                    "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                    for p in cell.iter()
                                    if p.tag.endswith("}p")
                                ).strip()
                            )
                    blocks.append("\t".join(cells))
    # Word paragraphs are whole paragraphs: a blank line between them keeps them apart.
    return "\n\n".join(blocks)


def _pdf_text(content: bytes, name: str) -> tuple[str, int]:
    try:
        from pypdf import PdfReader  # heavy, needed only for .pdf: loaded on first use
        from pypdf.errors import PdfReadError  # with pypdf, as above

        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReadError(READ_PDF_ENCRYPTED.format(name=name))
            except ReadError:
                raise
            except Exception as error:
                raise ReadError(READ_PDF_ENCRYPTED.format(name=name)) from error
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except PdfReadError as error:
        raise ReadError(READ_PDF_BROKEN.format(name=name, reason=str(error)[:80])) from error
    except Exception as error:  # pypdf raises many kinds of error on damaged files
        reason = type(error).__name__
        raise ReadError(READ_PDF_BROKEN.format(name=name, reason=reason)) from error
    # A form feed between pages: the parser counts pages by it.
    return "\n\f\n".join(pages), len(pages)


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
    )
    SKIP = frozenset({"script", "style", "head", "nav", "footer"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # malformed markup: fall back to stripping tags
        return html.unescape(re.sub(r"<[^>]+>", "\n", markup))
    text = "".join(extractor.parts)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
