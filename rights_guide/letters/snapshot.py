"""A letter as it was sent: its inputs and its rendered HTML, kept together.

Letters are snapshots (DESIGN.md): the PDF someone signed and sent must be
reproducible later, whatever the knowledge base or the templates say by
then. So a snapshot keeps the request exactly as validated and the whole
PDF document HTML (CSS inlined), and ``render_pdf`` prints that HTML again,
never rebuilding it from live data. ``to_data``/``from_data`` give a
JSON-ready form for a database column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.utils import translation

from rights_guide.letters.content import Letter
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.pdf.render import render_letter_html, render_letter_pdf
from rights_guide.letters.request import letter_request_to_data

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class LetterSnapshot:
    """The inputs and the rendered PDF HTML of one generated letter."""

    kind: str
    language: str
    written_on: datetime.date
    request: dict[str, Any]  # letter_request_to_data() of the validated request
    html: str  # render_letter_html(letter, for_pdf=True)
    knowledge_version: str
    file_name: str  # in the letter's language, e.g. 关于停止违规催收的投诉函-2026-11-29.pdf
    ascii_file_name: str  # e.g. complaint-to-lender-2026-11-29.pdf

    def render_pdf(self) -> bytes:
        return render_letter_pdf(self.html)

    @property
    def content_disposition(self) -> str:
        return content_disposition(self.ascii_file_name, self.file_name)

    def to_data(self) -> dict[str, Any]:
        return {
            "version": SNAPSHOT_VERSION,
            "kind": self.kind,
            "language": self.language,
            "written_on": self.written_on.isoformat(),
            "request": self.request,
            "html": self.html,
            "knowledge_version": self.knowledge_version,
            "file_name": self.file_name,
            "ascii_file_name": self.ascii_file_name,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LetterSnapshot:
        if data.get("version") != SNAPSHOT_VERSION:
            raise ValueError("Unknown letter snapshot version: %r" % data.get("version"))
        return cls(
            kind=data["kind"],
            language=data["language"],
            written_on=datetime.date.fromisoformat(data["written_on"]),
            request=data["request"],
            html=data["html"],
            knowledge_version=data["knowledge_version"],
            file_name=data["file_name"],
            ascii_file_name=data["ascii_file_name"],
        )


def file_names(letter: Letter) -> tuple[str, str]:
    """(ASCII name, name in the letter's language) for the downloaded PDF."""
    day = letter.written_on.isoformat()
    kind = KINDS[letter.kind]
    with translation.override(letter.language):
        title = str(kind.letter_title)
    return "%s-%s.pdf" % (kind.file_name, day), "%s-%s.pdf" % (title, day)


def content_disposition(ascii_name: str, name: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the real name as RFC 5987 ``filename*``."""
    safe = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in ascii_name
    )
    return "attachment; filename=\"%s\"; filename*=UTF-8''%s" % (safe, quote(name, safe=""))


def snapshot_letter(letter: Letter) -> LetterSnapshot:
    """Render the letter's PDF document HTML and keep it with the inputs it came from."""
    ascii_name, name = file_names(letter)
    return LetterSnapshot(
        kind=letter.kind,
        language=letter.language,
        written_on=letter.written_on,
        request=letter_request_to_data(letter.request),
        html=render_letter_html(letter, language=letter.language, for_pdf=True),
        knowledge_version=letter.knowledge_version,
        file_name=name,
        ascii_file_name=ascii_name,
    )
