"""Background work survives a stopped broker, a killed worker and a dropped database connection.

Each scenario is tried a few times against real processes (see conftest.py) and reports
"tried, survived, lost, duplicated": survived means the work was done exactly once, lost that it
was not done in time, duplicated that it was stored more than once.
"""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import outbox_sweep as outbox_sweep_now
from core.tasks import outbox_sweep
from meetings.models import Document, Meeting
from meetings.services import minutes_publish_draft
from meetings.tasks import meeting_pdf_build
from scrutiny.publishing_views import PDF_FOLLOWS
from tests.conftest import BASE_DIR
from tests.faults.conftest import Worker, free_port, running_pids, wait_for
from tests.meetings.factories import MeetingFactory, MinuteFactory, MinutePointFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TRIES = 5
MINUTES = Document.Kind.MINUTES
# Minutes long enough to render for several seconds (about 60 pages), so that the worker can
# be killed in the middle however fast the machine.
LONG_MINUTES = 150
LONG_POINT = "The Panel were assured that the estates review would report in the new year. " * 4


def figures(name: str, tried: int, survived: int, lost: int, duplicated: int) -> str:
    return f"{name}: tried {tried}, survived {survived}, lost {lost}, duplicated {duplicated}"


def held_meeting(minutes: int = 2, points: int = 0) -> Meeting:
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    for number in range(1, minutes + 1):
        minute = MinuteFactory(meeting=meeting, number=number, title=f"Minute {number}")
        for _ in range(points):
            MinutePointFactory(minute=minute, text=LONG_POINT)
    return meeting


def minutes_documents(meeting: Meeting) -> int:
    return Document.objects.filter(meeting=meeting, kind=MINUTES).count()


def message_for(meeting: Meeting) -> OutboxMessage:
    return OutboxMessage.objects.get(key__startswith=f"meeting_pdf_build:{meeting.pk}:{MINUTES}:")


def done(message: OutboxMessage) -> bool:
    message.refresh_from_db()
    return message.done_at is not None


def test_broker_stopped_while_publishing_minutes(
    fault_broker, start_worker, client_as, fault_report
):
    """(a) The request succeeds at once; once the broker is back, the sweep (sent as beat
    sends it) dispatches the build, and the minutes PDF is stored exactly once."""
    start_worker()
    client = client_as("democratic")
    survived = lost = duplicated = 0
    slowest = 0.0
    for _ in range(TRIES):
        meeting = held_meeting()
        fault_broker.stop()
        started = time.monotonic()
        response = client.post(reverse("scrutiny:manage-minutes-publish", args=[meeting.pk]))
        took = time.monotonic() - started
        slowest = max(slowest, took)
        page = client.get(response["Location"]).content.decode()
        message = message_for(meeting)
        answered = (
            response.status_code == 302
            and took < 5
            and PDF_FOLLOWS in page
            and message.dispatched_at is None
            and message.done_at is None
        )
        fault_broker.start()
        outbox_sweep.apply_async(ignore_result=True)
        if not wait_for(lambda message=message: done(message), timeout=90):
            lost += 1
            continue
        # A second delivery, and a second build of the same publication: still one Document.
        outbox_sweep_now(now=timezone.now() + datetime.timedelta(days=1))
        meeting_pdf_build(meeting.pk, MINUTES)
        stored = minutes_documents(meeting)
        if stored > 1:
            duplicated += 1
        elif stored == 1 and answered:
            survived += 1
    fault_report(
        figures("(a) broker stopped while publishing minutes", TRIES, survived, lost, duplicated)
        + f"; slowest publish {slowest:.1f} s"
    )
    assert (survived, lost, duplicated) == (TRIES, 0, 0)


