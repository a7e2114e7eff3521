"""The letter pages: pick a letter, give your details, edit the preview, print or download.

Glue only: forms shape the input, ``rights_guide.letterflow.store`` turns it
into a letters request, ``parse_letter_request`` validates it exactly as the
API does, and ``rights_guide.letters`` writes and renders it. A downloaded
letter is stored as a snapshot (its inputs and rendered HTML) until it
expires, so it can be downloaded again byte for byte.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rights_guide import ratelimit
from rights_guide.api.errors import error_message
from rights_guide.interview import answers as interview_store
from rights_guide.interview.steps import first_unanswered
from rights_guide.letterflow import store
from rights_guide.letterflow.forms import (
    INCIDENT_ROWS,
    IncidentForm,
    IncidentFormSet,
    LetterDetailsForm,
    ParagraphsForm,
)
from rights_guide.letterflow.kinds import KINDS
from rights_guide.letterflow.text import letter_text
from rights_guide.letters import (
    InvalidLetterRequest,
    build_letter,
    render_letter_html,
    snapshot_letter,
)
from rights_guide.models import StoredLetter


def _interview_done(request: HttpRequest) -> bool:
    return first_unanswered(interview_store.stored_answers(request.session)) is None


def _kind_or_404(request: HttpRequest, kind: str):
    info = KINDS.get(kind)
    if info is None:
        raise Http404
    return info


def _initial_details(saved: dict | None) -> tuple[dict, list[dict]]:
    if not saved:
        return {"language": "zh-hans"}, []
    complainant = saved.get("complainant", {})
    initial = {
        "language": saved.get("language", "zh-hans"),
        "complainant_name": complainant.get("name", ""),
        "phone": complainant.get("phone", ""),
        "address": complainant.get("address", ""),
        "id_number": complainant.get("id_number", ""),
        "respondent_name": saved.get("respondent", {}).get("name", ""),
        "requests": saved.get("requests", ""),
    }
    return initial, list(saved.get("incidents", []))


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, kind: str) -> HttpResponse:
    info = _kind_or_404(request, kind)
    if not _interview_done(request):
        return redirect("interview_start")
    problems: list[str] = []
    if request.method == "POST":
        form = LetterDetailsForm(request.POST)
        incidents = IncidentFormSet(request.POST, prefix="incidents")
        if request.POST.get("nav") == "add_rows":
            form, incidents = _with_more_rows(request.POST)
        elif form.is_valid() and incidents.is_valid():
            rows = [f.cleaned_data for f in incidents.forms if not f.is_blank()]
            data = store.details_from_forms(form.cleaned_data, rows)
            store.save_details(request.session, kind, data)
            try:
                store.letter_request(request.session, kind, today=timezone.localdate())
            except InvalidLetterRequest as invalid:
                problems = _attach_errors(invalid, form, incidents, rows)
            else:
                return redirect("letter_preview", kind=kind)
    else:
        initial, rows = _initial_details(store.details(request.session, kind))
        form = LetterDetailsForm(initial=initial)
        incidents = IncidentFormSet(
            prefix="incidents", initial=rows + [{}] * max(INCIDENT_ROWS - len(rows), 1)
        )
    return render(
        request,
        "rights_guide/letter_details.html",
        {"kind": kind, "info": info, "form": form, "incidents": incidents, "problems": problems},
    )


def _posted_values(data, names, prefix: str = "") -> dict[str, str]:
    return {name: data.get(prefix + name, "") for name in names}


def _with_more_rows(data) -> tuple[LetterDetailsForm, IncidentFormSet]:
    """The page as posted, unvalidated, plus empty rows: adding rows works without JavaScript."""
    form = LetterDetailsForm(initial=_posted_values(data, LetterDetailsForm.base_fields))
    try:
        total = min(int(data.get("incidents-TOTAL_FORMS", 0)), 100 - INCIDENT_ROWS)
    except ValueError:
        total = 0
    rows = [
        _posted_values(data, IncidentForm.base_fields, "incidents-%d-" % i) for i in range(total)
    ]
    return form, IncidentFormSet(prefix="incidents", initial=rows + [{}] * INCIDENT_ROWS)


def _attach_errors(invalid: InvalidLetterRequest, form, incidents, rows) -> list[str]:
    """Put each parser error next to its field; return the ones with no field on this page."""
    by_field, by_row, other = store.route_errors(invalid.errors)
    for name, errors in by_field.items():
        for error in errors:
            form.add_error(name, error_message(error))
    filled = [f for f in incidents.forms if not f.is_blank()]
    for index, fields in by_row.items():
        if index < len(filled):
            for name, errors in fields.items():
                for error in errors:
                    filled[index].add_error(
                        name if name in filled[index].fields else None, error_message(error)
                    )
    return [error_message(e) for e in other]


def _letter(request: HttpRequest, kind: str):
    letter_request = store.letter_request(request.session, kind, today=timezone.localdate())
    return build_letter(letter_request)


@never_cache
@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, kind: str) -> HttpResponse:
    info = _kind_or_404(request, kind)
    if not _interview_done(request):
        return redirect("interview_start")
    if store.details(request.session, kind) is None:
        return redirect("letter_details", kind=kind)
    action = request.POST.get("action") if request.method == "POST" else None
    paragraphs_form = ParagraphsForm(request.POST if action in ("update", "download") else None)
    if action == "reset":
        store.save_paragraphs(request.session, kind, None)
        return redirect("letter_preview", kind=kind)
    if action in ("update", "download") and paragraphs_form.is_valid():
        try:
            generated = _letter(request, kind).generated
        except InvalidLetterRequest:
            return redirect("letter_details", kind=kind)
        edited = {
            name: text.replace("\r\n", "\n").strip()
            for name, text in paragraphs_form.cleaned_data.items()
            if text.replace("\r\n", "\n").strip() != generated.get(name, "").strip()
        }
        store.save_paragraphs(request.session, kind, edited)
        if action == "download":
            return _download(request, kind)
        return redirect("letter_preview", kind=kind)
    try:
        letter = _letter(request, kind)
    except InvalidLetterRequest:
        return redirect("letter_details", kind=kind)
    if not paragraphs_form.is_bound:
        paragraphs_form = ParagraphsForm(initial=dict(letter.texts))
    wechat = "MicroMessenger" in request.headers.get("User-Agent", "")
    return render(
        request,
        "rights_guide/letter_preview.html",
        {
            "kind": kind,
            "info": info,
            "letter": letter,
            "letter_html": render_letter_html(
                letter, language=letter.language, for_pdf=False, masked=True
            ),
            "letter_text": letter_text(letter),
            "paragraphs_form": paragraphs_form,
            "wechat": wechat,
        },
        status=200 if not paragraphs_form.errors else 400,
    )


def _download(request: HttpRequest, kind: str) -> HttpResponse:
    decision = ratelimit.consume(ratelimit.LETTER_PDFS, ratelimit.client_key(request))
    if not decision.allowed:
        messages.error(
            request,
            _(
                "You have made many letters in a short time. Please wait %(seconds)s seconds and try again."
            )
            % {"seconds": decision.retry_after},
        )
        response = redirect("letter_preview", kind=kind)
        response["Retry-After"] = str(decision.retry_after)
        return response
    try:
        letter = _letter(request, kind)
    except InvalidLetterRequest:
        return redirect("letter_details", kind=kind)
    snapshot = snapshot_letter(letter)
    stored = StoredLetter.keep(snapshot, request.session)
    return _pdf_response(stored)


def _pdf_response(stored: StoredLetter) -> HttpResponse:
    snapshot = stored.snapshot()
    response = HttpResponse(snapshot.render_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = snapshot.content_disposition
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_GET
def download_again(request: HttpRequest, token: str) -> HttpResponse:
    """A letter downloaded before, rebuilt from its snapshot: the same letter, not a new one."""
    stored = get_object_or_404(StoredLetter.live(), token=token)
    if token not in request.session.get(StoredLetter.SESSION_KEY, []):
        raise Http404
    decision = ratelimit.consume(ratelimit.LETTER_PDFS, ratelimit.client_key(request))
    if not decision.allowed:
        response = HttpResponse(status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response
    return _pdf_response(stored)


@never_cache
@require_GET
def print_view(request: HttpRequest, kind: str) -> HttpResponse:
    """The letter alone on the page, for the browser's print command (works inside WeChat)."""
    _kind_or_404(request, kind)
    if not _interview_done(request) or store.details(request.session, kind) is None:
        return redirect("letter_details", kind=kind)
    try:
        letter = _letter(request, kind)
    except InvalidLetterRequest:
        return redirect("letter_details", kind=kind)
    return render(
        request,
        "rights_guide/letter_print.html",
        {
            "kind": kind,
            "letter": letter,
            "letter_html": render_letter_html(letter, language=letter.language, for_pdf=False),
        },
    )
