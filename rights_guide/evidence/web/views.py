"""The evidence log's pages: the log by day, quick entry, edit, the chart, import and export.

Glue only: the forms lay out fields, ``record.read_incident`` judges what
was typed, ``log`` writes it into the visitor's case, ``judge`` runs each
incident through the engine, ``facts`` and ``chart`` summarise and draw,
``csvio`` reads and writes CSV. Every page works without JavaScript; the
script only fingerprints chosen files on the phone.

A long log is shown one day at a time (at most ``PAGE_SIZE`` contacts a
page): the summary and the chart read the whole log's dates and people
only (``log.timeline``), and only the day shown is read in full and judged.
"""

from __future__ import annotations

import datetime
import hashlib

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rights_guide import ratelimit
from rights_guide.evidence import csvio, log
from rights_guide.evidence.facts import summarise
from rights_guide.evidence.judge import judge
from rights_guide.evidence.record import MAX_INCIDENTS, in_time_order, read_incident
from rights_guide.evidence.web import present
from rights_guide.evidence.web.forms import FILE_ROWS, ImportForm, IncidentForm, PeopleForm
from rights_guide.evidence.words import EVIDENCE_LABELS, EVIDENCE_SHORT
from rights_guide.formatting import format_date, format_number
from rights_guide.interview.steps import BORROWER
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.pdf.render import letter_stylesheet, page_counter_css
from rights_guide.letters.service import LetterRefused, deliver_document
from rights_guide.messages import error_message, error_summary
from rights_guide.reading import FieldError, Reader

PAGE_SIZE = 100
MAX_ERRORS_SHOWN = 200
CSV_NAME = "evidence-log.csv"


def _now() -> datetime.datetime:
    """Local time now, naive, to the minute: incidents are in the borrower's local time."""
    return timezone.localtime().replace(tzinfo=None, second=0, microsecond=0)


def _story(request: HttpRequest) -> dict:
    """The borrower's story so far (the lender), which every incident is judged within."""
    return BORROWER.request(BORROWER.stored(request.case))


def _log_url(day: datetime.date | None = None, key: int | None = None) -> str:
    url = reverse("evidence_log")
    if day is not None:
        url += "?day=" + day.isoformat()
    return url + ("#incident-%d" % key if key else "")


def _quick_defaults(request: HttpRequest) -> dict:
    """Today and now, and who, how and the caller of the last incident entered."""
    now = _now()
    last = log.last_entered(request.case.instance)
    return {
        "date": now.date().isoformat(),
        "time": now.strftime("%H:%M"),
        "target": last.target if last else "borrower",
        "channel": last.channel if last else "call",
        "caller": last.caller if last else "",
    }


def _read_form(form: IncidentForm):
    """(incident, errors) for what was posted: the log's reader decides."""
    errors: list[FieldError] = []
    data = form.incident_data(errors)
    if data["when"] is None:  # the date or time is wrong, and said so: read the rest anyway
        data["when"] = _now().strftime("%Y-%m-%dT%H:%M")
    reader = Reader()
    incident = read_incident(reader, data, "incident", now=_now())
    errors += reader.errors
    return (incident if not errors else None), errors


def _attach(form: IncidentForm, errors: list[FieldError]) -> list[dict]:
    """Each error next to its field; the summary that links to them."""
    for error in errors:
        name = form.field_for(error)
        if name is not None and form.errors.get(name):
            continue  # one message per field is enough
        form.add_error(name, error_message(error))
    return error_summary([form])


def _day_asked(request: HttpRequest) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def log_page(request: HttpRequest) -> HttpResponse:
    """The log: what it shows, the chart, quick entry, and one day's contacts, each judged."""
    summary: list[dict] = []
    if request.method == "POST":
        form = IncidentForm(request.POST)
        incident, errors = _read_form(form)
        if incident is not None:
            try:
                key = log.add_incident(visitor=request.case, incident=incident)
            except log.LogRefused as refused:
                errors = refused.errors
            else:
                messages.success(request, _("Saved in your log."))
                return redirect(_log_url(incident.when.date(), key))
        form.is_valid()
        summary = _attach(form, errors)
    else:
        form = IncidentForm(initial=_quick_defaults(request))
    return _render_log(request, form, summary)


