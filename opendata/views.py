"""The bulk download: its page, the panel's and the national ZIP, and the data dictionary.

The ZIPs are served as built by the worker (opendata.services); a request never builds one.
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET, require_safe

from core.downloads import stored_file_response
from core.models import Panel
from core.tenancy import current_panel
from opendata import archive, datasets, selectors, services

ZIP = "application/zip"
# How long a reader told "being prepared" should wait before asking again, in seconds.
RETRY_AFTER = 60


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    panel = current_panel()
    panel_export, national_export = selectors.exports_for_page(panel=panel)
    if panel_export is None:
        services.export_request(panel=panel)
    if national_export is None:
        services.export_request(panel=None)
    context = {  # the layout's context processor supplies `panel`
        "panel_export": panel_export,
        "national_export": national_export,
        "datasets": datasets.DATASETS,
        "dictionary_name": archive.DICTIONARY,
    }
    return render(request, "opendata/index.html", context)


def _download(request: HttpRequest, panel: Panel | None) -> HttpResponse | FileResponse:
    export = selectors.export_current(panel=panel)
    if export is None or not selectors.export_file_present(export):
        services.export_request(panel=panel, force=export is not None)
        context = {"national": panel is None}
        preparing = render(request, "opendata/preparing.html", context, status=202)
        preparing["Retry-After"] = str(RETRY_AFTER)
        return preparing
    etag = quote_etag(export.sha256)
    last_modified = int(export.built_at.timestamp())
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is not None:
        return unchanged
    response = stored_file_response(
        file=export.file, content_type=ZIP, filename=services.export_filename(panel)
    )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, no-cache"  # keep a copy, but ask (ETag) before using it
    return response


@require_safe  # HEAD too: download tools ask for the ETag before fetching
def panel_zip(request: HttpRequest) -> HttpResponse | FileResponse:
    return _download(request, current_panel())


@require_safe
def national_zip(request: HttpRequest) -> HttpResponse | FileResponse:
    return _download(request, None)


@require_GET
def dictionary(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(archive.dictionary_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{archive.DICTIONARY}"'
    return response
