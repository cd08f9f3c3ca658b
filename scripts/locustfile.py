# mypy: disallow-subclassing-any=False, disallow-untyped-decorators=False
"""Locust's readers for `make loadtest` (scripts/loadtest.py runs it headless, bounded in users
and time, against gunicorn on 127.0.0.1 only): the public meeting page, the decisions register,
the calendar and the trivial health check, one at a time (LOAD_ENDPOINT), with no pause between
requests.

BENCH_HOST is the panel's host name (sent as Host, the server being 127.0.0.1), BENCH_MEETING
a public meeting of that panel.
"""

from __future__ import annotations

import os

from locust import FastHttpUser, constant, task

HEADERS = {"Host": os.environ.get("BENCH_HOST", "localhost")}
MEETING = os.environ.get("BENCH_MEETING", "1")


# The pages, by the name scripts/loadtest.py passes in LOAD_ENDPOINT: each is loaded on its own,
# in turn, so each one's throughput is measured against the same server and the trivial view's.
ENDPOINTS = {
    "meeting": (f"/meetings/{MEETING}/", "/meetings/<id>/"),
    "decisions": ("/decisions/", "/decisions/"),
    "calendar": ("/meetings/calendar.ics", "/meetings/calendar.ics"),
    "healthz": ("/healthz", "/healthz"),
}
PATH, NAME = ENDPOINTS[os.environ.get("LOAD_ENDPOINT", "healthz")]


class PublicReader(FastHttpUser):
    wait_time = constant(0)

    @task
    def read(self) -> None:
        self.client.get(PATH, headers=HEADERS, name=NAME)
