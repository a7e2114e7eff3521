"""The pages for a refused request: a failed CSRF check, and any other 403.

Django's own CSRF page is English developer help (or a bare unbranded page
with DEBUG off), and everything the visitor typed is gone. The usual cause
here is not an attack: WeChat's browser or a private tab dropped our
cookies, or the page stayed open so long that they expired. So the page
says that in plain words, in the visitor's language, and links back to the
page they came from. Our pages send no Referer (``Referrer-Policy:
no-referrer``), and a form posts to the page that shows it, so the way back
is the address the form was sent to, or for an action that only takes a
post (deleting, "same as last") the page whose button it is. A Referer, if
some browser sends one anyway, is used only when it is our own site, so the
link can never send anyone elsewhere. The API answers in JSON.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from rights_guide.assessment import FieldError
from rights_guide.messages import errors_payload

# Actions that take only a post, by URL name, and the page whose button sends them.
BUTTON_PAGES = {
    "delete_my_data": "privacy",
    "evidence_repeat": "evidence_log",
    "evidence_people": "evidence_log",
    "evidence_delete": "evidence_log",
    "set_language": "home",
}


def back_url(request: HttpRequest) -> str:
    """The page the visitor was on, if we can tell and it is ours; else the start page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return reverse("home")
    if match.url_name in BUTTON_PAGES:
        return reverse(BUTTON_PAGES[match.url_name])
    return request.path


def _refused(request: HttpRequest, template: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(errors_payload([FieldError("body", "bad_request")]), status=403)
    page = loader.get_template(template)
    return HttpResponse(page.render({"back_url": back_url(request)}, request), status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: cookies blocked or expired, told plainly, with a way back."""
    return _refused(request, "403_csrf.html")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: a request we refuse, with a way back."""
    return _refused(request, "403.html")
