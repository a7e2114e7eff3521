"""One template for the preview and the PDF; WeasyPrint for the PDF.

``render_letter_html`` renders ``letters/letter.html`` in the letter's own
language (never whatever language the request happens to be in): for the
web preview an ``<article>`` to place in a page that links
``css/letter.css``; for the PDF a whole document with the letter's CSS
inlined, so the HTML alone reproduces the printed letter later.
``render_letter_pdf`` turns such a document into PDF bytes.

Costs measured on a two-core machine decide the shape: one
``FontConfiguration`` and one fonts stylesheet per process (the first
render registers the fonts; reusing them saved about 50 ms of a 250 ms
render), extension fonts registered only when a letter needs them, a lock
because Pango's font map is shared, and a garbage collection after each
render (WeasyPrint's layout trees hold reference cycles: without it a
process grew from 120 to 300 MB over 60 letters). WeasyPrint is imported
on first use so commands and pages that never print stay quick to start.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import logging
import os
import re
import signal
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rights_guide.letters.content import Letter
from rights_guide.letters.pdf import leftovers
from rights_guide.letters.pdf.fonts import fonts_dir, load_font_plan

TEMPLATE = "rights_guide/letters/letter.html"
STYLESHEETS = ("css/letter.css", "css/letter-pdf.css")
# PDF/UA-1: a tagged PDF with its language and title, readable by screen
# readers. Measured on the two-page reference letter: 11-28 ms (5-15% of the
# render) and about 7 KB; always on, since the letters are legal documents
# a blind borrower must be able to check before sending.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

# Parsed inline stylesheets kept per process: one per letter language, with
# room for snapshots stored before a stylesheet change.
INLINE_STYLESHEETS_KEPT = 8
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
# Documents larger than this (characters of HTML: a letter with a long log, about 650
# contacts and up) are laid out in a child process, so the memory their layout takes goes
# back to the system when it exits; see _render_apart.
LARGE_DOCUMENT = 100_000

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict[str, object] = {}


def static_dir() -> Path:
    return Path(settings.BASE_DIR) / "static"


@lru_cache(maxsize=1)
def letter_stylesheet() -> SafeString:
    """The letter's CSS files, read once, inlined into every PDF document."""
    return mark_safe("\n".join((static_dir() / name).read_text() for name in STYLESHEETS))  # noqa: S308 - our own files


def page_counter_css() -> SafeString:
    """The translated "Page 1 of 2" as a CSS content value with page counters."""
    template = _("Page %(page)s of %(pages)s")
    parts = re.split(r"%\((pages?)\)s", template)
    values = []
    for index, part in enumerate(parts):
        if index % 2:
            values.append("counter(%s)" % part)
        elif part:
            values.append('"%s"' % part.replace("\\", "\\\\").replace('"', '\\"'))
    return mark_safe(" ".join(values))  # noqa: S308 - built from our own catalogue


def render_letter_html(
    letter: Letter, *, language: str | None = None, for_pdf: bool, masked: bool = False
) -> str:
    """The letter as HTML in its own language: a whole document for the PDF, else an article.

    ``masked`` hides most of the ID number, for the on-screen preview; printed
    and downloaded letters always carry it in full.
    """
    if language is not None and language != letter.language:
        raise ValueError(
            "A letter written in %s cannot be rendered in %s" % (letter.language, language)
        )
    with translation.override(letter.language):
        context = {"letter": letter, "for_pdf": for_pdf, "masked": masked and not for_pdf}
        if for_pdf:
            context["stylesheet"] = letter_stylesheet()
            context["page_counter"] = page_counter_css()
        return render_to_string(TEMPLATE, context)


