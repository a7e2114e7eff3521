"""Settings read from the environment refuse values that would break the app (issue 20 item 7d).

``DJANGO_SESSION_HOURS=0`` or ``-1`` used to start without complaint and then
expire every case at once (every form answered 400), and ``0.5`` crashed
start-up with a bare ValueError. Each now stops start-up with one sentence
naming the variable and what it takes.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings

START = "import django; django.setup(); from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"


def start(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_DEBUG": "1", **env}
    return subprocess.run(
        [sys.executable, "-c", START],
        cwd=settings.BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "rights_guide.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("hours", ["0", "-1", "0.5", "1.5", "twelve", "721", "２４"])
def test_session_hours_that_would_break_saving_stop_start_up_with_a_message(hours):
    started = start(DJANGO_SESSION_HOURS=hours)
    assert started.returncode != 0
    assert (
        "ImproperlyConfigured: DJANGO_SESSION_HOURS must be a whole number from 1 to 720, not %r."
        % hours
    ) in started.stderr


@pytest.mark.parametrize(("hours", "seconds"), [("1", 3600), ("24", 86400), ("720", 2592000)])
def test_whole_hours_are_taken(hours, seconds):
    started = start(DJANGO_SESSION_HOURS=hours)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1] == str(seconds)
