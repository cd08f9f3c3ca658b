"""gunicorn's settings for the web service (docker-compose.yml, the Dockerfile, make loadtest),
tuned for a machine of 2 cores; each may be overridden from the environment.

Threaded workers (gthread): a request spends much of its time waiting on PostgreSQL, which a
thread gives back to the others, and a slow client holds a thread, not a whole worker. Two
workers a core keep both cores busy while one worker waits on its GIL; a few threads each.
Workers are recycled after five thousand requests or so (jittered, so they do not all restart at
once), which bounds the memory any slow leak can take. The app is loaded once in the master
before the workers fork (preload_app), so they share its pages of code and start fast; Django
opens no database connection at import, so none is shared across the fork.
https://docs.gunicorn.org/en/stable/settings.html
"""

from __future__ import annotations

import os

cores = int(os.environ.get("GUNICORN_CORES", "2"))

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * cores)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
preload_app = True
# A PDF build is the slowest request; anything past this is stuck, and the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
# The workers' heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
