"""Sending a stored file (a paper, a response attachment) to the browser.

Stored files are never reachable by URL: nothing serves `MEDIA_URL` (config/urls.py has no media
route, WhiteNoise serves only the collected static files) and no page links to `FieldFile.url`.
Each file leaves through a view that first asks a selector whether the reader may see it, then
calls `stored_file_response`.

The approach for web pages (chosen over rendering their text through nh3): the file is sent as
uploaded, byte for byte, so the copy anyone downloads is the paper as published, and the headers
keep a browser from treating it as a page of this site:

- a PDF is shown inline as `application/pdf`, the one type a browser opens in its own viewer
  rather than as a page of this origin;
- everything else (web pages, Word documents) is sent as an attachment, so it is saved rather
  than rendered, with `Content-Security-Policy: sandbox` (plus `default-src 'none'`), so that
  if a browser renders it anyway it runs in a unique opaque origin, with no script, no form
  submission and nothing loaded: none of the site's cookies or pages are within its reach;
- every file carries `X-Content-Type-Options: nosniff`, so the declared type is the one used.

django-csp's middleware sets its site-wide policy only on responses that have none, so the
sandbox policy set here is the one the browser receives.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

PDF = "application/pdf"
FILE_SANDBOX_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'"


def stored_file_response(*, file: FieldFile, content_type: str, filename: str) -> FileResponse:
    """The stored file with headers that keep it from running as part of this site."""
    inline = content_type == PDF
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not inline:
        response["Content-Security-Policy"] = FILE_SANDBOX_POLICY
    return response
