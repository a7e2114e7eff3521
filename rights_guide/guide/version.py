"""One version string for everything that can change what a guide page says.

A guide page is the same for every visitor in a language until the law,
the registry, a template, a translation, a stylesheet or the code changes,
so its ETag is that version plus the language and the topic, and a phone
that has the page already gets a 304 instead of the page again. The search
index is rebuilt when the version changes.

The version is the knowledge version plus a digest of the files' contents
(not their dates, so every server of one release agrees), worked out once
per process: a release restarts the processes. With DEBUG on, templates
are edited while the server runs, so it is worked out for every request.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from rights_guide.knowledge import get_knowledge

# What a page is made of, besides the knowledge: (folder, file patterns).
SOURCES = (
    ("templates", ("**/*.html", "**/*.txt", "**/*.xml")),
    ("static", ("css/*.css", "js/*.js", "vendor/**/VERSION")),
    ("locale", ("**/*.mo",)),
    ("rights_guide", ("**/*.py", "**/*.yaml")),
)


def _files_digest(base: Path) -> str:
    digest = hashlib.sha256()
    for folder, patterns in SOURCES:
        root = base / folder
        paths = sorted({path for pattern in patterns for path in root.glob(pattern)})
        for path in paths:
            if path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _release_digest() -> str:
    return _files_digest(Path(settings.BASE_DIR))


def page_version() -> str:
    """The version of every guide page and of the search index."""
    files = _files_digest(Path(settings.BASE_DIR)) if settings.DEBUG else _release_digest()
    return "%s/%s" % (get_knowledge().version, files)
