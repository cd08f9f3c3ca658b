"""The API over HTTP: ETags and 304s, read-only methods, CORS, the rate limits, and the pages
for people (the browsable API under the Content-Security-Policy, and the API's own page)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.conftest import make_user
from tests.core.test_csp import inline_code

pytestmark = pytest.mark.django_db
URLS = ["/api/v1/", "/api/v1/system", "/api/v1/meetings", "/api/v1/openapi.json"]


@pytest.mark.parametrize("url", URLS)
def test_every_answer_has_an_etag_and_a_match_is_answered_304(api, record, url):
    first = api.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert api.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_the_etag_changes_when_the_answer_does(api, record):
    url = f"/api/v1/meetings/{record.meeting.pk}"
    etag = api.get(url)["ETag"]
    record.item.title = "Police and Crime Plan 2025-29"
    record.item.save()  # an embedded agenda item: the meeting's own row is unchanged
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Police and Crime Plan 2025-29" in changed.content.decode()


def test_objects_say_when_they_last_changed(api, record):
    response = api.get(f"/api/v1/meetings/{record.meeting.pk}")
    assert response["Last-Modified"].endswith(" GMT")
    # Information only: If-Modified-Since alone never earns a 304 (a list can change without any
    # of its objects changing).
    later = api.get("/api/v1/meetings", HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT")
    assert later.status_code == 200


def test_head_and_options_are_served_and_writes_refused(api, record):
    url = f"/api/v1/meetings/{record.meeting.pk}"
    head = api.head(url)
    assert head.status_code == 200 and head["ETag"]
    options = api.options(url)
    assert options.status_code == 200
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    for send in (api.post, api.put, api.patch, api.delete):
        refused = send(url, data="{}", content_type="application/json")
        assert refused.status_code == 405
        assert json.loads(refused.content)["type"] == "https://schema.oparl.org/1.1/Error"


def test_a_signed_in_browser_s_write_is_refused_405_not_403(record):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("reader", None))
    assert browser.post("/api/v1/meetings").status_code == 405
    assert browser.delete(f"/api/v1/meetings/{record.meeting.pk}").status_code == 405


def test_no_api_view_has_a_handler_for_a_write():
    api = next(r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "api")
    views = [p.callback.view_class for p in api.url_patterns if hasattr(p.callback, "view_class")]
    assert len(views) == len(api.url_patterns) - 1  # every one but the page for people
    for view in views:
        assert [m for m in ("post", "put", "patch", "delete") if hasattr(view, m)] == [], view


def test_browser_clients_on_other_sites_may_read_it(api, record):
    assert api.get("/api/v1/meetings")["Access-Control-Allow-Origin"] == "*"
    assert api.get("/api/v1/meetings/999999")["Access-Control-Allow-Origin"] == "*"


def test_an_object_the_public_may_not_see_is_404_with_oparl_s_error(api, record):
    for url in (
        f"/api/v1/meetings/{record.private_meeting.pk}",
        f"/api/v1/meetings/{record.unpublished_meeting.pk}",
        f"/api/v1/meetings/{'9' * 30}",
        f"/api/v1/meetings/{record.unpublished_meeting.pk}/invitation",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert json.loads(response.content)["type"] == "https://schema.oparl.org/1.1/Error"


def test_anonymous_clients_are_throttled_with_retry_after(api, record, settings):
    settings.API_ANON_RATE = "3/minute"
    assert [api.get("/api/v1/bodies").status_code for _ in range(3)] == [200] * 3
    throttled = api.get("/api/v1/meetings")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    error = json.loads(throttled.content)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert "throttled" in error["message"].lower()


def test_signed_in_readers_get_the_higher_rate(record, settings):
    settings.API_ANON_RATE = "3/minute"
    settings.API_USER_RATE = "6/minute"
    reader = Client()
    reader.force_login(make_user("reader", None))
    assert [reader.get("/api/v1/bodies").status_code for _ in range(6)] == [200] * 6
    assert reader.get("/api/v1/bodies").status_code == 429
    # The anonymous count is separate: an anonymous client still has its own three.
    assert Client().get("/api/v1/bodies").status_code == 200


def test_the_browsable_api_runs_under_the_content_security_policy(api, record):
    response = api.get("/api/v1/meetings", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    finder = inline_code(html)
    assert finder.problems == []
    assert finder.scripts_with_src >= 5  # DRF's scripts, each a file under /static/
    assert 'href="/static/rest_framework/css/bootstrap.min.css"' in html
    assert 'src="/static/rest_framework/js/jquery' in html
    assert "Police and Crime Plan" in html  # the data, rendered for reading
    assert 'href="/api/"' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_api_page_lists_the_endpoints_and_the_openapi_document(api, record, settings):
    settings.API_ANON_RATE = "60/minute"
    page = api.get("/api/").content.decode()
    assert "Open data API" in page
    for url in ("/api/v1/", "/api/v1/meetings", "/api/v1/tracked-items", "/api/v1/grants",
                "/api/v1/openapi.json", "/grants/360giving.json"):  # fmt: skip
        assert f'href="{url}"' in page, url
    assert "The rate limit is 60/minute without signing in" in page
    assert inline_code(page).problems == []
    assert 'href="/api/"' in api.get("/").content.decode()  # the footer links to it
