"""Response headers that keep every page on our own origin.

Django 5.2 has no built-in Content-Security-Policy, so this middleware sets
one. Scripts and styles may come only from our origin (no ``unsafe-inline``);
images may also be ``data:`` URIs because Bootstrap draws its form controls
with inline SVG. Nothing may be framed, and forms may post only to us.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Add CSP, Permissions-Policy and CORP to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class NullOriginMiddleware:
    """Let Django's CSRF check work under ``Referrer-Policy: no-referrer``.

    Under that policy browsers send ``Origin: null`` (and no Referer) with
    every form POST, even to the same site, which Django's origin check
    rejects. When the browser's Fetch Metadata says the request is
    same-origin (or an older browser sends no metadata at all), the null
    origin is replaced by our own before ``CsrfViewMiddleware`` runs; a null
    origin marked cross-site is left alone and refused. The secret token
    check, the SameSite cookie and HSTS protect as before.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("HTTP_ORIGIN") == "null":
            fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "")
            if fetch_site in ("", "same-origin"):
                scheme = "https" if request.is_secure() else "http"
                request.META["HTTP_ORIGIN"] = "%s://%s" % (scheme, request.get_host())
        return self.get_response(request)


class CompressPagesMiddleware(GZipMiddleware):
    """Gzip text responses for slow phone networks; leave PDFs alone.

    A PDF's streams are already compressed, so gzipping it again costs CPU
    for almost no saving. Django pads compressed pages at random, which
    blunts BREACH-style attacks on the CSRF token.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)
