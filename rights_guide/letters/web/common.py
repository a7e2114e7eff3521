"""What every letter page checks first, and where the details page is."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from rights_guide.interview import store as interview_store
from rights_guide.interview.steps import first_unanswered, request_from_answers
from rights_guide.letters.kinds import KINDS


def interview_done(request: HttpRequest) -> bool:
    return first_unanswered(interview_store.stored_answers(request.case)) is None


def known_kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return kind


def lender_type(request: HttpRequest) -> str:
    """The kind of lender the interview's answers name."""
    return request_from_answers(interview_store.stored_answers(request.case))["lender_type"]


def fits(request: HttpRequest, kind: str) -> bool:
    """Whether this letter may be written about the lender in the answers (letters.yaml)."""
    return KINDS[kind].fits(lender_type(request))


def details_kind(request: HttpRequest, kind: str | None) -> str:
    """The letter to check the details against: the one asked for, else the first that fits.

    The details are shared by every letter; checking them as a letter the
    answers rule out would report that instead of the details.
    """
    if kind is not None and fits(request, kind):
        return kind
    return next(entry.code for entry in KINDS if entry.fits(lender_type(request)))


def details_url(kind: str | None) -> str:
    url = reverse("letter_details")
    return url + "?next=" + kind if kind else url


def local_today():
    return timezone.localdate()
