"""Reading files: text, HTML, .docx and .pdf, and clear errors for files that are not minutes."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from core import readers
from core.readers import ReadError, read_bytes, read_path
from imports.parser import parse

MINUTES_LINES = [
    "Minutes of a meeting of the Northmoor Police and Crime Panel held at the Civic Centre on "
    "Monday, 2 June 2025.",
    "PRESENT",
    "Cllr. Ann Barker (in the Chair)",
    "12. Commissioner's Update.",
    "RESOLVED:",
    "(a) That the update be noted.",
    "(b) That the PCC be requested to provide a written response on custody times.",
]


def pdf_with_text(pages: list[list[str]]) -> bytes:
    """A small real PDF whose pages hold `pages` lines of text (Helvetica), readable by pypdf."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * n for n in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for n, lines in enumerate(pages):
        stream = b"BT /F1 10 Tf 40 800 Td 14 TL "
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            stream += b"(" + escaped.encode("latin-1") + b") Tj T* "
        stream += b"ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_ids[n] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def docx_with_paragraphs(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Report by"
    table.cell(0, 1).text = "(Pages 1 - 4)"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _check(result: readers.ReadResult) -> None:
    document = parse(result.text)
    # Helvetica's quoteright comes back from a PDF as a curly apostrophe.
    titles = [(i.number, i.title.replace("’", "'")) for i in document.items]
    assert titles == [("12", "Commissioner's Update.")]
    assert [(r.label, r.trackable, r.addressee) for r in document.items[0].resolutions] == [
        ("(a)", False, None),
        ("(b)", True, "PCC"),
    ]


def test_reads_plain_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "\n\n".join(MINUTES_LINES).encode())
    result = read_path(path)
    assert result.kind == "text" and len(result.sha256) == 64
    _check(result)


def test_reads_cp1252_text(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes("\n\n".join([*MINUTES_LINES, "Costs of £1,200 – noted."]).encode("cp1252"))
    result = read_path(path)
    assert "£1,200 –" in result.text


def test_reads_docx(tmp_path: Path) -> None:
    path = tmp_path / "minutes.docx"
    path.write_bytes(docx_with_paragraphs(MINUTES_LINES))
    result = read_path(path)
    assert result.kind == "docx"
    assert "Report by\t(Pages 1 - 4)" in result.text
    _check(result)


def test_reads_pdf_pages(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(pdf_with_text([MINUTES_LINES[:4], MINUTES_LINES[4:]]))
    result = read_path(path)
    assert (result.kind, result.page_count) == ("pdf", 2)
    _check(result)
    assert parse(result.text).page_count == 2


def test_reads_html_page(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    body = "".join(f"<p>{line}</p>" for line in MINUTES_LINES)
    path.write_text(f"<!DOCTYPE html><html><head><style>p{{}}</style></head><body>{body}</body>")
    result = read_path(path)
    assert result.kind == "html"
    _check(result)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("garbage.txt", bytes(range(256)) * 40, "looks like a binary file"),
        ("garbage.bin", b"\x89PNG\r\n\x1a\n" + b"\x00\x10" * 500, "looks like a binary file"),
        ("broken.docx", b"PK\x03\x04not really a zip", "cannot be opened"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "this PDF cannot be read"),
        ("old.doc", b"Some text in an old Word file", ".doc files are not supported"),
    ],
)
def test_unreadable_files_raise_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        read_path(path)


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_with_text([[]]))
    with pytest.raises(ReadError, match="no text could be read"):
        read_path(path)


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ReadError, match="over 50 MB"):
        read_path(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is not a file"):
        read_path(tmp_path)


def test_read_bytes_same_content_same_checksum() -> None:
    one = read_bytes(b"RESOLVED: That the report be noted.", name="a.txt")
    two = read_bytes(b"RESOLVED: That the report be noted.", name="b.txt")
    assert one.sha256 == two.sha256
