"""Static information pages and the error pages."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rights_guide.knowledge import get_knowledge
from rights_guide.models import StoredLetter


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "rights_guide/home.html", {"start_url": reverse("interview_start")})


@require_GET
def help_calls(request: HttpRequest) -> HttpResponse:
    return render(request, "rights_guide/help_calls.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    hours = settings.SESSION_COOKIE_AGE // 3600
    return render(request, "rights_guide/privacy.html", {"session_hours": hours})


@require_POST
def delete_my_data(request: HttpRequest) -> HttpResponse:
    """Erase everything this browser's session holds, and the letters it made, at once."""
    StoredLetter.forget(request.session)
    request.session.flush()
    messages.success(request, _("Everything you entered has been deleted from our server."))
    return redirect("privacy")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered with the request so it appears in the visitor's language.

    Django's default handler renders without a request context; ours keeps
    the language but avoids anything that could fail a second time.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the process is up and its knowledge loaded."""
    return JsonResponse({"status": "ok", "knowledge_version": get_knowledge().version})
