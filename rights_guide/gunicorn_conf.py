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

Why workers used to pass the limit within a minute of PDF load (6 recycles
in 2 minutes in the December 2026 probe, D16): glibc gives each thread
that allocates its own malloc arena (up to 8 per core: 16 here), and
memory freed in an arena stays with it. A letter's render allocates some
40 MB and frees it, in whichever of the 16 threads served the request, so
every thread's arena ended up holding its own 40 MB: one process, renders
serialised by a lock, went from 80 to 640 MB of anonymous memory over 200
small letters from 12 threads. ``post_fork`` caps the arenas at
``MALLOC_ARENAS`` before the worker starts its threads, so freed memory is
reused by the next render whatever thread it runs in.
"""

import ctypes
import os
import sys

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


MALLOC_ARENAS = 2
SWITCH_INTERVAL = float(os.environ.get("GUNICORN_SWITCH_INTERVAL", "0.001"))
M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Cap glibc's malloc arenas for threads created from now on; False when not glibc."""
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas))
    except (OSError, AttributeError):
        return False


def post_fork(server, worker):
    limit_malloc_arenas()
    # A thread reading or building a large letter holds the GIL for up to the
    # switch interval at a time, and a page's thread waits that long at each of
    # its many I/O steps; 1 ms instead of 5 keeps pages quick beside a letter.
    sys.setswitchinterval(SWITCH_INTERVAL)


def post_worker_init(worker):
    from rights_guide.letters import warm_up

    warm_up()


def post_request(worker, request, environ, response):
    if resident_megabytes() > MAX_MEMORY_MB and worker.alive:
        worker.log.info("Worker %s uses over %d MB: recycling it", worker.pid, MAX_MEMORY_MB)
        worker.alive = False
