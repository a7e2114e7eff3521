"""The pages for the people called about someone else's debt, and the notice for them.

The "I'm not the borrower" interview uses the interview's own step, review
and restart pages (views.py) over its own flow (called.py); its results
page is theirs: whether they owe anything, what the collector may and may
not do to them, what to say on the next call, where to complain in their
own right and their letter. The notice is what a borrower can forward to
the people being called. Views only glue: what things mean is decided in
rights_guide.interview, rights_guide.assessment and rights_guide.perspective.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from rights_guide.assessment import evaluate
from rights_guide.complaints.texts import offered as complaint_offered
from rights_guide.complaints.web.views import recorded_tickets
from rights_guide.interview.called import THIRD_PARTY
from rights_guide.interview.views import flow_restart, flow_review, flow_step
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.kinds import Situation, offered_kinds
from rights_guide.letters.web import store as letter_store
from rights_guide.models import StoredLetter
from rights_guide.results import present_assessment


@never_cache
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """The first page not yet answered, or the review when all are."""
    step = THIRD_PARTY.first_unanswered(THIRD_PARTY.stored(request.case))
    if step is None:
        return redirect(THIRD_PARTY.pages.review)
    return redirect(THIRD_PARTY.pages.step, slug=step.slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    return flow_step(request, slug, THIRD_PARTY)


@never_cache
@require_safe
def review(request: HttpRequest) -> HttpResponse:
    return flow_review(request, THIRD_PARTY)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def restart(request: HttpRequest) -> HttpResponse:
    return flow_restart(request, THIRD_PARTY)


@never_cache
@require_safe
def results(request: HttpRequest) -> HttpResponse:
    """Their own result: the same engine's assessment, told to them."""
    answers = THIRD_PARTY.stored(request.case)
    pending = THIRD_PARTY.first_unanswered(answers)
    if pending is not None:
        return redirect(THIRD_PARTY.pages.step, slug=pending.slug)
    assessment = evaluate(THIRD_PARTY.to_answers(answers, today=timezone.localdate()))
    result = present_assessment(assessment, translation.get_language())
    letters = offered_kinds(
        Situation(
            lender_type=assessment.answers.lender_type,
            overall=assessment.overall,
            channels=assessment.channels,
            vocabulary=get_knowledge().vocabulary,
            perspective=assessment.answers.perspective,
            relationship=assessment.answers.relationship,
        )
    )
    return render(
        request,
        "rights_guide/third_party_results.html",
        {
            "result": result,
            "depends_on": [f for f in result["findings"] if f["depends_on"]],
            "letters": letters,
            "complaint_needed": result["overall"] != "lawful",
            "has_details": letter_store.details(request.case, "third_party") is not None,
            "saved_letters": StoredLetter.of_case(request.case.instance).count(),
            "review_url": reverse(THIRD_PARTY.pages.review),
            "restart_url": reverse(THIRD_PARTY.pages.restart),
            "complain_bodies": [
                code for code in assessment.channels if complaint_offered(code, "third_party")
            ],
            "complain_route": "third_party_complain",
            "complaints_made": recorded_tickets(request.case, "third_party"),
        },
    )


@require_safe
def contacts_notice(request: HttpRequest) -> HttpResponse:
    """A short text a borrower can forward to the people being called, and print."""
    return render(
        request,
        "rights_guide/contacts_notice.html",
        {"notice": get_knowledge().texts["contacts_notice"].get(translation.get_language())},
    )
