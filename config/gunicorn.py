"""gunicorn's settings for every web process (Dockerfile, docker-compose.yml):
`gunicorn -c config/gunicorn.py config.wsgi:application`. Environment: WEB_CONCURRENCY (processes;
default one per core this container may use), GUNICORN_THREADS (threads per process; default 8),
GUNICORN_BIND.

Why threads (docs/capacity.md, "An opening day, simulated", fourth round): an opening's mix holds
cheap cached pages (a few ms) and expensive requests side by side (signed-in pages, the vendors'
dashboard and uploads: 25-100 ms of CPU each). With sync workers a cached page waits in the
listen queue behind whichever expensive requests hold the workers; with 8 threads per process
each request starts at once and the cheap ones finish first. Measured on 2 cores, 20 users with
no think time: 2 sync workers served the anonymous steps at 3.5-4.3 req/s with p50 ≈ 3 s; 2
processes × 8 threads, with the images worker at nice 10, 31-36 req/s with p50 0.1-0.2 s. Threads
add no CPU (the GIL), only this ordering; one process per core keeps every core busy.

Each thread keeps its own database connection (CONN_MAX_AGE): 8 per process, which is what
PgBouncer (docker-compose.yml) is there for.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or len(os.sched_getaffinity(0)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Idle keep-alive connections wait in the poller, not in a thread. Longer than the proxy's idle
# timeout for its upstream connections (nginx: 60 s), so gunicorn never closes one just as the
# proxy sends a request on it (a POST on a connection closed under it is lost, not retried).
keepalive = 65
accesslog = "-"
# Refused with 400 before Django runs (docs/deploy.md, "Request size limits").
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
