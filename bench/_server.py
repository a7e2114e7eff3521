"""Shared helpers for the benchmarks: a production-like gunicorn server and wrk."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int = 2, **extra_env: str):
    """Serve the app as in production (DEBUG off, compressed static files, the production
    gunicorn configuration) on a free port; ``extra_env`` adds settings."""
    var = Path(tempfile.mkdtemp(prefix="rights-guide-bench-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_VAR_DIR": str(var),
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///%s" % (var / "db.sqlite3")),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra_env,
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    port = free_port()
    env["GUNICORN_BIND"] = "127.0.0.1:%d" % port
    env["GUNICORN_WORKERS"] = str(workers)
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            "python:rights_guide.gunicorn_conf",
            "rights_guide.wsgi",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(300):  # each worker warms the PDF renderer before it answers
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var, ignore_errors=True)


def wrk(
    url: str,
    *,
    seconds: int = 10,
    body: str | None = None,
    threads: int = 2,
    connections: int = 16,
    content_type: str = "application/json",
) -> dict:
    """Run wrk against a URL (POSTing body if given) and parse requests/s and latencies."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    args = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency"]
    with tempfile.TemporaryDirectory() as folder:
        if body is not None:
            script = Path(folder) / "post.lua"
            # A Lua long string keeps backslashes as they are; only "]]" would end it.
            lua_body = body.replace("]]", "] ]")
            script.write_text(
                'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "%s"\n'
                % (lua_body, content_type)
            )
            args += ["-s", str(script)]
        output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }
