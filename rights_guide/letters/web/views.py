"""The letter pages after the details: each letter's preview, edits, print and PDF.

Glue only: the forms lay out fields, ``store`` keeps details and edits in
the visitor's case and builds the same request the API takes,
``parse_letter_request`` judges it, ``rights_guide.letters`` writes and
renders it, and ``rights_guide.letters.service`` makes the PDF (allowance,
render slot, stored snapshot), admitted before the letter is even built;
the preview and print pages are throttled like it (``throttle``). A
downloaded letter is stored with the case until it expires, so it can be
downloaded again byte for byte (``saved``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from rights_guide import ratelimit
from rights_guide.complaints.web.views import complain_links
from rights_guide.letters import (
    InvalidLetterRequest,
    build_letter,
    render_letter_html,
)
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.request import EDITABLE
from rights_guide.letters.service import (
    Admission,
    LetterRefused,
    deliver_letter,
    deliver_stored,
)
from rights_guide.letters.web import store
from rights_guide.letters.web.choices import choices_needed, choices_url
from rights_guide.letters.web.common import (
    details_url,
    flow_of,
    interview_done,
    known_kind,
    local_today,
    refusal,
    results_url,
)
from rights_guide.letters.web.forms import (
    AppendixForm,
    ParagraphsForm,
)
from rights_guide.letters.web.text import letter_text
from rights_guide.letters.web.throttle import busy_page, letter_page
from rights_guide.messages import error_message, error_summary
from rights_guide.models import StoredLetter
from rights_guide.pictographs import remove_emoji
from rights_guide.reading import FieldError


@never_cache
@require_safe
def start(request: HttpRequest, kind: str) -> HttpResponse:
    """Where the results page sends people: the details once, then straight to the letter."""
    blocked = _guard(request, kind)
    if blocked is not None:
        return blocked
    return redirect("letter_preview", kind=kind)


def _build(request: HttpRequest, kind: str, *, edited=None, language=store.SEND_LANGUAGE):
    """The letter from the case, with the given edits (the stored ones by default)."""
    if edited is None:
        edited = store.edits(request.case, kind)
    paragraphs = {name: edit["text"] for name, edit in edited.items()}
    letter_request = store.letter_request(
        request.case, kind, today=local_today(), paragraphs=paragraphs, language=language
    )
    return build_letter(letter_request, today=local_today())


def _guard(request: HttpRequest, kind: str) -> HttpResponse | None:
    """The letter's own interview answered, the letter fitting them, and its writer's details."""
    known_kind(kind)
    if not interview_done(request, kind):
        return redirect(flow_of(kind).pages.start)
    refused = refusal(request, kind)
    if refused is not None:  # not offered for these answers, but a URL can still ask
        messages.error(request, error_message(FieldError("kind", refused)))
        return redirect(results_url(kind) + "#next-steps")
    if choices_needed(request, kind):  # what this letter alone needs comes first
        return redirect(choices_url(kind))
    if store.details(request.case, KINDS[kind].perspective) is None:
        return redirect(details_url(kind))
    return None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preview(request: HttpRequest, kind: str) -> HttpResponse:
    blocked = _guard(request, kind)
    if blocked is not None:
        return blocked
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "download":  # admitted before the letter is built, as on the API
            with Admission(ratelimit.client_key(request)) as admitted:
                admitted.wait()
                return _preview(request, kind, action, admitted)
        with letter_page(request):
            return _preview(request, kind, action, None)
    except LetterRefused as refused:
        if action == "download":
            return _refused(request, kind, refused)
        return busy_page(request, kind, refused)


def _preview(request, kind, action, admitted) -> HttpResponse:
    if action == "reset":
        store.save_edits(request.case, kind, None)
        return redirect("letter_preview", kind=kind)
    if action == "appendix":
        return _save_appendix(request, kind)
    try:
        letter = _build(request, kind)
    except InvalidLetterRequest as invalid:
        return _invalid_stored_letter(request, kind, invalid)
    stale = store.conflicts(store.edits(request.case, kind), letter.generated)
    if action == "resolve":
        return _resolve(request, kind, letter, stale)
    form = ParagraphsForm(initial=dict(letter.texts))
    summary: list[dict] = []
    if action in ("update", "download") and not stale:
        form = ParagraphsForm(request.POST)
        outcome = _save_edits(request, kind, form, letter, admitted)
        if isinstance(outcome, HttpResponse):
            return outcome
        summary = outcome
    elif action in ("update", "download"):
        messages.error(request, _("Choose which version to keep before you print or download."))
        return redirect("letter_preview", kind=kind)
    return _preview_page(request, kind, letter, form, stale, summary)


def _save_appendix(request: HttpRequest, kind: str) -> HttpResponse:
    """Keep what this letter attaches of the log; the preview then shows the letter with it."""
    form = AppendixForm(request.POST)
    if form.is_valid():
        store.save_appendix_choice(
            request.case,
            kind,
            {"include": form.cleaned_data["include"], "columns": form.cleaned_data["columns"]},
        )
    else:  # only a tampered post gets here: the boxes offer nothing else
        messages.error(request, _("Choose what the appendix shows from the boxes offered."))
    return redirect(reverse("letter_preview", kwargs={"kind": kind}) + "#appendix-choice-heading")


def _invalid_stored_letter(request, kind, invalid: InvalidLetterRequest) -> HttpResponse:
    """Stored inputs that no longer make a valid letter: say where, never loop between pages.

    Edits are checked when they are saved, but a limit can change later. An
    edit that no longer passes is shown in its text box with the error, over
    the letter as the tool writes it, so it can be corrected or undone; any
    other problem is for the details page, which shows it.
    """
    if choices_needed(request, kind, invalid.errors):  # shown on the letter's choices page
        return redirect(choices_url(kind))
    routed = store.route_errors(invalid.errors)
    if not routed.paragraphs or routed.fields or routed.rows or routed.other:
        return redirect(details_url(kind))
    try:
        letter = _build(request, kind, edited={})
    except InvalidLetterRequest:
        return redirect(details_url(kind))
    texts = {name: edit["text"] for name, edit in store.edits(request.case, kind).items()}
    form = ParagraphsForm(data={**letter.texts, **texts})
    form.is_valid()
    for name, errors in routed.paragraphs.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error_message(error))
    return _preview_page(request, kind, letter, form, [], error_summary([form], []))


def _save_edits(request, kind, form, letter, admitted) -> HttpResponse | list[dict]:
    """Check the paragraphs as submitted (a paragraph not sent stays as it was) and keep them."""
    form.is_valid()
    texts = {name: edit["text"] for name, edit in store.edits(request.case, kind).items()}
    removed = 0
    for name in EDITABLE:
        if name in request.POST:
            texts[name], count = remove_emoji(request.POST[name])
            removed += count
    today = local_today()
    try:
        checked = store.letter_request(request.case, kind, today=today, paragraphs=texts)
    except InvalidLetterRequest as invalid:
        routed = store.route_errors(invalid.errors)
        for name, errors in routed.paragraphs.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error_message(error))
        return error_summary([form], [error_message(e) for e in routed.other])
    store.save_edits(
        request.case, kind, store.edits_over(checked.paragraphs or {}, letter.generated)
    )
    if removed:
        messages.warning(
            request,
            ngettext(
                "%(count)s emoji was taken out of your text: a printed letter cannot show emoji. If it mattered (for example a knife sent as a threat), describe it in words.",
                "%(count)s emoji were taken out of your text: a printed letter cannot show emoji. If one mattered (for example a knife sent as a threat), describe it in words.",
                removed,
            )
            % {"count": removed},
        )
    if admitted is not None:  # the download button
        return _download(request, kind, admitted)
    return redirect("letter_preview", kind=kind)


def _resolve(request, kind, letter, stale) -> HttpResponse:
    """Keep the edited text or take the new one, paragraph by paragraph, as the visitor chose."""
    edited = store.edits(request.case, kind)
    choices = {c.name: request.POST.get("keep_" + c.name) for c in stale}
    if any(choice not in ("mine", "new") for choice in choices.values()):
        messages.error(request, _("Choose a version for each paragraph."))
        return redirect("letter_preview", kind=kind)
    for name, choice in choices.items():
        if choice == "new":
            edited.pop(name, None)
        else:
            edited[name] = {"text": edited[name]["text"], "base": letter.generated.get(name, "")}
    store.save_edits(request.case, kind, edited)
    return redirect("letter_preview", kind=kind)


def _preview_page(request, kind, letter, form, stale, summary) -> HttpResponse:
    reading_copy = None
    if translation.get_language() == store.READING_LANGUAGE:
        english = _build(request, kind, edited={}, language=store.READING_LANGUAGE)
        reading_copy = render_letter_html(
            english, language=english.language, for_pdf=False, masked=True
        )
    return render(
        request,
        "rights_guide/letter_preview.html",
        {
            "kind": kind,
            "offer": KINDS[kind],
            "letter": letter,
            "letter_html": render_letter_html(
                letter, language=letter.language, for_pdf=False, masked=True
            ),
            # Nothing that could be sent while a conflict is open: it would mix old and new.
            "letter_text": None if stale else letter_text(letter),
            "paragraphs_form": form.text_in(letter.html_lang),
            "appendix_form": AppendixForm(initial=store.appendix_choice(request.case, kind)),
            "conflicts": stale,
            "reading_copy": reading_copy,
            "edited": bool(store.edits(request.case, kind)),
            "details_url": details_url(kind),
            "choices_url": choices_url(kind) if KINDS[kind].choices else None,
            "wechat": "MicroMessenger" in request.headers.get("User-Agent", ""),
            "error_summary": summary,
            # Beside the letter, the same complaint by phone or online (rights_guide.complaints).
            "complain_links": complain_links(request)
            if KINDS[kind].perspective == "borrower"
            else [],
        },
        status=400 if summary else 200,
    )


def _refused(request: HttpRequest, kind: str, refused: LetterRefused) -> HttpResponse:
    messages.error(request, error_message(refused.error))
    response = redirect("letter_preview", kind=kind)
    response["Retry-After"] = str(refused.retry_after)
    return response


def _download(request: HttpRequest, kind: str, admitted: Admission) -> HttpResponse:
    letter = _build(request, kind)
    if store.conflicts(store.edits(request.case, kind), letter.generated):
        return redirect("letter_preview", kind=kind)
    try:
        delivered = deliver_letter(letter, admitted, case=request.case.instance)
    except LetterRefused as refused:
        return _refused(request, kind, refused)
    return delivered.response()


@never_cache
@require_safe
def download_again(request: HttpRequest, token: str) -> HttpResponse:
    """A letter downloaded before, printed again from its snapshot: the same letter, not a new one."""
    case = request.case.instance
    stored = StoredLetter.live().filter(token=token, case=case).first() if case else None
    if stored is None:
        raise Http404
    try:
        return deliver_stored(stored, client=ratelimit.client_key(request)).response()
    except LetterRefused as refused:
        response = HttpResponse(error_message(refused.error), status=refused.status)
        response["Retry-After"] = str(refused.retry_after)
        return response


@never_cache
@require_safe
def print_view(request: HttpRequest, kind: str) -> HttpResponse:
    """The letter alone on the page, for the browser's print command (works inside WeChat)."""
    blocked = _guard(request, kind)
    if blocked is not None:
        return blocked
    try:
        with letter_page(request):
            return _print_page(request, kind)
    except LetterRefused as refused:
        return busy_page(request, kind, refused)


def _print_page(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        letter = _build(request, kind)
    except InvalidLetterRequest as invalid:
        if choices_needed(request, kind, invalid.errors):
            return redirect(choices_url(kind))
        return redirect(details_url(kind))
    if store.conflicts(store.edits(request.case, kind), letter.generated):
        return redirect("letter_preview", kind=kind)
    return render(
        request,
        "rights_guide/letter_print.html",
        {
            "kind": kind,
            "letter": letter,
            "letter_html": render_letter_html(letter, language=letter.language, for_pdf=False),
        },
    )
