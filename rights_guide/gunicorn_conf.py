"""gunicorn settings: ``gunicorn -c python:rights_guide.gunicorn_conf rights_guide.wsgi``.

Threaded workers (``gthread``): a letter rendering, or waiting for a render
slot (rights_guide.letters.pdf.slots), holds one thread, not a whole worker, so
pages keep answering while letters render. Renders are limited machine-wide
by the slots, not by the number of threads.

Workers are recycled when they have grown past GUNICORN_MAX_MEMORY_MB
(checked after each request) or, as a backstop, after a large and jittered
number of requests: each new worker spends about two seconds warming the
PDF renderer, so recycling every few hundred requests (as before) cost
visible latency under load. Each worker warms the renderer before it takes
requests, so no visitor pays the first letter's second of start-up.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
# More threads than letters can queue (rights_guide.letters.pdf.slots), so some are
# always left for pages.
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
max_requests = 20_000
max_requests_jitter = 4_000
timeout = 30
# When an access log is enabled (--access-logfile), it records the path
# without the query string (%(U)s, not %(r)s or %(q)s), and no Referer: a
# search or a mistyped link can put what a visitor typed in either.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
MAX_MEMORY_MB = int(os.environ.get("GUNICORN_MAX_MEMORY_MB", "400"))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def resident_megabytes() -> float:
    """This process's resident memory, from /proc (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 2**20


def post_worker_init(worker):
    from rights_guide.letters import warm_up

    warm_up()


def post_request(worker, request, environ, response):
    if resident_megabytes() > MAX_MEMORY_MB and worker.alive:
        worker.log.info("Worker %s uses over %d MB: recycling it", worker.pid, MAX_MEMORY_MB)
        worker.alive = False
