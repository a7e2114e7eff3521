"""What every letter page checks first, and where the details page is.

A letter is written by the person whose story it is: the borrower's
letters from the borrower's interview, the letter of someone called about
another person's debt from theirs (the kind's ``perspective``). So each
check reads the interview of the letter asked for.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from rights_guide.interview.called import flow_for
from rights_guide.interview.flow import Flow
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.kinds import KINDS


def flow_of(kind: str | None) -> Flow:
    """The interview a letter is made from (the borrower's when no letter is named)."""
    return flow_for(KINDS[kind].perspective if kind else "borrower")


def interview_done(request: HttpRequest, kind: str | None = None) -> bool:
    return flow_of(kind).done(request.case)


def known_kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return kind


def lender_type(request: HttpRequest, kind: str | None = None) -> str:
    """The kind of lender the answers of this letter's interview name."""
    flow = flow_of(kind)
    return flow.request(flow.stored(request.case))["lender_type"]


def refusal(request: HttpRequest, kind: str) -> str | None:
    """Why this letter cannot be written from the answers in the case (an error code), or None.

    The same reasons the API gives (``LetterKind.refusal``): a lender it does
    not fit, or a writer it is not for (a guarantor may lawfully be asked to
    pay).
    """
    entry = KINDS[kind]
    flow = flow_of(kind)
    data = flow.request(flow.stored(request.case))
    if not entry.fits(data["lender_type"]):
        return "kind_not_available_for_lender_type"
    relationship = data.get("relationship")
    targets = get_knowledge().vocabulary.targets
    if relationship in targets and targets[relationship].liable:
        return "kind_not_available_for_relationship"
    return None


def fits(request: HttpRequest, kind: str) -> bool:
    """Whether this letter may be written from the answers in the case (letters.yaml)."""
    return refusal(request, kind) is None


def details_kind(request: HttpRequest, kind: str | None, perspective: str = "borrower"):
    """The letter to check the details against: the one asked for, else the first that fits.

    The details are shared by every letter of one writer; checking them as a
    letter the answers rule out would report that instead of the details.
    None when no letter fits this writer at all.
    """
    if kind is not None and fits(request, kind):
        return kind
    return next(
        (
            entry.code
            for entry in KINDS
            if entry.perspective == perspective and fits(request, entry.code)
        ),
        None,
    )


def details_url(kind: str | None) -> str:
    url = reverse("letter_details")
    return url + "?next=" + kind if kind else url


def results_url(kind: str | None) -> str:
    """The results page of the interview a letter is made from."""
    return reverse(flow_of(kind).pages.results)


def local_today():
    return timezone.localdate()
