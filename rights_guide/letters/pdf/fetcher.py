"""What WeasyPrint may load while it renders a letter: our own files, nothing else.

A letter carries text people typed, so the renderer is treated as exposed
to hostile input even though the template escapes everything: if markup
ever slipped through, an ``<img src="file:///etc/passwd">``, a CSS
``url(http://…)`` or an ``@import`` must still load nothing. The fetcher
serves ``file:`` URLs only when the real path (symlinks resolved) lies
inside an allowed folder, the project's ``static/`` and the built fonts,
and ``data:`` URLs only for small raster images. Every other scheme (http,
https, ftp, other files) is refused and logged, and never opened.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

DATA_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")
MAX_DATA_BYTES = 64 * 1024


class FetchRefused(ValueError):
    """A resource the letter renderer will not load."""


class LetterURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher limited to files under ``roots`` and small data: images."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(timeout=2, allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "file":
            return self._file(url)
        if scheme == "data":
            return self._data(url)
        raise self._refuse(url, "scheme not allowed")

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "remote file")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise self._refuse(url, "outside the allowed folders")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )

    def _data(self, url: str) -> URLFetcherResponse:
        header, _comma, payload = url[len("data:") :].partition(",")
        media_type, *parameters = header.split(";")
        if media_type.lower() not in DATA_IMAGE_TYPES or parameters != ["base64"]:
            raise self._refuse(url, "only base64 PNG, JPEG or GIF data is allowed")
        if len(payload) > MAX_DATA_BYTES * 4 // 3 + 4:
            raise self._refuse(url, "data image too large")
        try:
            body = base64.b64decode(unquote(payload), validate=True)
        except (binascii.Error, ValueError) as error:
            raise self._refuse(url, "invalid base64") from error
        return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type.lower()})

    def _refuse(self, url: str, reason: str) -> FetchRefused:
        shown = url if len(url) <= 80 else url[:77] + "…"
        logger.warning("Letter renderer refused to load %s (%s)", shown, reason)
        return FetchRefused("%s: %s" % (reason, shown))
