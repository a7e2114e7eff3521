"""The evidence log's pages: the log by day, quick entry, edit and delete, the chart.

Glue only: the forms lay out fields, ``record.read_incident`` judges what
was typed, ``log`` writes it into the visitor's case, ``judge`` runs each
incident through the engine, ``facts`` and ``chart`` summarise and draw,
``web/transfer.py`` imports and exports. Every page works without JavaScript; the
script only fingerprints chosen files on the phone.

A long log is shown one day at a time (at most ``PAGE_SIZE`` contacts a
page): the summary and the chart read the whole log's dates and people
only (``log.timeline``), and only the day shown is read in full and judged.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rights_guide.evidence import log
from rights_guide.evidence.facts import summarise
from rights_guide.evidence.judge import judge
from rights_guide.evidence.record import MAX_INCIDENTS, read_incident
from rights_guide.evidence.web import present
from rights_guide.evidence.web.forms import FILE_ROWS, IncidentForm, PeopleForm
from rights_guide.formatting import format_date
from rights_guide.interview.steps import BORROWER
from rights_guide.knowledge import get_knowledge
from rights_guide.messages import error_message, error_summary
from rights_guide.reading import FieldError, Reader, typed_number

PAGE_SIZE = 100
# A log this short is shown whole, a heading per day, unless a day is asked for: reviewing
# ten contacts over five days should not take four taps.
SHORT_LOG = 30


def _story(request: HttpRequest) -> dict:
    """The borrower's story so far (the lender), which every incident is judged within."""
    return BORROWER.request(BORROWER.stored(request.case))


def _log_url(day: datetime.date | None = None, key: int | None = None) -> str:
    url = reverse("evidence_log")
    if day is not None:
        url += "?day=" + day.isoformat()
    return url + ("#incident-%d" % key if key else "")


def _quick_defaults(request: HttpRequest) -> dict:
    """The day shown (else today) and now, and who, how and the caller of the last one entered.

    After a save the page shows the day just saved, so entering several past
    calls of one day does not mean choosing that day again each time.
    """
    now = log.local_now()
    last = log.last_entered(request.case.instance)
    day = _day_asked(request)
    return {
        "date": (day if day is not None and day <= now.date() else now.date()).isoformat(),
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
        data["when"] = log.local_now().strftime("%Y-%m-%dT%H:%M")
    reader = Reader()
    incident = read_incident(reader, data, "incident", now=log.local_now())
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


def _render_log(
    request: HttpRequest,
    form: IncidentForm,
    summary: list[dict],
    people_form: PeopleForm | None = None,
) -> HttpResponse:
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
        "short_log": SHORT_LOG,
        "last": log.last_entered(case),
        "people_form": people_form
        or PeopleForm(initial={"people_reached": log.people_reached(request.case)}),
    }
    if facts.count and facts.count <= SHORT_LOG and _day_asked(request) is None:
        context.update(_whole_log(request, facts, everything, language))
    elif facts.count:
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
        status=400 if summary or people_form is not None else 200,
    )


def _whole_log(request: HttpRequest, facts, everything, language: str) -> dict:
    """A short log on one page: every day's contacts under the day's heading, each judged."""
    entries = log.entries(request.case.instance)
    judgements = judge([incident for _key, incident in entries], _story(request))
    chart, legend = present.page_chart(facts, everything, language)
    return {
        "summary_lines": present.summary_lines(facts, log.people_reached(request.case), language),
        "chart": chart,
        "legend": legend,
        "whole_log": present.days_of(entries, judgements, language),
    }


@never_cache
@require_POST
def repeat(request: HttpRequest) -> HttpResponse:
    """ "The same as the last one, now", in one tap."""
    try:
        key = log.repeat_last(visitor=request.case, now=log.local_now())
    except log.LogRefused as refused:
        for error in refused.errors:
            messages.error(request, error_message(error))
        return redirect("evidence_log")
    if key is None:
        return redirect("evidence_log")
    messages.success(request, _("Saved: the same as the last one, now."))
    return redirect(_log_url(log.local_now().date(), key))


@never_cache
@require_POST
def people(request: HttpRequest) -> HttpResponse:
    """How many different people they reached, as the borrower counted (empty: not said)."""
    value = str(request.POST.get("people_reached", "")).strip()
    reader = Reader()
    count = None
    if value:
        typed = {"people_reached": typed_number(value)}  # １２ too, as on every page
        count = reader.integer(
            typed, "people_reached", "people_reached", 0, log.MAX_PEOPLE_REACHED, None
        )
    if reader.errors:  # shown at the field, with what was typed
        form = PeopleForm(request.POST)
        form.is_valid()
        form.add_error("people_reached", error_message(reader.errors[0]))
        return _render_log(request, IncidentForm(initial=_quick_defaults(request)), [], form)
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