def test_worker_child_killed_mid_build(fault_broker, start_worker, users, fault_report):
    """(b) The pool process building the PDF is SIGKILLed: with acks_late and
    reject_on_worker_lost the message goes back to the queue, a new pool process builds it,
    and the PDF is stored once."""
    worker = start_worker()
    survived = lost = duplicated = 0
    for _ in range(TRIES):
        meeting = held_meeting(minutes=LONG_MINUTES, points=4)
        minutes_publish_draft(meeting=meeting, actor=users["democratic"])
        message = message_for(meeting)
        assert wait_for(lambda: running_pids(worker), timeout=60), worker.text()
        # Killed as soon as the build is seen running: it renders for seconds even on a
        # quiet machine, so the kill always lands mid-build.
        os.kill(running_pids(worker)[0], signal.SIGKILL)
        if not wait_for(lambda message=message: done(message), timeout=120):
            lost += 1
            continue
        stored = minutes_documents(meeting)
        if stored > 1:
            duplicated += 1
        elif stored == 1:
            survived += 1
    log = worker.text()
    # Killed while running a task, not idle: each kill lost a job, which went back to the queue.
    killed = log.count("WorkerLostError('Worker exited prematurely: signal 9 (SIGKILL)")
    runs = re.findall(r"outbox_run\[([0-9a-f-]+)\] succeeded", log)
    duplicated += len(runs) - len(set(runs))
    fault_report(
        figures("(b) worker process SIGKILLed mid-build", TRIES, survived, lost, duplicated)
        + f"; {killed} builds interrupted, {len(set(runs))} completed"
    )
    assert killed == TRIES and len(runs) == TRIES
    assert (survived, lost, duplicated) == (TRIES, 0, 0)


def test_whole_worker_killed_mid_build(fault_broker, start_worker, users, fault_report):
    """(b') The whole worker (main process and pool) is SIGKILLed, as when its container is:
    nobody is left to hand the message back, so Redis redelivers it to the next worker after
    the visibility timeout (5 s here, 900 s in production)."""
    tries = 3
    visibility = "5"
    survived = lost = duplicated = 0
    worker = start_worker(CELERY_VISIBILITY_TIMEOUT=visibility)
    killed: list[Worker] = []
    for _ in range(tries):
        meeting = held_meeting(minutes=LONG_MINUTES, points=4)
        minutes_publish_draft(meeting=meeting, actor=users["democratic"])
        message = message_for(meeting)
        assert wait_for(lambda worker=worker: running_pids(worker), timeout=60), worker.text()
        worker.kill()
        killed.append(worker)
        time.sleep(int(visibility) + 1)
        worker = start_worker(CELERY_VISIBILITY_TIMEOUT=visibility)  # also the next try's
        if not wait_for(lambda message=message: done(message), timeout=120):
            lost += 1
            continue
        stored = minutes_documents(meeting)
        if stored > 1:
            duplicated += 1
        elif stored == 1:
            survived += 1
    # Each killed worker had received its build and not finished it; each build finished once.
    interrupted = 0
    for dead in killed:
        last = re.findall(r"outbox_run\[([0-9a-f-]+)\] received", dead.text())[-1]
        interrupted += f"{last}] succeeded" not in dead.text()
    log = "".join(w.text() for w in [*killed, worker])
    runs = re.findall(r"outbox_run\[([0-9a-f-]+)\] succeeded", log)
    duplicated += len(runs) - len(set(runs))
    fault_report(
        figures("(b') whole worker SIGKILLed mid-build", tries, survived, lost, duplicated)
        + f"; {interrupted} builds interrupted"
    )
    assert interrupted == tries
    assert (survived, lost, duplicated) == (tries, 0, 0)


def test_database_connection_dropped_between_requests(fault_broker, tmp_path, fault_report):
    """(c) A web worker's persistent connection (CONN_MAX_AGE) is terminated by the server, as a
    database restart or failover does: the next request reconnects (CONN_HEALTH_CHECKS)."""
    db = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{db['NAME']}?application_name=fault-web"
        ),
        "CONN_MAX_AGE": "600",
        "SECRET_KEY": "fault-test-key",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("CELERY_BROKER_URL", None)
    log = tmp_path / "gunicorn.log"
    web = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip

    def get(path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as reply:
                body = reply.read().decode()
                return reply.status if '"database": {"status": "ok"' in body else 599
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def terminate() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = 'fault-web' "
                "AND pid <> pg_backend_pid()"
            )
            return len(cursor.fetchall())

    try:
        assert wait_for(lambda: get("/healthz") == 200, timeout=60), log.read_text()
        survived = lost = 0
        for _ in range(TRIES):
            assert get("/healthz") == 200
            dropped = terminate()  # the connection kept open after that request
            if dropped == 1 and get("/healthz") == 200:
                survived += 1
            else:
                lost += 1
    finally:
        web.terminate()
        web.wait(timeout=20)
    fault_report(
        figures("(c) database connection dropped between requests", TRIES, survived, lost, 0)
    )
    assert (survived, lost) == (TRIES, 0)
