"""Which provisions a letter cites, and how a citation reads.

Citations come from the engine's findings, so they are the texts in force on
the conduct date (the 2012 public security law for conduct in 2025, the 2025
revision from 2026). A letter leaves out what the engine found lawful, and
unverified (U) provisions: the borrower signs this, and must not rely on a
number nobody has checked. Each kind of letter keeps the law its recipient
applies, by its citation policy (letters/kinds/): the police get the public
security law and the Criminal Law; lenders and regulators get everything
else too. A few provisions are cited for the request itself rather than
for the conduct (the 15-day complaint deadline, the police's duty to
register a report, the PIPL rights), and only if they are in force on the
day the letter is written.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from babel.lists import format_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from rights_guide.assessment import Assessment
from rights_guide.formatting import babel_locale
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import Provision

if TYPE_CHECKING:
    from rights_guide.letters.kinds.base import CitationPolicy

# A no-contact order (禁止接触) is available for the pestering and stalking in
# this provision's item (5), under its paragraph 2, from 2026-01-01.
NO_CONTACT_PROVISION = "psapl_2025_50_5"
ITEM = re.compile(
    r"(?:第(?P<paragraph>[一二三四五六七八九十]+)款)?(?:第（(?P<item>[一二三四五六七八九十]+)）项)?"
)


def _conduct_provisions(assessment: Assessment) -> list[Provision]:
    provisions: dict[str, Provision] = {}
    for finding in assessment.findings:
        if finding.severity == "lawful":
            continue
        for citation in finding.citations:
            provision = citation.provision
            if provision.confidence != "U":
                provisions.setdefault(provision.id, provision)
    return list(provisions.values())


def _in_force(ids: tuple[str, ...], day: datetime.date) -> list[Provision]:
    provisions = get_knowledge().provisions
    return [provisions[i] for i in ids if i in provisions and provisions[i].in_force_on(day)]


def cited_provisions(
    assessment: Assessment, *, policy: CitationPolicy, written_on: datetime.date
) -> list[Provision]:
    """The provisions one kind of letter cites, grouped by instrument in order of first use."""
    chosen = [p for p in _conduct_provisions(assessment) if policy.conduct(p)]
    lender_type = assessment.answers.lender_type
    if policy.requests_for is None or lender_type in policy.requests_for:
        chosen += _in_force(policy.requests, written_on)
    unique = list({p.id: p for p in chosen}.values())
    order = {}
    for provision in unique:
        order.setdefault(provision.instrument.id, len(order))
    unique.sort(key=lambda p: (order[p.instrument.id], p.number or 0, _item_key(p)))
    return unique


def _item_key(provision: Provision) -> tuple[int, int]:
    match = ITEM.fullmatch((provision.item or "").split("、")[0])
    if match is None:
        return (0, 0)
    paragraph = _chinese_number(match["paragraph"]) if match["paragraph"] else 0
    item = _chinese_number(match["item"]) if match["item"] else 0
    return (paragraph or 0, item or 0)


def no_contact_order_available(assessment: Assessment) -> bool:
    """Whether the engine cited the provision whose paragraph 2 allows a no-contact order.

    The engine cites it only for conduct on or after 2026-01-01 that falls
    under item (5): repeated messages, pestering, entangling or stalking.
    """
    return any(
        citation.provision.id == NO_CONTACT_PROVISION
        for finding in assessment.findings
        for citation in finding.citations
    )


def _instrument_name(provision: Provision, language: str) -> str:
    instrument = provision.instrument
    name = instrument.name.get(language)
    if language != "en" and "《" not in name:
        name = "《%s》" % name
    if instrument.edition is not None:
        name = _("%(name)s (%(edition)s)") % {
            "name": name,
            "edition": instrument.edition.get(language),
        }
    return name


def _chinese_number(text: str) -> int | None:
    """一 … 十九 as a number (the paragraph and item numbers of Chinese legal texts)."""
    digits = "一二三四五六七八九"
    if text in digits:
        return digits.index(text) + 1
    tens, _ten, ones = text.partition("十")
    if not _ten or (tens and tens not in digits) or (ones and ones not in digits):
        return None
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)


def english_reference(provision: Provision) -> str:
    """Article 50 para 1 item 5 and para 2 as "50(1)(5), 50(2)"; the Chinese text if unusual."""
    number = provision.number
    whole = int(number)
    article = str(whole) if number == whole else "%d-%s" % (whole, str(number).split(".")[1])
    if not provision.item:
        return article
    references = []
    for part in provision.item.split("、"):
        match = ITEM.fullmatch(part)
        paragraph = _chinese_number(match["paragraph"]) if match and match["paragraph"] else 0
        item = _chinese_number(match["item"]) if match and match["item"] else 0
        if match is None or paragraph is None or item is None:
            return "%s (%s)" % (article, provision.article + provision.item)
        references.append(
            article + ("(%d)" % paragraph if paragraph else "") + ("(%d)" % item if item else "")
        )
    return pgettext("list separator", ", ").join(references)


def format_citations(provisions: list[Provision], language: str) -> tuple[str, ...]:
    """One line per instrument, its articles listed: how a letter cites the law."""
    groups: dict[str, list[Provision]] = {}
    for provision in provisions:
        groups.setdefault(provision.instrument.id, []).append(provision)
    lines = []
    for group in groups.values():
        name = _instrument_name(group[0], language)
        numbered = [p for p in group if p.article is not None]
        if not numbered:
            lines.append(_("%(instrument)s, relevant provisions") % {"instrument": name})
            continue
        if language == "en":
            references = [english_reference(p) for p in numbered]
            articles = ngettext(
                "article %(articles)s", "articles %(articles)s", len(references)
            ) % {"articles": format_list(references, locale=babel_locale(language))}
        else:
            references = [p.article + (p.item or "") for p in numbered]
            if any(p.item for p in numbered):
                articles = pgettext("separator between list items that contain commas", "; ").join(
                    references
                )
            else:
                articles = format_list(references, locale=babel_locale(language))
        if len(numbered) < len(group):
            articles = _("%(articles)s and other relevant provisions") % {"articles": articles}
        lines.append(_("%(instrument)s, %(articles)s") % {"instrument": name, "articles": articles})
    return tuple(lines)
