"""What the check concludes for a canonical story, lender by lender, for the verdict tables.

A guide page does not restate the engine's conclusions in prose that could
drift from it: it runs ``evaluate`` on the registry's canonical stories, one
row per kind of lender, on the day the law is stated as of. When a rule in
the knowledge base changes, the tables change with it. A table depends only
on the knowledge version and the language, so each is worked out once.

Most stories end the same way for most lenders, so a table states each
distinct reason (the finding's title) once, and under it each grade the
check gives for it with the lenders it holds for (``reasons``): repeating
one reason under six rows made a topic several screens longer on a phone
without telling anyone more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rights_guide.assessment import evaluate, parse_answers
from rights_guide.guide.registry import conduct_day, get_registry
from rights_guide.knowledge import get_knowledge


@dataclass(frozen=True)
class Verdict:
    lender: str  # the lender column's code
    lender_label: str
    severity: str  # the most severe finding's, or "lawful" when nothing is found
    severity_label: str
    finding: str | None  # its rule code
    title: str | None  # its title; None when nothing is found


@dataclass(frozen=True)
class VerdictGroup:
    """One conclusion and the lenders it holds for, in the registry's order."""

    severity: str
    severity_label: str
    finding: str | None
    title: str | None
    rows: tuple[Verdict, ...]


@dataclass(frozen=True)
class VerdictReason:
    """One reason (a finding, or none) and the grades given for it, each with its lenders."""

    finding: str | None
    title: str | None
    groups: tuple[VerdictGroup, ...]


@dataclass(frozen=True)
class VerdictTable:
    story: str
    caption: str
    rows: tuple[Verdict, ...]

    @property
    def groups(self) -> tuple[VerdictGroup, ...]:
        """The rows grouped by conclusion (severity and finding), in order of first appearance."""
        grouped: dict[tuple[str, str | None], list[Verdict]] = {}
        for row in self.rows:
            grouped.setdefault((row.severity, row.finding), []).append(row)
        return tuple(
            VerdictGroup(
                severity=rows[0].severity,
                severity_label=rows[0].severity_label,
                finding=rows[0].finding,
                title=rows[0].title,
                rows=tuple(rows),
            )
            for rows in grouped.values()
        )

    @property
    def reasons(self) -> tuple[VerdictReason, ...]:
        """The groups under their reason, each reason once, in order of first appearance."""
        by_finding: dict[str | None, list[VerdictGroup]] = {}
        for group in self.groups:
            by_finding.setdefault(group.finding, []).append(group)
        return tuple(
            VerdictReason(finding=finding, title=groups[0].title, groups=tuple(groups))
            for finding, groups in by_finding.items()
        )


def story_verdicts(story_code: str, language: str) -> VerdictTable:
    """The table for one story in one language (KeyError for an unknown story)."""
    return _table(get_knowledge().version, story_code, language)


@lru_cache(maxsize=256)
def _table(version: str, story_code: str, language: str) -> VerdictTable:
    knowledge = get_knowledge()
    registry = get_registry()
    story = registry.stories[story_code]
    day = conduct_day()
    rows = []
    for column in registry.lenders:
        request = {**story.request, **column.request, "conduct_date": day.isoformat()}
        assessment = evaluate(parse_answers(request, today=day), knowledge)
        top = assessment.findings[0] if assessment.findings else None
        severity = top.severity if top else "lawful"
        rows.append(
            Verdict(
                lender=column.code,
                lender_label=column.label.get(language),
                severity=severity,
                severity_label=knowledge.severity_names[severity].get(language),
                finding=top.code if top else None,
                title=top.rule.title.get(language) if top else None,
            )
        )
    return VerdictTable(story=story_code, caption=story.label.get(language), rows=tuple(rows))
