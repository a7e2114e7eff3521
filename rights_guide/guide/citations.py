"""The law a guide page cites, by id, and the checks that keep those citations honest.

Prose on a guide page names the law only through template tags
(``{% provision %}``, ``{% cite %}``, ``{% verdicts %}``, ``{% channel %}``,
rights_guide/templatetags/citations.py). Each cited provision is collected
in the order first cited, and the page's "The law" section lists them with
their instrument, article, in-force date, confidence label and the caveats
the knowledge base attaches (secondary sources only, a single weak source,
unverified, article number unverified, not binding).

Two checks use the same rules: ``template_problems`` reads the topic
templates when the app starts (an unknown provision, story or channel, or a
provision not in force on the day the law is stated as of, stops start-up
with a message naming the template), and ``page_problems`` reads a rendered
page (tests: every cited provision known, in force on the given day, and an
unverified one shown with its caveat).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from rights_guide.assessment.compiled import provision_caveats as provision_caveat_keys
from rights_guide.knowledge.model import Knowledge, Provision

__all__ = [
    "CONFIDENCE_LABELS",
    "CitedLaw",
    "page_problems",
    "provision_caveat_keys",
    "short_reference",
    "template_problems",
]

CONFIDENCE_LABELS = {
    "V1": _("checked against the official text"),
    "V2": _("checked against secondary sources only"),
    "V2-weak": _("from a single weak secondary source"),
    "U": _("not verified"),
}
# {% provision "id" %}, {% cite "a" "b" %}, {% verdicts "story" %}, {% channel "code" %},
# {% channel_prepare "code" %}, {% rule_explanation "CODE" %}
TAG = re.compile(
    r"{%\s*(provision|cite|verdicts|channel_prepare|channel|rule_explanation)\s+((?:\"[^\"]*\"\s*)+)%}"
)
QUOTED = re.compile(r"\"([^\"]*)\"")
CITED_ITEM = re.compile(r'<li id="law-([a-z0-9_]+)" data-provision="[^"]*"(.*?)</li>', re.S)


@dataclass
class CitedLaw:
    """The provisions one rendering of a page cites, in the order first cited."""

    ids: list[str] = field(default_factory=list)

    def add(self, provision_id: str) -> int:
        """Its number on the page (1, 2, …), the same each time it is cited."""
        if provision_id not in self.ids:
            self.ids.append(provision_id)
        return self.ids.index(provision_id) + 1


def _number(provision: Provision) -> str:
    number = provision.number
    if number is None:
        return ""
    if number.is_integer():
        return str(int(number))
    whole, _dot, part = ("%g" % number).partition(".")
    return "%s-%s" % (whole, part)  # 253.1 → 253-1


def short_reference(provision: Provision, language: str) -> str:
    """民法典第一千零三十三条 / Civil Code art. 1033: how prose names a provision inline.

    A provision whose number rests on a single weak source (V2-weak) is named
    by its instrument only, as its caveat asks and as the letters do; the law
    section still shows the number, next to that caveat.
    """
    name = provision.instrument.short_name.get(language)
    if provision.article is None or provision.confidence == "V2-weak":
        return name
    if language == "en":
        return "%s, art. %s" % (name, _number(provision))
    return name + provision.article


def template_problems(name: str, source: str, knowledge: Knowledge, stories, channels) -> list[str]:
    """What is wrong with the citations in one template's source (start-up check)."""
    problems = []
    day = knowledge.version_date
    rules = {rule.code for rule in knowledge.rules}
    for tag, arguments in TAG.findall(source):
        for value in QUOTED.findall(arguments):
            where = "%s: {%% %s %r %%}" % (name, tag, value)
            if tag in ("provision", "cite"):
                provision = knowledge.provisions.get(value)
                if provision is None:
                    problems.append(where + ": no such provision in the knowledge base")
                elif not provision.in_force_on(day):
                    problems.append(where + ": not in force on %s" % day.isoformat())
            elif tag == "verdicts" and value not in stories:
                problems.append(where + ": no such story in topics.yaml")
            elif tag in ("channel", "channel_prepare") and value not in channels:
                problems.append(where + ": no such complaint body in channels.yaml")
            elif tag == "rule_explanation" and value not in rules:
                problems.append(where + ": no such rule in the knowledge base")
    return problems


def page_problems(html: str, knowledge: Knowledge, day: datetime.date) -> list[str]:
    """What is wrong with the law a rendered page lists (tests read every page with it).

    Every cited provision must be in the knowledge base and in force on
    ``day``; an unverified (U) one must carry the caveat text the knowledge
    base gives for it. A page that cites nothing is a problem too.
    """
    problems = []
    items = CITED_ITEM.findall(html)
    if not items:
        problems.append("the page lists no law")
    unverified = knowledge.texts["caveat_unverified"]
    for provision_id, body in items:
        provision = knowledge.provisions.get(provision_id)
        if provision is None:
            problems.append("%s: no such provision in the knowledge base" % provision_id)
            continue
        if not provision.in_force_on(day):
            problems.append("%s: not in force on %s" % (provision_id, day.isoformat()))
        if provision.confidence == "U" and not any(
            text in body for text in (unverified.zh_hans, unverified.en)
        ):
            problems.append("%s: unverified, but shown without its caveat" % provision_id)
    inline = set(re.findall(r'href="#law-([a-z0-9_]+)"', html))
    for provision_id in sorted(inline - {item for item, _body in items}):
        problems.append("%s: cited in the text but missing from the law section" % provision_id)
    return problems
