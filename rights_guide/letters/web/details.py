"""The one page where a writer's details for every letter are entered and changed.

The form lays out fields; the letter parser, shared with the API, judges
everything in one pass (the ID number's check digit with everything
else), and each problem is shown next to its field and in the summary at
the top. Saved details are checked again when the page is shown, so a
limit that changed since is explained rather than met later.

The writer is the borrower, or someone called about the borrower's debt
(the letter asked for says which): their details are kept apart and they
may give the borrower's name. The contacts the letters list are not typed
here: every letter draws on the evidence log (rights_guide.evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rights_guide.evidence import log as evidence_log
from rights_guide.letters import (
    InvalidLetterRequest,
    parse_letter_request,
)
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.web import store
from rights_guide.letters.web.common import (
    details_kind,
    fits,
    flow_of,
    local_today,
)
from rights_guide.letters.web.forms import CalledDetailsForm, DetailsForm
from rights_guide.messages import error_message, error_summary


@dataclass(frozen=True)
class Writer:
    """Whose details the page is about, and the letter it leads to (None: the details alone)."""

    perspective: str
    next_kind: str | None
    me: str | None  # the writer's relationship to the borrower, when they are not the borrower
    results: str  # the URL name of the writer's results page

    @property
    def complaint(self) -> bool:
        """The letter asked for complains of someone (with no letter asked for, say so too)."""
        return self.next_kind is None or KINDS[self.next_kind].complaint

    def form(self, data) -> DetailsForm:
        form_class = CalledDetailsForm if self.me is not None else DetailsForm
        return form_class(data, complaint=self.complaint)


def _writer(request: HttpRequest) -> Writer | HttpResponse:
    """The writer the letter asked for belongs to; a redirect when they cannot write one yet."""
    asked = request.GET.get("next")
    asked = asked if asked in KINDS else None
    flow = flow_of(asked)
    if not flow.done(request.case):
        return redirect(flow.pages.start)
    answers = flow.request(flow.stored(request.case))
    if asked is not None and not fits(request, asked):
        asked = None  # a letter these answers rule out: the details alone
    if details_kind(request, asked, flow.perspective) is None:  # no letter fits this writer
        return redirect(flow.pages.results)
    return Writer(flow.perspective, asked, answers.get("relationship"), flow.pages.results)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def details(request: HttpRequest) -> HttpResponse:
    """The one place where a writer's details for every letter are entered and changed."""
    writer = _writer(request)
    if isinstance(writer, HttpResponse):
        return writer
    next_kind = writer.next_kind
    summary: list[dict] = []
    if request.method == "POST":
        form = writer.form(request.POST)
        outcome = _save_details(request, writer, form)
        if isinstance(outcome, HttpResponse):
            return outcome
        summary = outcome
    else:
        form = _bound_from_saved(writer, store.details(request.case, writer.perspective) or {})
        invalid = _check_saved(request, writer)
        if invalid is not None:
            form.is_valid()
            summary = _attach_errors(invalid, form)
    logged = evidence_log.count(request.case.instance)
    return render(
        request,
        "rights_guide/letter_details.html",
        {
            "form": form,
            "logged": logged,
            "next_kind": next_kind,
            "next_offer": KINDS[next_kind] if next_kind else None,
            "error_summary": summary,
            "called": writer.me is not None,
            "complaint": writer.complaint,
            "results_url": reverse(writer.results),
        },
    )


def _bound_from_saved(writer: Writer, saved: dict) -> DetailsForm:
    """The saved details as a bound page (so a problem can be shown next to its field)."""
    complainant = saved.get("complainant", {})
    fields = {
        "complainant_name": complainant.get("name", ""),
        "phone": complainant.get("phone", ""),
        "address": complainant.get("address", ""),
        "id_number": complainant.get("id_number", ""),
        "respondent_name": saved.get("respondent", {}).get("name", ""),
        "borrower_name": saved.get("borrower_name", ""),
    }
    return writer.form(fields)


def _check_saved(request, writer: Writer) -> InvalidLetterRequest | None:
    """Saved details that no longer make a valid letter (a limit or the answers changed)."""
    if not store.details(request.case, writer.perspective):
        return None
    kind = details_kind(request, writer.next_kind, writer.perspective)
    try:
        store.letter_request(request.case, kind, today=local_today())
    except InvalidLetterRequest as invalid:
        return invalid
    return None


def _save_details(request, writer: Writer, form):
    """Validate everything in one pass; save and move on, or return the error summary."""
    form.is_valid()
    data = store.details_from_post(
        {name: str(form[name].value() or "") for name in form.fields}, []
    )
    kind = details_kind(request, writer.next_kind, writer.perspective)
    try:
        letter_request = parse_letter_request(
            store.request_data(request.case, kind, details_data=data), today=local_today()
        )
    except InvalidLetterRequest as invalid:
        return _attach_errors(invalid, form)
    store.save_details(request.case, store.details_from_request(letter_request), writer.perspective)
    if writer.next_kind:
        return redirect("letter_preview", kind=writer.next_kind)
    messages.success(request, _("Your details are saved. They are used in every letter."))
    return redirect(reverse(writer.results) + "#next-steps")


def _attach_errors(invalid: InvalidLetterRequest, form) -> list[dict]:
    """Put each parser error next to its field; return the summary that links to them.

    A problem with the contacts (a limit of the letters changed since they
    were logged) is about the evidence log: the summary says so.
    """
    routed = store.route_errors(invalid.errors)
    for name, errors in routed.fields.items():
        for error in errors:
            form.add_error(name, error_message(error))
    other = [error_message(e) for e in routed.other]
    if routed.rows:
        other.append(
            _(
                "A contact in your evidence log cannot go into a letter. Open the log and correct it."
            )
        )
    return error_summary([form], other)
