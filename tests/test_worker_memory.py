"""A gunicorn worker's memory does not grow with the number of threads that printed a letter (D16).

Under PDF load workers passed GUNICORN_MAX_MEMORY_MB and were recycled six
times in two minutes. The cause: glibc gives each thread its own malloc
arena and keeps what is freed there, and a render allocates some 40 MB, so
a worker whose 16 threads had each printed a letter held 16 times that.
The worker's ``post_fork`` hook now caps the arenas; this runs a process
as gunicorn would (the hook, then threads) and prints letters from eight
threads.
"""

import os
import subprocess
import sys

from django.conf import settings

WORKER = """
import re, threading, django
django.setup()
from rights_guide import gunicorn_conf
gunicorn_conf.post_fork(None, None)
from rights_guide.letters import build_letter, parse_letter_request, render_letter_html
from rights_guide.letters.pdf import render
from tests.factories import NOW, TODAY, letter_data
letter = build_letter(parse_letter_request(letter_data(), today=TODAY, now=NOW), today=TODAY)
html = render_letter_html(letter, for_pdf=True)
def anon():
    status = open("/proc/self/status").read()
    return int(re.search(r"RssAnon:\\s+(\\d+)", status).group(1)) // 1024
render.render_letter_pdf(html)
before = anon()
threads = [
    threading.Thread(target=lambda: [render.render_letter_pdf(html) for _ in range(2)])
    for _ in range(8)
]
[thread.start() for thread in threads]
[thread.join() for thread in threads]
print(anon() - before)
"""


def test_letters_printed_from_many_threads_do_not_each_keep_their_own_memory():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rights_guide.settings", "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    grown = int(result.stdout.strip().splitlines()[-1])
    assert grown < 150, "%d MB more after 16 letters from 8 threads" % grown
