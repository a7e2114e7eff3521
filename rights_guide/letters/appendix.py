"""A letter's appendix: the whole log, set so that 2,000 contacts print in seconds.

The letter itself says what the log shows (``facts.log_sentences``); the
appendix, after the signature on a page of its own, holds the chart, a
compact summary table with one row per day, every contact in time order,
and the evidence files with their fingerprints.

How it is set decides how fast it prints. WeasyPrint lays out table cells
in Python, about 2 ms a cell (a 100-row incident table took 0.49 s); the
same contacts set as one short paragraph each, under a heading per day,
take about a millisecond a line (2,000 contacts: about 2 s; measured by
bench/evidence_log.py). So only the per-day summary is a table (a row per
day, five cells), and each contact is one numbered line: its time, how,
who, the caller, the facts, the tactics, the evidence, then what was said.
Nothing is dropped: a reader sees the same as in the old table, by day.
What the writer chose to leave out (the appendix as a whole, or the callers,
tactics, kinds of evidence, files or their own words: letters/appendix_choice.py)
is left out here. Everything here runs inside the letter's language (build_letter).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from rights_guide.evidence.chart import colour_of, draw_chart, swatch
from rights_guide.evidence.facts import LogFacts, group_days, summarise
from rights_guide.evidence.record import FLAGS, EvidenceFile, Incident, in_time_order
from rights_guide.evidence.words import EVIDENCE_SHORT, FLAG_SHORT, chart_texts
from rights_guide.formatting import (
    format_date,
    format_day,
    format_number,
    format_period,
    format_time,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.facts import join_clauses, join_items, numbered, voice, words

if TYPE_CHECKING:
    from rights_guide.letters.request import LetterRequest


# The per-day summary is a table of at most this many rows (a row per week, or per month,
# for longer logs); contacts get a heading per day when days hold this many on average.
MAX_TABLE_ROWS = 62
DAY_HEADINGS_FROM = 3


@dataclass(frozen=True)
class Entry:
    number: int
    text: str  # time, how, who and the facts, as one line
    description: str  # what was said, in the borrower's words (may hold line breaks)


@dataclass(frozen=True)
class Day:
    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class DayLine:
    """A row of the per-day summary table."""

    date: str
    total: int
    night: int
    after_stop: int
    who: str


@dataclass(frozen=True)
class Appendix:
    heading: str
    summary: str
    chart: str  # inline SVG
    legend: tuple[tuple[str, str], ...]  # (swatch SVG, words)
    night_mark: str
    limit_mark: str
    table: tuple[DayLine, ...]
    unit: str  # what a row of the table adds up: "day", "week" or "month"
    days: tuple[Day, ...]
    files: tuple[str, ...]
    count: int
    fingerprinted: int = 0  # files with a SHA-256 computed on the phone (the others were typed)


def _target_words(request: LetterRequest, code: str) -> str:
    speaker = voice(request)
    if speaker is not None:
        return speaker.label(code)
    return words(get_knowledge().vocabulary.targets[code].letter)


def summary_unit(facts: LogFacts) -> str:
    """Days when the log spans few enough of them for a table, else weeks, else months."""
    span = (facts.last.date() - facts.first.date()).days + 1
    if span <= MAX_TABLE_ROWS:
        return "day"
    return "week" if span <= MAX_TABLE_ROWS * 7 else "month"


def period_words(first: datetime.date, last: datetime.date, unit: str, language: str) -> str:
    if unit == "day" or first == last:
        return format_date(first, language)
    return format_period(first, last, language)


def entry_text(request: LetterRequest, incident: Incident, *, dated: bool = False) -> str:
    """One contact as a line: 23:15, phone call, my family; caller …; debt revealed; …

    ``dated``: with its date too, for a log set without a heading per day. The
    caller, tactics and kinds of evidence are there when the writer chose them.
    """
    shows = request.appendix.shows
    vocabulary = get_knowledge().vocabulary
    language = request.language
    moment = format_time(incident.when.time(), language)
    if dated:
        moment = _("%(date)s %(time)s") % {
            "date": format_date(incident.when.date(), language),
            "time": moment,
        }
    head = _("%(time)s %(channel)s, %(target)s") % {
        "time": moment,
        "channel": words(vocabulary.contact_means[incident.channel].incident),
        "target": _target_words(request, incident.target),
    }
    parts = [head]
    if incident.caller and shows("caller"):
        parts.append(_("from %(caller)s") % {"caller": incident.caller})
    facts = [str(FLAG_SHORT[flag]) for flag in FLAGS if flag in incident.flags]
    if incident.night:
        facts.insert(0, pgettext("incident flag, short", "at night"))
    if facts:
        parts.append(join_items(facts))
    tactics = [words(t.name) for t in vocabulary.tactics if t.code in incident.tactics]
    if tactics and shows("tactics"):
        parts.append(join_items(tactics))
    if incident.evidence and shows("evidence"):
        kept = [str(EVIDENCE_SHORT[code]) for code in sorted(incident.evidence)]
        parts.append(_("evidence: %(kinds)s") % {"kinds": join_items(kept)})
    return join_clauses(parts)


def file_line(number: int, file: EvidenceFile, incident_number: int, language: str) -> str:
    parts = [file.name]
    if file.size is not None:
        parts.append(
            ngettext("%(size)s byte", "%(size)s bytes", file.size)
            % {"size": format_number(file.size, language)}
        )
    if file.date is not None:
        parts.append(format_date(file.date, language))
    parts.append(
        _("SHA-256 %(fingerprint)s") % {"fingerprint": file.sha256}
        if file.sha256
        else _("no fingerprint")
    )
    parts.append(_("contact no. %(number)s") % {"number": incident_number})
    return _("%(number)s. %(text)s") % {"number": number, "text": join_clauses(parts)}


def build_appendix(request: LetterRequest, summary: str) -> Appendix | None:
    """The appendix of a letter with incidents (None without, or when the writer leaves it out).

    In the active language; the contacts' own words and the evidence files
    are there only when the writer chose them (``request.appendix``).
    """
    if not request.incidents or not request.appendix.include:
        return None
    shows = request.appendix.shows
    vocabulary = get_knowledge().vocabulary
    language = request.language
    ordered = in_time_order(request.incidents)
    facts = summarise(ordered, vocabulary)
    codes = vocabulary.targets.codes
    chart = draw_chart(
        facts.days, ordered, codes, chart_texts(facts, language), element_id="appendix-chart"
    )
    grouped = facts.count >= DAY_HEADINGS_FROM * len(facts.days)
    by_day: dict[datetime.date, list[Entry]] = defaultdict(list)
    files: list[str] = []
    for number, incident in enumerate(ordered, start=1):
        text = entry_text(request, incident, dated=not grouped)
        by_day[incident.when.date() if grouped else None].append(
            Entry(number, numbered(number, text), incident.description if shows("notes") else "")
        )
        for file in incident.files if shows("files") else ():
            files.append(file_line(len(files) + 1, file, number, language))
    if grouped:
        days = tuple(
            Day(
                heading=ngettext(
                    "%(day)s: %(count)s contact", "%(day)s: %(count)s contacts", row.total
                )
                % {"day": format_day(row.day, language), "count": row.total},
                entries=tuple(by_day[row.day]),
            )
            for row in facts.days
        )
    else:
        days = (Day(heading="", entries=tuple(by_day[None])),)
    unit = summary_unit(facts)
    # With one contact a day, the list already says what a table by day would.
    tabled = unit != "day" or facts.count > len(facts.days)
    table = (
        ()
        if not tabled
        else tuple(
            DayLine(
                date=period_words(first, last, unit, language),
                total=row.total,
                night=row.night,
                after_stop=row.after_stop,
                who=pgettext("separator between counted items", "; ").join(
                    [
                        _("%(who)s: %(count)s")
                        % {"who": _target_words(request, code), "count": count}
                        for code, count in row.by_target
                    ]
                ),
            )
            for first, last, row in group_days(facts.days, unit, codes)
        )
    )
    present = [
        code for code in codes if any(code == t for row in facts.days for t, _n in row.by_target)
    ]
    return Appendix(
        heading=_("Appendix: record of the contacts"),
        summary=summary,
        chart=chart.svg,
        legend=tuple(
            (swatch(colour_of(code, codes)), _target_words(request, code)) for code in present
        ),
        night_mark=_("● a day with contacts at night (22:00–08:00)"),
        limit_mark=_("- - - three a day"),
        table=table,
        unit=unit,
        days=days,
        files=tuple(files),
        fingerprinted=sum(1 for incident in ordered for file in incident.files if file.sha256),
        count=facts.count,
    )
