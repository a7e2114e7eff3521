"""Nothing a render leaves behind outlives the worker that made it.

Two leftovers were found when a worker was killed mid-render (``kill -9``,
the out-of-memory killer, gunicorn's timeout; the December 2026 probe, D9):

- the forked child laying out a large letter (``render._render_apart``)
  kept running for seconds, holding the client's socket and the render
  slot's lock it had inherited. ``die_with_parent`` asks the kernel to kill
  the child the moment its parent dies (Linux ``PR_SET_PDEATHSIG``).
- WeasyPrint's ``FontConfiguration`` copies the fonts into a temporary
  folder (6-8.5 MB) and removes it only when the process exits cleanly.
  ``font_folder`` makes that folder under ``var/render-tmp`` with the
  process id in its name, and ``sweep`` (run when a process first
  renders) removes the folders of processes that no longer exist.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

from django.conf import settings

PR_SET_PDEATHSIG = 1
_OWNER = re.compile(r"weasyprint-(\d+)-")

logger = logging.getLogger(__name__)


def die_with_parent(parent: int) -> None:
    """In a forked child: be killed when the parent dies; leave now if it already has."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux/glibc: the parent's death goes unnoticed
        pass
    if os.getppid() != parent:  # it died before the request above took effect
        os._exit(1)


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "render-tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def font_folder() -> Path:
    """A new temporary folder for this process's fonts, named after the process."""
    return Path(tempfile.mkdtemp(prefix="weasyprint-%d-" % os.getpid(), dir=folder()))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is gone all the same
        status = Path("/proc/%d/status" % pid).read_text()
    except OSError:
        return True
    return "\nState:\tZ" not in status


def sweep() -> int:
    """Remove the font folders of processes that have ended; returns how many."""
    removed = 0
    for entry in folder().iterdir():
        owner = _OWNER.match(entry.name)
        if owner is None or int(owner.group(1)) == os.getpid() or _alive(int(owner.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    if removed:
        logger.info("Removed %d font folders left by ended processes", removed)
    return removed
