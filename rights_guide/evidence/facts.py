"""What a log shows at a glance: counts by day and by person, nights, contacts after "stop".

``summarise`` derives, from incidents alone, the facts the issue asks the
log to feed into the assessment and the letters: the first and the last
date, the number of contacts (and of calls), night contacts (22:00–08:00,
the engine's night), contacts after a request to stop, the most contacts
in one day for each person contacted, and which people other than the
borrower were reached. ``DayRow`` s are the per-day summary that the chart,
its data table, the log's day pages and the letters' appendix all show, so
their counts are the log's by construction. ``contact_answers`` turns the
log into the interview's answers about one person (their worst day), which
the contact pages offer instead of memory, and ``logged_tactics`` into the
tactics page's ticks. No Django here.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rights_guide.evidence.record import FLAGS, Incident
from rights_guide.knowledge.vocabulary import Vocabulary

YES, NO = "yes", "no"  # the interview's answers (interview.forms)


@dataclass(frozen=True)
class DayRow:
    """One day of the log."""

    day: datetime.date
    total: int
    by_target: tuple[tuple[str, int], ...]  # (target code, contacts), in the vocabulary's order
    night: int
    after_stop: int


@dataclass(frozen=True)
class WorstDay:
    """The most contacts with one person (or group) in one day."""

    target: str
    count: int
    day: datetime.date


@dataclass(frozen=True)
class LogFacts:
    count: int
    calls: int
    night: int
    after_stop: int
    first: datetime.datetime | None
    last: datetime.datetime | None
    days: tuple[DayRow, ...]  # only days with contacts, oldest first
    worst_days: tuple[WorstDay, ...]  # per person contacted, in the vocabulary's order
    third_parties: tuple[str, ...]  # target codes other than the borrower, vocabulary order
    files: int

    @property
    def busiest(self) -> DayRow | None:
        return max(self.days, key=lambda row: row.total, default=None)


def summarise(incidents: Sequence[Incident], vocabulary: Vocabulary) -> LogFacts:
    """The facts of a log (in any order)."""
    order = {code: index for index, code in enumerate(vocabulary.targets.codes)}
    per_day: dict[datetime.date, Counter] = {}
    nights: Counter = Counter()
    stops: Counter = Counter()
    per_target_day: Counter = Counter()
    first = last = None
    calls = files = 0
    for incident in incidents:
        day = incident.when.date()
        per_day.setdefault(day, Counter())[incident.target] += 1
        per_target_day[incident.target, day] += 1
        if incident.night:
            nights[day] += 1
        if "after_stop_request" in incident.flags:
            stops[day] += 1
        if incident.channel == "call":
            calls += 1
        files += len(incident.files)
        if first is None or incident.when < first:
            first = incident.when
        if last is None or incident.when > last:
            last = incident.when
    days = tuple(
        DayRow(
            day=day,
            total=sum(counter.values()),
            by_target=tuple(sorted(counter.items(), key=lambda item: order[item[0]])),
            night=nights[day],
            after_stop=stops[day],
        )
        for day, counter in sorted(per_day.items())
    )
    worst: dict[str, WorstDay] = {}
    for (target, day), number in sorted(per_target_day.items(), key=lambda item: item[0][1]):
        if target not in worst or number > worst[target].count:
            worst[target] = WorstDay(target, number, day)
    targets = vocabulary.targets
    return LogFacts(
        count=len(incidents),
        calls=calls,
        night=sum(nights.values()),
        after_stop=sum(stops.values()),
        first=first,
        last=last,
        days=days,
        worst_days=tuple(worst[code] for code in targets.codes if code in worst),
        third_parties=tuple(
            code for code in targets.codes if code in worst and targets[code].third_party
        ),
        files=files,
    )


def _night_time(incidents: Sequence[Incident]) -> str:
    """The time the interview asks for: the latest in the evening, else the earliest morning."""
    evening = [i.when.time() for i in incidents if i.night and i.when.hour >= 12]
    if evening:
        return max(evening).strftime("%H:%M")
    morning = [i.when.time() for i in incidents if i.night]
    return min(morning).strftime("%H:%M") if morning else ""


def contact_answers(
    incidents: Sequence[Incident], target: str, vocabulary: Vocabulary
) -> dict[str, Any] | None:
    """The interview page about one person, answered from the log (None: none logged).

    The count of each means is its worst day; a means asked as a checkbox is
    ticked when it happened at all; the yes/no questions the log answers are
    yes when any contact had it, else no. How many calls were answered, and
    whether the borrower could be reached, are not in a log: left unanswered.
    """
    mine = [incident for incident in incidents if incident.target == target]
    if not mine:
        return None
    per_day = Counter((incident.when.date(), incident.channel) for incident in mine)
    worst: Counter = Counter()
    for (_day, channel), number in per_day.items():
        worst[channel] = max(worst[channel], number)
    answers: dict[str, Any] = {}
    for means in vocabulary.contact_means:
        if means.count_field:
            answers[means.count_field] = str(worst[means.code]) if worst[means.code] else ""
    answers["other_channels"] = [
        means.code for means in vocabulary.contact_means if means.other_option and worst[means.code]
    ]
    answers["time_of_day"] = _night_time(mine)
    kind = vocabulary.targets[target]
    for question in vocabulary.event_questions:
        if not question.asked_about(kind):
            continue
        if question.code == "at_night":
            answers[question.code] = YES if any(i.night for i in mine) else NO
        elif any(question.code in incident.flags for incident in mine):
            answers[question.code] = YES
        elif question.code in FLAGS:
            answers[question.code] = NO
    return answers


def contacted_targets(incidents: Sequence[Incident], vocabulary: Vocabulary) -> list[str]:
    """Everyone the log says was contacted, in the vocabulary's order (the contacts page)."""
    seen = {incident.target for incident in incidents}
    return [code for code in vocabulary.targets.codes if code in seen]


def logged_tactics(incidents: Sequence[Incident], vocabulary: Vocabulary) -> list[str]:
    """Every tactic the log recorded on some contact, in the vocabulary's order (the tactics page)."""
    seen = {code for incident in incidents for code in incident.tactics}
    return [code for code in vocabulary.tactics.codes if code in seen]


def group_days(
    rows: Sequence[DayRow], unit: str, targets: Sequence[str]
) -> list[tuple[datetime.date, datetime.date, DayRow]]:
    """Days added up by ``unit`` ("day", "week" from Monday, or "month"): (first, last, sums).

    The sums are a ``DayRow`` dated the period's first day; first and last
    are the days of the period that had contacts.
    """

    def start(day: datetime.date) -> datetime.date:
        if unit == "week":
            return day - datetime.timedelta(days=day.weekday())
        if unit == "month":
            return day.replace(day=1)
        return day

    groups: dict[datetime.date, list[DayRow]] = {}
    for row in rows:
        groups.setdefault(start(row.day), []).append(row)
    result = []
    for period, members in groups.items():
        by_target: Counter = Counter()
        for row in members:
            by_target.update(dict(row.by_target))
        result.append(
            (
                members[0].day,
                members[-1].day,
                DayRow(
                    day=period,
                    total=sum(row.total for row in members),
                    by_target=tuple((code, by_target[code]) for code in targets if by_target[code]),
                    night=sum(row.night for row in members),
                    after_stop=sum(row.after_stop for row in members),
                ),
            )
        )
    return result