class _Renderer:
    """The per-process fetcher, font configuration and fonts stylesheets."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        from rights_guide.letters.pdf.fetcher import LetterURLFetcher

        self.fetcher = LetterURLFetcher((static_dir(), fonts_dir()))
        leftovers.sweep()
        self.font_config = FontConfiguration()
        # Where WeasyPrint copies the fonts: ours, named after this process, so
        # a process killed before its exit handlers leaves nothing for good.
        self.font_config._folder = leftovers.font_folder()
        self.plan = load_font_plan()
        self.base = self._css(self.plan.base_css)
        self.extensions: dict[int, object] = {}
        self.inline: dict[str, object] = {}

    def _css(self, text: str):
        from weasyprint import CSS

        return CSS(string=text, font_config=self.font_config, url_fetcher=self.fetcher)

    def stylesheets(self, html: str, inline: str | None = None) -> list:
        """The document's own CSS (parsed once per text), the base fonts, and the extension faces.

        Every letter inlines the same stylesheet, one per language; tinycss2
        parsing it afresh for each PDF cost about 7 ms of a 210 ms render.
        """
        sheets = []
        if inline is not None:
            if inline not in self.inline:
                if len(self.inline) >= INLINE_STYLESHEETS_KEPT:
                    self.inline.pop(next(iter(self.inline)))
                self.inline[inline] = self._css(inline)
            sheets.append(self.inline[inline])
        sheets.append(self.base)
        for index in self.plan.extensions_for(set(html)):
            if index not in self.extensions:
                self.extensions[index] = self._css(self.plan.extension_css[index])
            sheets.append(self.extensions[index])
        return sheets


def _renderer() -> _Renderer:
    found = _state.get("renderer")
    if found is None:
        found = _state["renderer"] = _Renderer()
        # Release the font configuration (and its temporary folder) before
        # the interpreter tears modules down, which WeasyPrint's finaliser
        # does not survive.
        atexit.register(_state.pop, "renderer", None)
    return found


def render_letter_pdf(html: str) -> bytes:
    """A PDF (A4, tagged, fonts embedded) of a document from ``render_letter_html(for_pdf=True)``."""
    from weasyprint import HTML

    # The document's <style> comes out of the markup and is applied first, as
    # WeasyPrint would apply it, but parsed once. User text is escaped, so a
    # "<style>" in it is never markup.
    found = _STYLE.search(html)
    inline = found.group(1) if found else None
    markup = html[: found.start()] + html[found.end() :] if found else html

    def write() -> bytes:
        renderer = _renderer()
        document = HTML(
            string=markup, base_url=static_dir().as_uri() + "/", url_fetcher=renderer.fetcher
        )
        return document.write_pdf(
            stylesheets=renderer.stylesheets(html, inline),
            font_config=renderer.font_config,
            **PDF_OPTIONS,
        )

    with _lock:
        if len(markup) > LARGE_DOCUMENT:
            _renderer()  # fonts registered in this process, shared with the child
            pdf = _render_apart(write)
            if pdf is not None:
                return pdf
        pdf = write()
        _collect_garbage(large=len(markup) > LARGE_DOCUMENT)
    return pdf


def _render_apart(write) -> bytes | None:
    """Lay a large document out in a forked child; None if that could not be done.

    A 2,000-contact letter (about 50 pages) makes WeasyPrint build some
    30 MB of boxes, and a worker that has printed a few keeps that much more
    for good: glibc and Python's allocator keep fragments even after
    ``malloc_trim`` (bench/evidence_log.py measured 131 MB before and 162 MB
    after, growing over five letters, then flat). A forked child starts from
    the warm worker (fonts registered, modules imported: copy-on-write, so
    it costs a few milliseconds), writes the PDF into a pipe and exits,
    and its memory goes with it; it dies with the worker if the worker is
    killed (``leftovers.die_with_parent``). The caller holds ``_lock``, so no other
    thread of this process is inside Pango when it forks. If anything goes
    wrong in the child, the caller renders here instead, as for a small
    letter.
    """
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: print, send, leave without running the parent's exit code
        status = 1
        try:
            leftovers.die_with_parent(parent)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.close(read_end)
            pdf = write()
            with os.fdopen(write_end, "wb") as out:
                out.write(pdf)
            status = 0
        except BaseException:
            logger.exception("Rendering a large letter in a child process failed")
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as source:
        pdf = source.read()
    _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not pdf.startswith(b"%PDF"):
        return None
    return pdf


def _collect_garbage(*, large: bool = False) -> None:
    """Free the render's reference cycles now, cheaply; after a large one, give memory back.

    A full collection walks every object in the process (about 50 ms with
    Django loaded); freezing what exists after the first render (settings,
    templates, fonts, modules) leaves only each render's own objects to walk
    (about 2 ms). Objects alive at that moment are kept for the process's
    life, a bounded one-off. A large document laid out here (only when no
    child could be forked: see ``_render_apart``) leaves some 25 MB of freed
    heap that glibc keeps; ``malloc_trim`` returns most of it.
    """
    gc.collect()
    if not _state.get("frozen"):
        gc.freeze()
        _state["frozen"] = True
    if large:
        _trim_heap()


def _trim_heap() -> None:
    trim = _state.get("malloc_trim")
    if trim is None:
        try:
            trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc: nothing to trim
            trim = False
        _state["malloc_trim"] = trim
    if trim:
        trim(0)


WARM_UP_HTML = """<!doctype html><html lang="zh-Hans"><head><title>-</title></head><body>
<h1>投诉书 Complaint</h1><p>本人于2026年1月1日，Page 1。</p>
<table><thead><tr><th>时间</th></tr></thead><tbody><tr><td>对方</td></tr></tbody></table>
</body></html>"""


def warm_up() -> None:
    """Import WeasyPrint, register the fonts and print a tiny page, so the next letter is warm.

    A fresh process spends about a second on its first letter (importing
    WeasyPrint, registering fonts, filling Pango's and cffi's caches). Call
    this where a worker starts (or in a gunicorn master with ``--preload``,
    so forked workers share it) to take that second off the first visitor.
    """
    render_letter_pdf(WARM_UP_HTML)
