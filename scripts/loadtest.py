"""`make loadtest`: Locust against gunicorn with the production settings, on 127.0.0.1 only.

    DATABASE_URL=postgres://… .venv/bin/python scripts/loadtest.py [--users 50] [--time 60s]

Starts a Redis of its own (the production cache) and gunicorn (gunicorn.conf.py) on 127.0.0.1,
runs Locust headless for a bounded time with a bounded number of users (scripts/locustfile.py),
reads each gunicorn worker's resident memory from /proc, stops what it started by pid, and
reports requests a second, p50/p95/p99 and errors per endpoint as a markdown table and as
loadtest.json at the repository root.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REDIS_PORT = 6391
# Measured one after another, each for --time, the trivial view last.
ENDPOINTS = ("meeting", "decisions", "calendar", "healthz")


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return done.stdout.decode()


def _wait_for(url: str, host: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            request = urllib.request.Request(url, headers={"Host": host})
            with urllib.request.urlopen(request, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError) as error:
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer {url}: {error}") from error
            time.sleep(0.5)


def _rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _stop(process: subprocess.Popen[bytes], name: str) -> None:
    """Stop a process this script started, by its pid: TERM, then KILL after 30 s."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop in 30 s: killing it", file=sys.stderr)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.machine()


def _endpoints(stats_csv: Path) -> list[dict[str, Any]]:
    rows = []
    with stats_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "endpoint": row["Name"],
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                    "p99_ms": float(row["99%"]),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--time", default="60s", help="Locust's --run-time, e.g. 60s or 2m")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--output", default=str(ROOT / "loadtest.json"))
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("Set DATABASE_URL to the benchmark's database (make loadtest does).")

    base = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-only"}
    targets = json.loads(_manage(base, "bench_targets"))
    host = targets["host"]
    production = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": f"{host},127.0.0.1",
        # Plain HTTP on loopback: no TLS to redirect to.
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/1",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_ACCESS_LOG": "",
    }
    _manage(production, "collectstatic", "--noinput", "-v0")

    started: list[tuple[subprocess.Popen[bytes], str]] = []
    redis = shutil.which("redis-server")
    try:
        if redis:
            started.append(
                (
                    subprocess.Popen(
                        [
                            redis,
                            "--bind",
                            "127.0.0.1",
                            "--port",
                            str(REDIS_PORT),
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                        ],
                        stdout=subprocess.DEVNULL,
                    ),
                    "redis",
                )
            )
        else:
            print("No redis-server: the production cache answers nothing.", file=sys.stderr)
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py"], cwd=ROOT, env=production
        )
        started.append((gunicorn, "gunicorn"))
        url = f"http://127.0.0.1:{args.port}"
        _wait_for(f"{url}/healthz", host, 60)
        with tempfile.TemporaryDirectory() as scratch:
            prefix = Path(scratch) / "load"
            locust = [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "scripts" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 5)),
                "--run-time",
                args.time,
                "--stop-timeout",
                "5",
                "--host",
                url,
            ]
            endpoints = []
            for endpoint in ENDPOINTS:
                env = {
                    **os.environ,
                    "BENCH_HOST": host,
                    "BENCH_MEETING": str(targets["meeting"]),
                    "LOAD_ENDPOINT": endpoint,
                }
                csv_prefix = f"{prefix}-{endpoint}"
                run = [*locust, "--csv", csv_prefix]
                subprocess.run(run, env=env, cwd=ROOT, check=False, timeout=3600)
                rows = _endpoints(Path(f"{csv_prefix}_stats.csv"))
                endpoints += [row for row in rows if row["endpoint"] != "Aggregated"]
            trivial = next(row["rps"] for row in endpoints if row["endpoint"] == "/healthz")
            for row in endpoints:
                row["of_trivial"] = round(row["rps"] / trivial, 2) if trivial else None
        workers = [{"pid": pid, "rss_kb": _rss_kb(pid)} for pid in _children(gunicorn.pid)]
        master_rss = _rss_kb(gunicorn.pid)
    finally:
        for process, name in reversed(started):
            _stop(process, name)

    machine = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "database": targets["database"],
        "python": platform.python_version(),
    }
    report = {
        "machine": machine,
        "users": args.users,
        "run_time_each": args.time,
        "endpoints": endpoints,
        "gunicorn": {"master_rss_kb": master_rss, "workers": workers},
    }
    print(
        f"\n{args.users} users for {args.time}; {machine['cpu']}, {machine['cores']} cores; "
        f"{machine['database']}; Python {machine['python']}\n"
    )
    print("| endpoint | requests | req/s | of /healthz | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in endpoints:
        print(
            f"| {row['endpoint']} | {row['requests']} | {row['rps']} | {row['of_trivial']:.0%} | "
            f"{row['p50_ms']:.0f} | "
            f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['errors']} |"
        )
    print("\n| gunicorn process | RSS MiB |\n|---|---:|")
    print(f"| master {gunicorn.pid} | {(master_rss or 0) / 1024:.0f} |")
    for worker in workers:
        print(f"| worker {worker['pid']} | {(worker['rss_kb'] or 0) / 1024:.0f} |")
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {args.output}.")


if __name__ == "__main__":
    main()
