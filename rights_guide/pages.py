"""Static information pages, "delete everything", the health check and the error pages."""

import logging
import sys

from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from rights_guide.assessment import FieldError
from rights_guide.erasure import erase_visitor
from rights_guide.evidence import log
from rights_guide.health import check as check_health
from rights_guide.knowledge import get_knowledge
from rights_guide.messages import errors_payload

logger = logging.getLogger(__name__)
# How long to ask clients to wait when the database does not answer.
DATABASE_RETRY_AFTER = 30


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "rights_guide/home.html", {"start_url": reverse("interview_start")})


@require_safe
def help_calls(request: HttpRequest) -> HttpResponse:
    return render(request, "rights_guide/help_calls.html")


@never_cache
@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What we keep and "delete everything", which names the evidence log and offers it first."""
    return render(
        request, "rights_guide/privacy.html", {"log_count": log.count(request.case.instance)}
    )


@require_POST
def delete_my_data(request: HttpRequest) -> HttpResponse:
    """Erase the visitor's case (answers, details, letters, the evidence log) and their session, at once.

    Nothing here writes a file or a new session: the confirmation travels in
    the messages cookie, so deleting works with the disk full (rights_guide.erasure).
    """

    erase_visitor(visitor=request.case, session=request.session)
    messages.success(request, _("Everything you entered has been deleted from our server."))
    return redirect("privacy")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or a 503 that says so when the database is what failed.

    Rendered with the request so it appears in the visitor's language, and
    without anything that could fail a second time. Django calls it while
    the exception is being handled, so the cause can be told apart here. API
    clients always get JSON, never an HTML page.
    """
    failure = sys.exc_info()[1]
    unavailable = isinstance(failure, DatabaseError)
    status = 503 if unavailable else 500
    if _is_api(request):
        code = "service_unavailable" if unavailable else "server_error"
        response = JsonResponse(
            errors_payload([FieldError("body", code, {"seconds": DATABASE_RETRY_AFTER})]),
            status=status,
        )
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render({"request": request}), status=status)
    if unavailable:
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request we cannot read (a body in an unknown encoding, a bad host): a plain 400."""
    if _is_api(request):
        return JsonResponse(errors_payload([FieldError("body", "bad_request")]), status=400)
    template = loader.get_template("400.html")
    return HttpResponse(template.render({"request": request}), status=400)


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: up, knowledge loaded, database writable, disks not full."""
    state = check_health()
    if state["status"] != "ok":
        return JsonResponse(state, status=503)
    return JsonResponse({**state, "knowledge_version": get_knowledge().version})
