"""The letter as plain text, for copying where downloads do not work (WeChat's browser).

It is read off the same HTML the preview shows, so the copied text is the
previewed letter: block elements become lines, table cells are separated
by " | ".
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from rights_guide.letters import Letter, render_letter_html

BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "tr",
    "header",
    "footer",
    "section",
    "table",
    "div",
    "dt",
    "dd",
}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.first_cell = True

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "tr":
            self.first_cell = True
        if tag in ("td", "th"):
            if not self.first_cell:
                self.parts.append(" | ")
            self.first_cell = False
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def letter_text(letter: Letter) -> str:
    parser = _TextExtractor()
    parser.feed(render_letter_html(letter, language=letter.language, for_pdf=False, masked=True))
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
