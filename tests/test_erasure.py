"""Deleted personal data leaves the database files, even when the disk is full (issue 20 item 4, 7b).

"Delete everything" promises that what was entered is gone from the server.
Removing the rows is not enough: SQLite keeps deleted bytes in free pages
and in its write-ahead log. These tests run the app in a child process on a
database file of its own and read that file and its ``-wal`` byte by byte
after deleting. The disk-full test puts the database on a small tmpfs in a
private mount namespace (``unshare``), fills it, and deletes for real.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

ERASE = r"""
import json, os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rights_guide.settings"); django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
from django.test import Client
from rights_guide.cases.models import Case
from tests.factories import STORY, log_contact, save_details, walk
NAME, ID = "钟离䶮旻", "440304198506171238"
var = os.environ["DJANGO_VAR_DIR"]
c = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
walk(c, STORY)
assert save_details(c, complainant_name=NAME, id_number=ID).status_code == 302
for day in range(1, 21):
    described = "第%d次：%s，身份证%s" % (day, NAME, ID)
    assert log_contact(c, date="2026-03-%02d" % day, description=described).status_code == 302
out = {}
if sys.argv[1] == "full":
    filler = os.path.join(var, "filler")
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    out["health"] = c.get("/healthz").status_code
out["delete"] = c.post("/privacy/delete/").status_code
out["cases"] = Case.objects.count()
with connection.cursor() as cursor:  # whatever the SQLite build's default
    out["secure_delete"] = cursor.execute("PRAGMA secure_delete").fetchone()[0]
def copies(path):
    if not os.path.exists(path):
        return 0
    data = open(path, "rb").read()
    escaped = json.dumps(NAME).strip('"').encode()
    return sum(data.count(s) for s in (ID.encode(), NAME.encode(), escaped))
db = os.path.join(var, "db.sqlite3")
# read while the app's connection is still open, as a running server's is:
# closing the last connection would checkpoint the log by itself
out["copies"] = {"db": copies(db), "wal": copies(db + "-wal")}
print(json.dumps(out))
"""


def run(args: list[str], var_dir) -> dict:
    env = {**os.environ, "DJANGO_VAR_DIR": str(var_dir), "DJANGO_DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        args, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_after_delete_everything_the_database_files_hold_no_copy_of_the_name_or_id(tmp_path):
    out = run([sys.executable, "-c", ERASE, "scan"], tmp_path)
    assert out["delete"] == 302 and out["cases"] == 0
    assert out["copies"] == {"db": 0, "wal": 0}
    assert out["secure_delete"] == 1


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) to mount a tmpfs")
def test_with_the_disk_full_health_says_so_and_delete_everything_still_deletes(tmp_path):
    mount = 'mount -t tmpfs -o size=96m tmpfs %s && exec %s -c "$0" full' % (
        tmp_path,
        sys.executable,
    )
    out = run(["unshare", "-rm", "sh", "-c", mount, ERASE], tmp_path)
    assert out["health"] == 503
    assert out["delete"] == 302 and out["cases"] == 0
    assert out["copies"] == {"db": 0, "wal": 0}
