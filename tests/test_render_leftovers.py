"""A worker killed mid-render leaves no render child and no font folder behind (D9).

Each test runs a separate Python process as the worker and kills it with
SIGKILL, as the out-of-memory killer or a timeout would.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

WORKER = """
import os, sys, time, django
django.setup()
from rights_guide.letters.pdf import render
render.warm_up()
def write():
    with open(sys.argv[1], "w") as out:
        out.write(str(os.getpid()))
    time.sleep(60)
    return b""
print("ready", flush=True)
render._render_apart(write) if sys.argv[2] == "child" else time.sleep(60)
"""


def worker_env(var: Path) -> dict:
    """A var folder of its own for the worker, sharing the built fonts."""
    if not (var / "fonts").exists():
        (var / "fonts").symlink_to(Path(settings.VAR_DIR) / "fonts")
    env = {**os.environ, "DJANGO_VAR_DIR": str(var), "DJANGO_DEBUG": "1"}
    env["DJANGO_SETTINGS_MODULE"] = "rights_guide.settings"
    env.pop("DATABASE_URL", None)
    return env


def start_worker(var: Path, mode: str, pid_file: Path) -> subprocess.Popen:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(pid_file), mode],
        cwd=settings.BASE_DIR,
        env=worker_env(var),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout.readline().strip() == "ready"
    return worker


def running(pid: int) -> bool:
    try:
        status = Path("/proc/%d/status" % pid).read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_for(condition, seconds: float = 20) -> bool:
    """Poll ``condition`` for up to ``seconds`` (a bound on waiting, not a speed check)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_the_render_child_dies_with_its_killed_worker(tmp_path):
    pid_file = tmp_path / "child.pid"
    worker = start_worker(tmp_path, "child", pid_file)
    try:
        assert wait_for(lambda: pid_file.exists() and pid_file.read_text())
        child = int(pid_file.read_text())
        assert running(child)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert wait_for(lambda: not running(child), seconds=10)
    finally:
        worker.kill()
        if pid_file.exists() and pid_file.read_text() and running(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_a_killed_worker_s_font_folder_is_removed_when_the_next_worker_starts(tmp_path):
    worker = start_worker(tmp_path, "idle", tmp_path / "unused")
    try:
        folders = list((tmp_path / "render-tmp").glob("weasyprint-%d-*" % worker.pid))
        assert len(folders) == 1 and any(folders[0].iterdir())  # the fonts, copied
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    assert folders[0].exists()  # nothing ran on the way out
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from rights_guide.letters.pdf import render; render.warm_up()",
        ],
        cwd=settings.BASE_DIR,
        env=worker_env(tmp_path),
        check=True,
    )
    assert not folders[0].exists()
    assert list((tmp_path / "render-tmp").iterdir()) == []  # and its own went on a clean exit
