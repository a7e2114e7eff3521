"""Reading PDFs back the way a reader would see them (this module holds no tests).

Text extracted with poppler's ``pdftotext`` (pypdf returns garbage for a
whole font when one glyph is missing), fonts listed by ``pdffonts``, pages
by ``pdfinfo``, word positions by ``pdftotext -bbox``, and whether a
character is really drawn by looking for its outline in the fonts embedded
in the file.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

MM = 72 / 25.4  # PDF points per millimetre
PAGE_MARGIN_MM = 20  # letter-pdf.css: left and right page margins


def _poppler(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            [tool, *args, handle.name, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout


def pdf_text(pdf: bytes) -> str:
    """The text of the PDF as pdftotext reads it."""
    return _poppler("pdftotext", pdf, "-enc", "UTF-8")


def squeezed(text: str) -> str:
    """Text without any whitespace, for comparisons that must not depend on line breaks."""
    return "".join(text.split())


def pdf_pages(pdf: bytes) -> int:
    info = _poppler("pdfinfo", pdf)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_info(pdf: bytes) -> dict[str, str]:
    lines = _poppler("pdfinfo", pdf).splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts' table: name, type, and whether each font is embedded (emb) and subset (sub)."""
    rows = _poppler("pdffonts", pdf).splitlines()[2:]
    fonts = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object-id generation
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def drawn_characters(pdf: bytes) -> set[str]:
    """Characters that some embedded font in the PDF draws with a real outline.

    Embedded fonts are OpenType with CFF outlines (``/Subtype /OpenType``) or
    TrueType (a ``FontFile2`` stream, the only kind with ``/Length1``).
    """
    drawn = set()
    pattern = re.compile(rb"<<([^<>]*?(?:/Subtype\s*/OpenType|/Length1\s)[^<>]*?)>>\s*stream\r?\n")
    for match in pattern.finditer(pdf):
        length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))
        font = TTFont(io.BytesIO(zlib.decompress(pdf[match.end() : match.end() + length])))
        glyphs = font.getGlyphSet()
        for codepoint, name in (font.getBestCmap() or {}).items():
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            if pen.bounds is not None:
                drawn.add(chr(codepoint))
    return drawn


def word_boxes(pdf: bytes) -> list[dict]:
    """Every word pdftotext finds, with its page size and box in points."""
    xhtml = _poppler("pdftotext", pdf, "-bbox")
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml)
    root = ElementTree.fromstring(xhtml)
    words = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append(
                {
                    "text": word.text or "",
                    "x_min": float(word.get("xMin")),
                    "x_max": float(word.get("xMax")),
                    "y_max": float(word.get("yMax")),
                    "page_width": width,
                    "page_height": height,
                }
            )
    return words


def words_past_the_margins(pdf: bytes, tolerance: float = 2.0) -> list[dict]:
    """Words that reach into the left or right page margin (where nothing may print)."""
    margin = PAGE_MARGIN_MM * MM
    return [
        w
        for w in word_boxes(pdf)
        if w["x_min"] < margin - tolerance or w["x_max"] > w["page_width"] - margin + tolerance
    ]


def static_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "static"
