"""The interview pages, the review page and the results page.

Views only move answers between the visitor's case, the step forms and the
engine; which steps apply, what answers mean and how they are assessed is
decided in rights_guide.interview and rights_guide.assessment.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from rights_guide.assessment import evaluate
from rights_guide.complaints.texts import offered as complaint_offered
from rights_guide.complaints.web.views import recorded_tickets
from rights_guide.evidence import log
from rights_guide.interview import from_log, preselect, store
from rights_guide.interview.flow import Flow
from rights_guide.interview.review import describe
from rights_guide.interview.steps import (
    BORROWER,
    first_unanswered,
    to_answers,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.kinds import Situation, follow_up, offered_kinds
from rights_guide.letters.web import store as letter_store
from rights_guide.messages import error_summary
from rights_guide.models import StoredLetter
from rights_guide.results import present_assessment

# The evidence log's "make a letter" link says where it comes from, so the first question can
# say why it is asked (a letter is made from the interview's answers).
FROM_LOG = "log"


def _step_url(step, *, review: bool = False, flow: Flow = BORROWER) -> str:
    url = reverse(flow.pages.step, args=[step.slug])
    return url + "?review=1" if review else url


def _initial(form, stored, draft):
    if draft is not None:
        return {
            name: draft.get(
                name, [] if getattr(field.widget, "allow_multiple_selected", False) else None
            )
            for name, field in form.fields.items()
        }
    return stored or {}


@never_cache
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and preselect.PARAMETER in request.GET:
        preselect.preselect_contacts(request.case, request.GET.getlist(preselect.PARAMETER)[:20])
    answers = store.stored_answers(request.case)
    step = first_unanswered(answers)
    return redirect("interview_review") if step is None else redirect(_step_url(step))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    return flow_step(request, slug, BORROWER)


def flow_step(request: HttpRequest, slug: str, flow: Flow) -> HttpResponse:
    """One page of an interview: its question, then on to the next page or back."""
    current = flow.steps().get(slug)
    if current is None:
        raise Http404
    answers = flow.stored(request.case)
    steps = flow.applicable(answers)
    if current not in steps:
        return redirect(flow.pages.start)
    review = request.GET.get("review") == "1" or request.POST.get("review") == "1"
    filled = None
    if request.method == "POST" and request.POST.get("nav") == "use_log":
        filled = from_log.answers_for(request.case, current, flow)
    if filled is not None:  # the page filled in from the evidence log, to check before going on
        form = current.make_form(answers)
        form.initial = filled
        messages.info(
            request, _("Filled in from your evidence log. Check the answers, then go on.")
        )
    elif request.method == "POST":
        form = current.make_form(answers, data=request.POST)
        going_back = request.POST.get("nav") == "back"
        if form.is_valid():
            flow.save_step(request.case, slug, form.cleaned_data)
            answers = flow.stored(request.case)
            before, after = flow.neighbours(answers, current)
            if going_back and before is not None:
                return redirect(_step_url(before, review=review, flow=flow))
            if review:
                pending = flow.first_unanswered(answers)
                return redirect(
                    _step_url(pending, review=True, flow=flow)
                    if pending
                    else reverse(flow.pages.review)
                )
            return redirect(_step_url(after, flow=flow) if after else reverse(flow.pages.review))
        if going_back:
            flow.save_draft(request.case, slug, form)
            before, _after = flow.neighbours(answers, current)
            return redirect(_step_url(before, review=review, flow=flow) if before else "home")
    else:
        form = current.make_form(answers)
        form.initial = _initial(form, answers.get(slug), flow.draft(request.case, slug))
    before, _after = flow.neighbours(answers, current)
    return render(
        request,
        "rights_guide/interview_step.html",
        {
            "step": current,
            "form": form,
            "number": steps.index(current) + 1,
            "total": len(steps) + 1,  # the review page is the last step
            "has_back": before is not None,
            "review": review,
            "error_summary": error_summary([form]) if form.is_bound else [],
            "log_offer": from_log.offer(request.case, current, flow),
        },
    )


@never_cache
@require_safe
def review(request: HttpRequest) -> HttpResponse:
    return flow_review(request, BORROWER)


def flow_review(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Every answer of an interview read back, each with a link to change it."""
    answers = flow.stored(request.case)
    pending = flow.first_unanswered(answers)
    if pending is not None:
        return redirect(_step_url(pending, flow=flow))
    total = len(flow.applicable(answers)) + 1
    return render(
        request,
        "rights_guide/interview_review.html",
        {"sections": describe(answers, flow), "number": total, "total": total, "flow": flow},
    )


@never_cache
@require_safe
def results(request: HttpRequest) -> HttpResponse:
    answers = store.stored_answers(request.case)
    pending = first_unanswered(answers)
    if pending is not None:
        if request.GET.get("from") == FROM_LOG:  # the log's "make a letter", before any answers
            messages.info(
                request,
                _(
                    "A letter needs a few answers first: who is collecting, whom they contacted "
                    "and what they did. Answer these questions, then choose your letter; "
                    "your evidence log can fill in some pages for you."
                ),
            )
        return redirect(_step_url(pending))
    assessment = evaluate(to_answers(answers, today=timezone.localdate()))
    result = present_assessment(assessment, translation.get_language())
    complaint_needed = result["overall"] != "lawful"
    letters = offered_kinds(
        Situation(
            lender_type=assessment.answers.lender_type,
            overall=assessment.overall,
            channels=assessment.channels,
            vocabulary=get_knowledge().vocabulary,
        )
    )
    return render(
        request,
        "rights_guide/results.html",
        {
            "result": result,
            "depends_on": [f for f in result["findings"] if f["depends_on"]],
            "review_url": reverse("interview_review"),
            "letters": letters,
            "complain_bodies": [code for code in assessment.channels if complaint_offered(code)],
            "complaints_made": recorded_tickets(request.case),
            # What to send if a letter that sets terms gets no answer in time.
            "follow_ups": {
                kind.code: follow_up(kind, assessment.answers.lender_type) for kind in letters
            },
            "complaint_needed": complaint_needed,
            "first_channel": result["channels"][0] if result["channels"] else None,
            "has_details": letter_store.details(request.case) is not None,
            "saved_letters": StoredLetter.of_case(request.case.instance).count(),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def restart(request: HttpRequest) -> HttpResponse:
    return flow_restart(request, BORROWER)


def flow_restart(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Ask first (a plain page, no JavaScript needed), then delete the answers and letters.

    Starting again deletes everything that belonged to the previous answers:
    the answers, the letter details, edited paragraphs and stored letters.
    The evidence log is kept (it records what happened, not an answer), and
    the page says so; "delete everything" on the privacy page removes it.
    """
    if request.method == "POST":
        log.start_again(visitor=request.case)
        return redirect(flow.pages.start)
    return render(
        request,
        "rights_guide/interview_restart.html",
        {"flow": flow, "log_count": log.count(request.case.instance)},
    )
