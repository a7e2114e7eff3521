"""The evidence log in and out: CSV import and export, the template, the evidence list PDF.

Glue only: ``csvio`` reads and writes the CSV (row-and-column problems, the
good rows kept), ``log`` adds the rows to the visitor's case, and the
evidence list is printed through the letters' renderer, slots and
allowance (``deliver_document``), with the SHA-256 of the CSV export of
that moment printed in it.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from rights_guide import ratelimit
from rights_guide.evidence import csvio, log
from rights_guide.evidence.csvcells import CHINESE_NAMES
from rights_guide.evidence.record import (
    MAX_DESCRIPTION,
    MAX_INCIDENT_LINES,
    MAX_INCIDENT_TEXT,
    MAX_INCIDENTS,
    in_time_order,
)
from rights_guide.evidence.web.forms import ImportForm
from rights_guide.evidence.words import EVIDENCE_LABELS, EVIDENCE_SHORT
from rights_guide.formatting import format_date, format_number
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.pdf.render import letter_stylesheet, page_counter_css
from rights_guide.letters.service import LetterRefused, deliver_document
from rights_guide.messages import error_message
from rights_guide.reading import FieldError

MAX_ERRORS_SHOWN = 200
# What the log has run out of room for (room.Totals.refusal): said once for all the rows.
ROOM_CODES = frozenset({"log_full", "log_files_full", "log_marks_full", "log_callers_full"})
CSV_NAME = "evidence-log.csv"


def _column_words() -> list[tuple[str, str, str]]:
    """Each CSV column, its Chinese name and what it holds (docs/evidence-log.md says the same)."""
    vocabulary = get_knowledge().vocabulary
    columns = [
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
    return [(name, CHINESE_NAMES[name], words) for name, words in columns]


# Problems with the file as a whole rather than with one of its rows.
FILE_PROBLEMS = frozenset({"csv_empty"})


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
            result = _import(request, text, keep_duplicates=form.keeps_duplicates())
            problems = _problems(result.errors)[:MAX_ERRORS_SHOWN]
            status = 200 if result.incidents or not result.errors else 400
            if any(error.error.code in FILE_PROBLEMS for error in result.errors):
                # About the whole file: said once, not as "0 added, row 1 not added".
                problems = [error_message(result.errors[0].error)]
                result = None
    else:
        form = ImportForm()
    return render(
        request,
        "rights_guide/evidence/import.html",
        {
            "form": form,
            "result": result,
            "problems": problems,
            "more_problems": max(0, len(_problems(result.errors)) - MAX_ERRORS_SHOWN)
            if result
            else 0,
            "columns": _column_words(),
            "max_incidents": MAX_INCIDENTS,
            "max_text": format_number(MAX_INCIDENT_TEXT, translation.get_language()),
            "max_lines": MAX_INCIDENT_LINES,
            "max_description": format_number(MAX_DESCRIPTION, translation.get_language()),
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


def _import(request: HttpRequest, text: str, *, keep_duplicates: bool) -> csvio.Imported:
    existing = log.incidents(request.case.instance)
    result = csvio.read_csv(
        text,
        words=_words(),
        now=log.local_now(),
        existing=existing,
        keep_duplicates=keep_duplicates,
    )
    if result.incidents:
        try:
            log.add_incidents(visitor=request.case, incidents=result.incidents)
        except log.LogRefused as refused:  # the log changed meanwhile: nothing was added
            result.errors[:0] = [csvio.RowError(0, "", error) for error in refused.errors]
            result.incidents, result.rows = [], []
    return result


def _problems(errors: list[csvio.RowError]) -> list[str]:
    """Each problem as a sentence; rows refused because the log is full, one line per reason.

    Once the log has no room of one kind, every later row needing it is
    refused for the same reason: naming each would repeat one sentence
    hundreds of times.
    """
    refused: dict[str, list[csvio.RowError]] = {}
    lines: list[str] = []
    for error in errors:
        if error.row and error.error.code in ROOM_CODES:
            if error.error.code not in refused:
                lines.append(error.error.code)  # its place among the problems
            refused.setdefault(error.error.code, []).append(error)
        else:
            lines.append(_row_problem(error))
    for code, found in refused.items():
        if len(found) == 1:
            text = _row_problem(found[0])
        else:
            text = ngettext(
                "%(count)s row, from row %(first)s on: %(message)s",
                "%(count)s rows, from row %(first)s on: %(message)s",
                len(found),
            ) % {
                "count": len(found),
                "first": found[0].row,
                "message": error_message(found[0].error),
            }
        lines[lines.index(code)] = text
    return lines


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
            "fingerprinted": sum(1 for file in files if file["sha256"]),
            "count": len(incidents),
            "csv_sha256": hashlib.sha256(exported).hexdigest(),
            "csv_name": CSV_NAME,
            "csv_bytes": format_number(len(exported), language),
            "made_on": format_date(log.local_now().date(), language),
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
