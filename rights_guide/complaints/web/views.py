"""The complaint page of one body: phone script, texts to paste, form answers, ticket record.

Thin: ``texts`` writes everything from the letter request the case makes
(the same one the letters use), ``store`` keeps the tickets.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rights_guide.assessment import evaluate, parse_answers
from rights_guide.complaints import harassment, store
from rights_guide.complaints.texts import BORROWER, build_complaint, letter_kind, offered
from rights_guide.complaints.web.forms import TicketForm
from rights_guide.evidence import log as evidence_log
from rights_guide.interview.called import flow_for
from rights_guide.knowledge import get_knowledge
from rights_guide.letters import (
    Complainant,
    InvalidLetterRequest,
    LetterRequest,
    parse_letter_request,
)
from rights_guide.letters.web import store as letter_store
from rights_guide.letters.web.common import interview_done, local_today
from rights_guide.messages import error_summary


def complaint_request(request: HttpRequest, body: str, perspective: str) -> LetterRequest:
    """The letter request the case makes for this body's letter; without details, no names."""
    # A body no letter goes to states the same facts: the police letter's request (which
    # fits every lender), or a third party's own, carries them; their requests are not used.
    fallback = "police" if perspective == BORROWER else "third_party"
    data = letter_store.request_data(request.case, letter_kind(body, perspective) or fallback)
    try:
        return parse_letter_request(data, today=local_today())
    except InvalidLetterRequest:  # no details yet, or details that letter cannot take
        return LetterRequest(
            kind=data["kind"],
            language=data["language"],
            answers=parse_answers(data["assessment"], today=local_today()),
            complainant=Complainant(name=""),
            respondent="",
        )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complain(request: HttpRequest, body: str, perspective: str = BORROWER) -> HttpResponse:
    if not offered(body, perspective):
        raise Http404
    flow = flow_for(perspective)
    if not flow.done(request.case):
        return redirect(flow.pages.start)
    letter = complaint_request(request, body, perspective)
    if body not in evaluate(letter.answers).channels:
        raise Http404  # not a body for this story
    form = TicketForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        store.record_ticket(request.case, body=body, who=perspective, **form.cleaned_data)
        messages.success(request, _("Your complaint number is saved in your case."))
        return redirect(reverse(flow.pages.results) + "#complaints-made")
    language = translation.get_language()
    incidents = evidence_log.incidents(request.case.instance)
    channel = get_knowledge().vocabulary.bodies[body]
    return render(
        request,
        "rights_guide/complain.html",
        {
            "complaint": build_complaint(letter, body, language),
            "channel": channel,
            "form": form,
            "results_url": reverse(flow.pages.results),
            "error_summary": error_summary([form]),
            "report_text": "\n".join(harassment.report_lines(incidents))
            if body in harassment.REPORTS
            else "",
            "evidence_note": harassment.evidence_note() if body in harassment.REPORTS else "",
        },
        status=400 if form.is_bound else 200,
    )


def recorded_tickets(case, perspective: str = BORROWER) -> list[dict]:
    """The numbers one writer recorded, each with its body's name, for their results page."""
    bodies = get_knowledge().vocabulary.bodies
    language = translation.get_language()
    return [
        {
            **entry,
            "number": entry.get("ticket"),
            "body_name": bodies[entry["body"]].name.get(language),
        }
        for entry in store.tickets(case)
        if entry.get("body") in bodies and entry.get("who", BORROWER) == perspective
    ]


def offered_bodies(request: HttpRequest) -> list[str]:
    """The bodies of the borrower's story that take calls or forms (the letter page's links)."""
    if not interview_done(request):
        return []
    flow = flow_for("borrower")
    answers = flow.to_answers(flow.stored(request.case), today=local_today())
    return [code for code in evaluate(answers).channels if offered(code)]


def complain_links(request: HttpRequest) -> list[dict]:
    bodies = get_knowledge().vocabulary.bodies
    language = translation.get_language()
    return [
        {"code": code, "name": bodies[code].name.get(language)} for code in offered_bodies(request)
    ]
