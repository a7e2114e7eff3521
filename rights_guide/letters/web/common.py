"""What every letter page checks first, and where the details page is."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from rights_guide.interview import store as interview_store
from rights_guide.interview.steps import first_unanswered
from rights_guide.letters.kinds import KINDS


def interview_done(request: HttpRequest) -> bool:
    return first_unanswered(interview_store.stored_answers(request.case)) is None


def known_kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404
    return kind


def details_url(kind: str | None) -> str:
    url = reverse("letter_details")
    return url + "?next=" + kind if kind else url


def local_today():
    return timezone.localdate()
