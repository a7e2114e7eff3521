"""gunicorn settings: ``gunicorn -c python:rights_guide.gunicorn_conf rights_guide.wsgi``.

Workers are recycled now and then so a process that renders letters cannot
grow without bound, and each worker warms the PDF renderer before it takes
requests, so no visitor pays the first letter's second of start-up.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
max_requests = 500
max_requests_jitter = 50
timeout = 30


def post_worker_init(worker):
    from rights_guide.letters import warm_up

    warm_up()