def _render_log(request: HttpRequest, form: IncidentForm, summary: list[dict]) -> HttpResponse:
    language = translation.get_language()
    case = request.case.instance
    vocabulary = get_knowledge().vocabulary
    everything = log.timeline(case)
    facts = summarise(everything, vocabulary)
    context = {
        "form": form,
        "file_rows": FILE_ROWS,
        "error_summary": summary,
        "facts": facts,
        "max_incidents": MAX_INCIDENTS,
        "last": log.last_entered(case),
        "people_form": PeopleForm(initial={"people_reached": log.people_reached(request.case)}),
    }
    if facts.count:
        days = [row.day for row in facts.days]
        day = _day_asked(request)
        if day not in days:
            day = days[-1]
        index = days.index(day)
        entries = log.entries(case, day)
        judgements = judge([incident for _key, incident in entries], _story(request))
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        pages = max(1, -(-len(entries) // PAGE_SIZE))
        page = min(page, pages)
        start = (page - 1) * PAGE_SIZE
        chart, legend = present.page_chart(facts, everything, language)
        context.update(
            {
                "summary_lines": present.summary_lines(
                    facts, log.people_reached(request.case), language
                ),
                "chart": chart,
                "legend": legend,
                "day": day,
                "day_label": format_date(day, language),
                "day_total": len(entries),
                "previous_day": days[index - 1] if index > 0 else None,
                "next_day": days[index + 1] if index + 1 < len(days) else None,
                "incidents": present.incident_views(
                    entries[start : start + PAGE_SIZE],
                    judgements[start : start + PAGE_SIZE],
                    language,
                    start=start,
                ),
                "page": page,
                "pages": pages,
                "first_day": days[0],
                "last_day": days[-1],
            }
        )
    return render(
        request,
        "rights_guide/evidence/log.html",
        context,
        status=400 if summary else 200,
    )


@never_cache
@require_POST
def repeat(request: HttpRequest) -> HttpResponse:
    """ "The same as the last one, now", in one tap."""
    try:
        key = log.repeat_last(visitor=request.case, now=_now())
    except log.LogRefused as refused:
        for error in refused.errors:
            messages.error(request, error_message(error))
        return redirect("evidence_log")
    if key is None:
        return redirect("evidence_log")
    messages.success(request, _("Saved: the same as the last one, now."))
    return redirect(_log_url(_now().date(), key))


@never_cache
@require_POST
def people(request: HttpRequest) -> HttpResponse:
    """How many different people they reached, as the borrower counted (empty: not said)."""
    value = str(request.POST.get("people_reached", "")).strip()
    reader = Reader()
    count = None
    if value:
        typed = {"people_reached": int(value) if value.isdigit() else value}
        count = reader.integer(
            typed, "people_reached", "people_reached", 0, log.MAX_PEOPLE_REACHED, None
        )
    if reader.errors:
        messages.error(request, error_message(reader.errors[0]))
    else:
        log.set_people_reached(visitor=request.case, people=count)
        messages.success(request, _("Saved in your log."))
    return redirect(reverse("evidence_log") + "#people")


def _incident_or_404(request: HttpRequest, key: int):
    incident = log.get(request.case.instance, key)
    if incident is None:
        raise Http404
    return incident


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, key: int) -> HttpResponse:
    incident = _incident_or_404(request, key)
    summary: list[dict] = []
    if request.method == "POST":
        form = IncidentForm(request.POST)
        changed, errors = _read_form(form)
        if changed is not None:
            try:
                log.update_incident(visitor=request.case, key=key, incident=changed)
            except log.LogRefused as refused:
                errors = refused.errors
            else:
                messages.success(request, _("Saved in your log."))
                return redirect(_log_url(changed.when.date(), key))
        form.is_valid()
        summary = _attach(form, errors)
    else:
        form = IncidentForm(initial=IncidentForm.initial_from(incident))
    return render(
        request,
        "rights_guide/evidence/edit.html",
        {
            "form": form,
            "file_rows": FILE_ROWS,
            "key": key,
            "back": _log_url(incident.when.date(), key),
            "error_summary": summary,
        },
        status=400 if summary else 200,
    )


@never_cache
@require_POST
def delete(request: HttpRequest, key: int) -> HttpResponse:
    incident = _incident_or_404(request, key)
    log.delete_incident(visitor=request.case, key=key)
    messages.success(request, _("The contact was deleted from your log."))
    return redirect(_log_url(incident.when.date()))


@never_cache
@require_safe
def chart_page(request: HttpRequest) -> HttpResponse:
    """The chart large, with its data table: one row per day, each linked to that day's page."""
    language = translation.get_language()
    everything = log.timeline(request.case.instance)
    facts = summarise(everything, get_knowledge().vocabulary)
    chart, legend = present.page_chart(facts, everything, language) if facts.count else (None, [])
    return render(
        request,
        "rights_guide/evidence/chart.html",
        {
            "facts": facts,
            "chart": chart,
            "legend": legend,
            "days": present.day_views(facts, language),
        },
    )


def _column_words() -> list[tuple[str, str]]:
    """Each CSV column and what it holds, for the import page (docs/evidence-log.md says the same)."""
    vocabulary = get_knowledge().vocabulary
    return [
        ("date", _("The date, as YYYY-MM-DD (2026/10/3 also works). Required.")),
        ("time", _("The time, as HH:MM on the 24-hour clock. Required.")),
        (
            "target",
            _("Who was contacted. Required. One of: %(codes)s, or the words shown on the log page.")
            % {"codes": ", ".join(vocabulary.targets.codes)},
        ),
        (
            "channel",
            _("How. Required. One of: %(codes)s, or the words shown on the log page.")
            % {"codes": ", ".join(vocabulary.contact_means.codes)},
        ),
        ("caller", _("The number or name that contacted them, if known.")),
        ("description", _("What was said or done.")),
        ("disclosed_debt", _("yes or no: they told the person about the debt.")),
        ("asked_to_pay", _("yes or no: they asked the person to pay the debt.")),
        ("after_stop_request", _("yes or no: it was after being asked to stop.")),
        (
            "tactics",
            _("What they said or did, separated by semicolons: %(codes)s.")
            % {"codes": ", ".join(vocabulary.tactics.codes)},
        ),
        (
            "evidence",
            _("The evidence you have, separated by semicolons: %(codes)s.")
            % {
                "codes": ", ".join(
                    "%s (%s)" % (code, EVIDENCE_SHORT[code]) for code in EVIDENCE_LABELS
                )
            },
        ),
        (
            "files",
            _(
                "Evidence files, one per line in the cell, as name|size in bytes|YYYY-MM-DD|SHA-256. Only the name is required."
            ),
        ),
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Add many contacts at once from a CSV: the good rows are kept, each bad one named."""
    result = None
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        text, refused = form.csv_text()
        if refused is not None:
            problems = [error_message(FieldError("csv", refused, {"max": csvio.MAX_CSV_BYTES}))]
            status = 400
        else:
            result = _import(request, text)
            problems = [_row_problem(error) for error in result.errors[:MAX_ERRORS_SHOWN]]
            status = 200 if result.incidents or not result.errors else 400
    else:
        form = ImportForm()
    return render(
        request,
        "rights_guide/evidence/import.html",
        {
            "form": form,
            "result": result,
            "problems": problems,
            "more_problems": len(result.errors) - MAX_ERRORS_SHOWN
            if result and len(result.errors) > MAX_ERRORS_SHOWN
            else 0,
            "columns": _column_words(),
            "max_incidents": MAX_INCIDENTS,
        },
        status=status,
    )


def _words() -> csvio.Words:
    names = {}
    for code in EVIDENCE_LABELS:
        names[code] = []
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names[code] += [str(EVIDENCE_LABELS[code]), str(EVIDENCE_SHORT[code])]
    return csvio.Words.of(get_knowledge().vocabulary, names)


def _import(request: HttpRequest, text: str) -> csvio.Imported:
    existing = log.incidents(request.case.instance)
    result = csvio.read_csv(text, words=_words(), now=_now(), existing=existing)
    if result.incidents:
        try:
            log.add_incidents(visitor=request.case, incidents=result.incidents)
        except log.LogRefused as refused:  # the log changed meanwhile: nothing was added
            result.errors[:0] = [csvio.RowError(0, "", error) for error in refused.errors]
            result.incidents, result.rows = [], []
    return result


def _row_problem(error: csvio.RowError) -> str:
    message = error_message(error.error)
    if error.row and error.column:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": error.row,
            "column": error.column,
            "message": message,
        }
    if error.row:
        return _("Row %(row)s: %(message)s") % {"row": error.row, "message": message}
    return message


def _csv_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="%s"' % name
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_safe
def export_csv(request: HttpRequest) -> HttpResponse:
    incidents = log.incidents(request.case.instance)
    return _csv_response(csvio.write_csv(incidents, get_knowledge().vocabulary), CSV_NAME)


@require_safe
def template_csv(request: HttpRequest) -> HttpResponse:
    return _csv_response(csvio.template_csv(), "evidence-log-template.csv")


@never_cache
@require_safe
def evidence_pdf(request: HttpRequest) -> HttpResponse:
    """The evidence files as a PDF, with the SHA-256 of the log exported as CSV now."""
    incidents = in_time_order(log.incidents(request.case.instance))
    exported = csvio.write_csv(incidents, get_knowledge().vocabulary)
    language = translation.get_language()
    files = []
    for number, incident in enumerate(incidents, start=1):
        for file in incident.files:
            files.append(
                {
                    "number": len(files) + 1,
                    "name": file.name,
                    "size": format_number(file.size, language) if file.size is not None else "",
                    "date": format_date(file.date, language) if file.date else "",
                    "sha256": file.sha256,
                    "incident": number,
                    "when": "%s %s"
                    % (
                        format_date(incident.when.date(), language),
                        incident.when.strftime("%H:%M"),
                    ),
                }
            )
    html = render_to_string(
        "rights_guide/evidence/evidence_list.html",
        {
            "files": files,
            "count": len(incidents),
            "csv_sha256": hashlib.sha256(exported).hexdigest(),
            "csv_name": CSV_NAME,
            "csv_bytes": format_number(len(exported), language),
            "made_on": format_date(_now().date(), language),
            "stylesheet": letter_stylesheet(),
            "page_counter": page_counter_css(),
            "html_lang": "zh-Hans" if language == "zh-hans" else "en",
        },
    )
    try:
        pdf = deliver_document(html, client=ratelimit.client_key(request))
    except LetterRefused as refused:
        messages.error(request, error_message(refused.error))
        response = redirect("evidence_log")
        response["Retry-After"] = str(refused.retry_after)
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="evidence-list.pdf"'
    response["Cache-Control"] = "no-store"
    return response
