"""HTML to PDF with WeasyPrint, styled by print stylesheets kept as static files.

The PDF templates carry no <style>: each renderer names its stylesheet under static/css/pdf/,
found through the staticfiles finders (so from the source tree, not from collectstatic), and
WeasyPrint applies it as an author stylesheet, as it would a <style> in the document.
https://doc.courtbouillon.org/weasyprint/stable/api_reference.html#weasyprint.HTML.write_pdf
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured


def stylesheet_path(name: str) -> str:
    """The file of a static stylesheet, e.g. "css/pdf/meetings.css"."""
    path = finders.find(name)
    if not isinstance(path, str):
        raise ImproperlyConfigured(f"No static file {name!r} for the PDFs.")
    return path


def pdf_from_html(
    html: str, *, stylesheets: Sequence[str] = (), css: str = "", base_url: str | None = None
) -> bytes:
    """Lay out `html` as a PDF with the named static stylesheets, then `css` (rules that depend
    on the document, such as a page total known only to the caller)."""
    from weasyprint import CSS, HTML  # imported late: it loads Pango, which web pages don't need

    sheets = [CSS(filename=stylesheet_path(name)) for name in stylesheets]
    if css:
        sheets.append(CSS(string=css))
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR))
    pdf: bytes = document.write_pdf(stylesheets=sheets)
    return pdf
