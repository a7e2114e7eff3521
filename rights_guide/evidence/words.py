"""The words for the log's own codes (evidence kinds, the yes/no flags) and its chart.

The codes live in ``evidence.record``; each has a label for the log's form
and a short word for lists (the log page, the letters' appendix). Who was
contacted, how, and the tactics keep their words in the vocabulary
(vocabulary.yaml). A test proves every code has its words.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from rights_guide.evidence.chart import ChartTexts
from rights_guide.evidence.facts import LogFacts
from rights_guide.evidence.record import EVIDENCE_KINDS, FLAGS
from rights_guide.formatting import format_date, format_period

EVIDENCE_LABELS = {
    "screenshot": _("Screenshots"),
    "recording": _("A recording"),
    "call_log": _("The phone's call log or message list"),
    "witness": _("Someone who saw or heard it"),
}
EVIDENCE_SHORT = {
    "screenshot": pgettext_lazy("evidence kind, short", "screenshots"),
    "recording": pgettext_lazy("evidence kind, short", "recording"),
    "call_log": pgettext_lazy("evidence kind, short", "call log"),
    "witness": pgettext_lazy("evidence kind, short", "witness"),
}
FLAG_LABELS = {
    "disclosed_debt": _("They told the person about the debt"),
    "asked_to_pay": _("They asked the person to pay the debt"),
    "after_stop_request": _("It was after being asked to stop"),
}
FLAG_SHORT = {
    "disclosed_debt": pgettext_lazy("incident flag, short", "debt revealed"),
    "asked_to_pay": pgettext_lazy("incident flag, short", "asked to pay"),
    "after_stop_request": pgettext_lazy("incident flag, short", "after a request to stop"),
}


def evidence_choices() -> list[tuple[str, str]]:
    return [(code, EVIDENCE_LABELS[code]) for code in EVIDENCE_KINDS]


def flag_choices() -> list[tuple[str, str]]:
    return [(code, FLAG_LABELS[code]) for code in FLAGS]


def chart_texts(facts: LogFacts, language: str) -> ChartTexts:
    """The chart's title and description (read by screen readers), in the active language."""
    busiest = facts.busiest
    return ChartTexts(
        title=gettext("Contacts per day, %(period)s")
        % {"period": format_period(facts.first.date(), facts.last.date(), language)},
        description=ngettext(
            "%(count)s contact over %(days)s days. Most in one day: %(most)s, on %(day)s. At night (22:00–08:00): %(night)s. The table lists every day.",
            "%(count)s contacts over %(days)s days. Most in one day: %(most)s, on %(day)s. At night (22:00–08:00): %(night)s. The table lists every day.",
            facts.count,
        )
        % {
            "count": facts.count,
            "days": len(facts.days),
            "most": busiest.total,
            "day": format_date(busiest.day, language),
            "night": facts.night,
        },
        limit=gettext("3 a day"),
        night=gettext("night"),
    )
