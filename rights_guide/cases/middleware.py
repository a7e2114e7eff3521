"""Put the visitor's case on every request as ``request.case`` (loaded only if used).

``GoneCaseMiddleware`` tells a visitor, once, that the answers they are
coming back to no longer exist, instead of silently starting them again at
step 1. Two ways it can know: the session still points at a case that
expired (the session outlives its case to say so), or a form sent from a
page that was showing a case (``case_stamp``) arrives when there is none,
because it expired while the page stayed open (WeChat keeps pages for days)
or was deleted or started again in another tab.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rights_guide.cases.store import VisitorCase

# Set by case_stamp in the forms of pages that show a case.
STAMP_FIELD = "had_case"

# Pages that read a case: an interview step, results, a letter, the log.
CASE_PAGES = frozenset(
    {
        "interview_start",
        "interview_step",
        "interview_review",
        "results",
        "third_party_start",
        "third_party_step",
        "third_party_review",
        "third_party_results",
        "letter_details",
        "letter_start",
        "letter_choices",
        "letter_preview",
        "letter_print",
        "evidence_log",
        "evidence_chart",
        "evidence_edit",
    }
)


class CaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.case = VisitorCase(request.session)
        return self.get_response(request)


class GoneCaseMiddleware:
    """After MessageMiddleware: a message, once, when the visitor's case is gone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.url_name not in CASE_PAGES:
            return None
        case = request.case
        hours = {"hours": settings.SESSION_COOKIE_AGE // 3600}
        if case.expired:
            case.forget_expired()
            messages.warning(
                request,
                _(
                    "Your earlier answers were deleted automatically %(hours)s hours after your last change, as promised. Please answer again."
                )
                % hours,
            )
        elif request.method == "POST" and request.POST.get(STAMP_FIELD) and not case.exists:
            messages.warning(
                request,
                _(
                    "Your earlier answers are no longer here: they were deleted, either automatically %(hours)s hours after your last change or because they were deleted or started again in another tab. Please answer again."
                )
                % hours,
            )
        return None
