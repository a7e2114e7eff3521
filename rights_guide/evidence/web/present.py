"""The log as the pages show it: incidents with their judgement, the chart, the summary.

Plain data for the templates, in the page's language. Who was contacted,
how and the tactics in the vocabulary's words; the evidence kinds and the
flags in the log's own (evidence.words); each incident's severity in the
knowledge base's words, with the title of the finding that decides it as
its reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from rights_guide.evidence.chart import NARROW, Chart, colour_of, draw_chart, swatch
from rights_guide.evidence.facts import LogFacts
from rights_guide.evidence.judge import Judgement
from rights_guide.evidence.record import FLAGS, Incident
from rights_guide.evidence.words import EVIDENCE_SHORT, FLAG_SHORT, chart_texts
from rights_guide.formatting import (
    format_date,
    format_number,
    format_period,
    format_time,
)
from rights_guide.knowledge import get_knowledge


@dataclass(frozen=True)
class FileView:
    name: str
    size: str
    date: str
    sha256: str


@dataclass(frozen=True)
class IncidentView:
    key: int
    number: int  # its place in the day
    time: str
    target: str
    channel: str
    caller: str
    description: str
    night: bool
    facts: tuple[str, ...]
    tactics: tuple[str, ...]
    evidence: tuple[str, ...]
    files: tuple[FileView, ...]
    severity: str
    severity_label: str
    reason: str


def incident_views(
    entries: Sequence[tuple[int, Incident]],
    judgements: Sequence[Judgement],
    language: str,
    *,
    start: int = 0,
) -> list[IncidentView]:
    """Incidents of one day with their judgements (the same length and order)."""
    knowledge = get_knowledge()
    vocabulary = knowledge.vocabulary
    views = []
    for offset, ((key, incident), judgement) in enumerate(
        zip(entries, judgements, strict=True), start=start + 1
    ):
        finding = judgement.finding
        if finding is not None and (judgement.severity != "lawful" or finding.severity == "lawful"):
            reason = finding.rule.title.get(language)
        else:
            reason = _("Nothing in this contact alone breaks a rule we know of.")
        views.append(
            IncidentView(
                key=key,
                number=offset,
                time=format_time(incident.when.time(), language),
                target=vocabulary.targets[incident.target].name.get(language),
                channel=vocabulary.contact_means[incident.channel].incident.get(language),
                caller=incident.caller,
                description=incident.description,
                night=incident.night,
                facts=tuple(str(FLAG_SHORT[flag]) for flag in FLAGS if flag in incident.flags),
                tactics=tuple(
                    tactic.name.get(language)
                    for tactic in vocabulary.tactics
                    if tactic.code in incident.tactics
                ),
                evidence=tuple(str(EVIDENCE_SHORT[code]) for code in sorted(incident.evidence)),
                files=tuple(
                    FileView(
                        name=file.name,
                        size=""
                        if file.size is None
                        else ngettext("%(size)s byte", "%(size)s bytes", file.size)
                        % {"size": format_number(file.size, language)},
                        date=format_date(file.date, language) if file.date else "",
                        sha256=file.sha256,
                    )
                    for file in incident.files
                ),
                severity=judgement.severity,
                severity_label=knowledge.severity_names[judgement.severity].get(language),
                reason=reason,
            )
        )
    return views


@dataclass(frozen=True)
class PageChart:
    """The chart drawn twice: wide for screens from 36em (as in the letters), narrow for phones.

    One drawing scaled down to a phone made its labels about 5 px high; the page
    shows one of the two (CSS media query), so a screen reader meets only one.
    """

    wide: Chart
    narrow: Chart


def page_chart(
    facts: LogFacts, incidents: Sequence[Incident], language: str
) -> tuple[PageChart | None, list[tuple[str, str]]]:
    """The chart and its legend (swatch, who) for a page."""
    vocabulary = get_knowledge().vocabulary
    codes = vocabulary.targets.codes
    texts = chart_texts(facts, language)
    wide = draw_chart(facts.days, incidents, codes, texts)
    narrow = draw_chart(
        facts.days, incidents, codes, texts, element_id="log-chart-narrow", **NARROW
    )
    chart = PageChart(wide, narrow) if wide and narrow else None
    present = {code for row in facts.days for code, _count in row.by_target}
    legend = [
        (swatch(colour_of(code, codes)), vocabulary.targets[code].name.get(language))
        for code in codes
        if code in present
    ]
    return chart, legend


@dataclass(frozen=True)
class DayView:
    day: str  # ISO, for the link
    date: str
    total: int
    night: int
    after_stop: int
    who: str


def day_views(facts: LogFacts, language: str) -> list[DayView]:
    """The per-day table beside the chart (its data, for screen readers and for reading)."""
    vocabulary = get_knowledge().vocabulary
    return [
        DayView(
            day=row.day.isoformat(),
            date=format_date(row.day, language),
            total=row.total,
            night=row.night,
            after_stop=row.after_stop,
            # "The emergency contact you listed: 1; Other family: 1" (a count
            # beside each name reads as a list of pairs, not as one phrase).
            who=pgettext("separator between counted items", "; ").join(
                _("%(who)s: %(count)s")
                % {"who": vocabulary.targets[code].name.get(language), "count": count}
                for code, count in row.by_target
            ),
        )
        for row in facts.days
    ]


def summary_lines(facts: LogFacts, people: int | None, language: str) -> list[str]:
    """What the log shows, as short sentences for the top of the log page."""
    vocabulary = get_knowledge().vocabulary
    lines = [
        ngettext(
            "%(count)s contact recorded, %(period)s.",
            "%(count)s contacts recorded, %(period)s.",
            facts.count,
        )
        % {
            "count": facts.count,
            "period": format_period(facts.first.date(), facts.last.date(), language),
        }
    ]
    if facts.night:
        lines.append(
            ngettext(
                "%(count)s at night (22:00–08:00).",
                "%(count)s at night (22:00–08:00).",
                facts.night,
            )
            % {"count": facts.night}
        )
    if facts.after_stop:
        lines.append(
            ngettext(
                "%(count)s after a request to stop.",
                "%(count)s after a request to stop.",
                facts.after_stop,
            )
            % {"count": facts.after_stop}
        )
    for worst in facts.worst_days:
        lines.append(
            _("Most in one day with %(who)s: %(count)s, on %(day)s.")
            % {
                "who": vocabulary.targets[worst.target].name.get(language),
                "count": worst.count,
                "day": format_date(worst.day, language),
            }
        )
    if people:
        lines.append(
            ngettext(
                "They reached %(count)s person other than you.",
                "They reached %(count)s different people other than you.",
                people,
            )
            % {"count": people}
        )
    return lines


def days_of(
    entries: Sequence[tuple[int, Incident]], judgements: Sequence[Judgement], language: str
) -> list[dict]:
    """A whole (short) log by day: each day's date, its label and its contacts, numbered per day."""
    by_day: dict[datetime.date, list[int]] = {}
    for index, (_key, incident) in enumerate(entries):
        by_day.setdefault(incident.when.date(), []).append(index)
    return [
        {
            "day": day,
            "label": format_date(day, language),
            "incidents": incident_views(
                [entries[index] for index in indexes],
                [judgements[index] for index in indexes],
                language,
            ),
        }
        for day, indexes in by_day.items()
    ]
