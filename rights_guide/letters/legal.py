"""Which provisions a letter cites, and how a citation reads.

A letter cites the law under two leads (knowledge/data/letters.yaml). For
the conduct, it repeats what the engine counted against the collector: the
verified conduct grounds that hold, of findings that are not lawful,
limited to what the letter's recipient applies (the police apply the
public-security law and the Criminal Law). Those come from the engine's
findings, so they are the texts in force on the conduct date. A remedy
(the personality-rights injunction, a no-contact order), a related rule or
a ground that hinges on a fact the borrower did not know is never printed
as a rule the collector broke. For its requests, a letter gives their
bases: the kind's own (the 15-day complaint deadline, the police's duty to
register a report) and those of each request it makes, for the lender
type, in force on the day it is written. A letter that sets terms also
restates the limits that already bind this lender (``limits``): the conduct
grounds of the rules letters.yaml names, as the engine would apply them to
this lender, licence and product, each with the caveats it carries. No
provision id lives here; they are data. A V2-weak article number is never
printed: the borrower signs this, and must not rely on a number only one
low-grade source gives.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from babel.lists import format_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from rights_guide.assessment import Assessment
from rights_guide.formatting import babel_locale, book_title
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.letter_law import Basis, KindLaw, LetterLaw, RequestLaw
from rights_guide.knowledge.model import SEVERITY_RANK, Provision
from rights_guide.letters.limits import Limit, contact_limits

ITEM = re.compile(
    r"(?:第(?P<paragraph>[一二三四五六七八九十]+)款)?(?:第（(?P<item>[一二三四五六七八九十]+)）项)?"
)
# Confidence labels whose article numbers a letter leaves out (the instrument is still named).
NUMBER_NOT_PRINTED = frozenset({"V2-weak"})


@dataclass(frozen=True)
class CitedLaw:
    """What one letter cites: for the conduct, as the bases of its requests, and as limits."""

    conduct: tuple[Provision, ...]
    bases: tuple[Provision, ...]
    limits: tuple[Limit, ...] = ()
    possible: tuple[Provision, ...] = ()  # crimes, printed under "may fall under", never "against"


def letter_law() -> LetterLaw:
    """What every kind of letter cites and may ask for, and the leads (letters.yaml)."""
    law = get_knowledge().letters
    if law is None:  # the loader always reads letters.yaml; a partial Knowledge in a test may not
        raise LookupError("the knowledge base has no letters.yaml")
    return law


def kind_law(kind: str) -> KindLaw:
    """What one kind of letter cites and may ask for (letters.yaml ``kinds``)."""
    return letter_law().kinds[kind]


# What a letter may say the conduct "is against": a rule broken at the level of a
# breach of the collection rules or a breach of the law. A crime is for the police
# and courts to establish, so a letter says the conduct "may fall under" it; a grey
# ground is not asserted at all (legal review 2026-12, G-11).
VIOLATED = frozenset({"breach", "unlawful"})
POSSIBLE = frozenset({"criminal"})


def _counted_conduct(assessment: Assessment) -> list[Provision]:
    return [provision for provision, _severity in _counted_with_severity(assessment)]


def _counted_with_severity(assessment: Assessment) -> list[tuple[Provision, str]]:
    """The counted conduct grounds, each with the highest severity it supports here."""
    provisions: dict[str, tuple[Provision, str]] = {}
    for finding in assessment.findings:
        if finding.severity == "lawful":
            continue
        for citation in finding.citations:
            provision = citation.provision
            if (
                citation.counted
                and citation.role == "conduct"
                and not citation.conditional
                and provision.confidence != "U"
            ):
                held = provisions.get(provision.id)
                if held is None or SEVERITY_RANK[citation.severity] > SEVERITY_RANK[held[1]]:
                    provisions[provision.id] = (provision, citation.severity)
    return list(provisions.values())


def _applicable(
    bases: Iterable[Basis], assessment: Assessment, day: datetime.date
) -> list[Provision]:
    lender_type, product = assessment.answers.lender_type, assessment.product
    return [
        basis.provision
        for basis in bases
        if basis.applies_to(lender_type, product) and basis.provision.in_force_on(day)
    ]


def request_due(request: RequestLaw, assessment: Assessment) -> bool:
    """Whether a request may be made: always, or only when the engine found what it needs.

    A no-contact order (禁止接触) is cited by the engine only for pestering,
    entangling or stalking from 2026-01-01; a lawful finding or a citation
    that hinges on a fact the borrower did not know does not count. A
    request with ``when_found`` is made only when one of those findings is
    reported, and not as lawful (costs above the cap).
    """
    unlawful = [finding for finding in assessment.findings if finding.severity != "lawful"]
    if request.when_found and not any(f.code in request.when_found for f in unlawful):
        return False
    if request.when_cited is None:
        return True
    return any(
        citation.provision.id == request.when_cited and not citation.conditional
        for finding in unlawful
        for citation in finding.citations
    )


def cited_law(
    assessment: Assessment, *, kind: str, requests: Iterable[str], written_on: datetime.date
) -> CitedLaw:
    """The provisions a letter cites for the conduct and for the ``requests`` (codes) it makes.

    Each list is grouped by instrument in order of first use. A request code
    must be one letters.yaml lists for the kind.
    """
    law = kind_law(kind)
    counted = [(p, s) for p, s in _counted_with_severity(assessment) if law.cites_for_conduct(p)]
    if law.conduct_lead == "conduct_police":  # "may fall under": everything the engine counted
        conduct, possible = [p for p, _s in counted], []
    else:
        conduct = [p for p, severity in counted if severity in VIOLATED]
        possible = [p for p, severity in counted if severity in POSSIBLE]
    bases: list[Provision] = []
    for code in requests:
        request = law.request(code)
        if request is None:
            raise KeyError("letters.yaml lists no request %r for the %s letter" % (code, kind))
        bases += _applicable(request.bases, assessment, written_on)
    bases += _applicable(law.bases, assessment, written_on)
    return CitedLaw(
        conduct=_in_order(conduct),
        bases=_in_order(bases),
        limits=contact_limits(law, assessment, written_on),
        possible=_in_order(possible),
    )


def _in_order(provisions: list[Provision]) -> tuple[Provision, ...]:
    unique = list({p.id: p for p in provisions}.values())
    order: dict[str, int] = {}
    for provision in unique:
        order.setdefault(provision.instrument.id, len(order))
    unique.sort(key=lambda p: (order[p.instrument.id], p.number or 0, _item_key(p)))
    return tuple(unique)


def notes_for(kind: str, lender_type: str, language: str) -> tuple[str, ...]:
    """The kind's notes for this lender type (such as the private-lender note)."""
    return tuple(
        note.text.get(language)
        for note in kind_law(kind).notes
        if not note.lenders or lender_type in note.lenders
    )


def format_limits(limits: Iterable[Limit], language: str) -> tuple[str, ...]:
    """One line per limit: what it says, then where it comes from and the caveats it carries."""
    words = letter_law().caveats
    lines = []
    for limit in limits:
        source = [*format_citations([limit.provision], language)]
        source += [words[key].get(language) for key in limit.caveats if key in words]
        rule = limit.provision.summary.get(language).rstrip("。.")
        lines.append(
            _("%(rule)s (%(source)s).")
            % {
                "rule": rule,
                "source": pgettext("separator between list items that contain commas", "; ").join(
                    source
                ),
            }
        )
    return tuple(lines)


def lead(key: str, language: str) -> str:
    """A sentence before a list of provisions (letters.yaml ``leads``)."""
    return letter_law().leads[key].get(language)


def _item_key(provision: Provision) -> tuple[int, int]:
    match = ITEM.fullmatch((provision.item or "").split("、")[0])
    if match is None:
        return (0, 0)
    paragraph = _chinese_number(match["paragraph"]) if match["paragraph"] else 0
    item = _chinese_number(match["item"]) if match["item"] else 0
    return (paragraph or 0, item or 0)


def _instrument_name(provision: Provision, language: str) -> str:
    instrument = provision.instrument
    name = instrument.name.get(language)
    if language != "en":
        name = book_title(name)
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


def printed_article(provision: Provision) -> str | None:
    """The article number a letter prints: none when unverified or from one weak source."""
    if provision.confidence in NUMBER_NOT_PRINTED:
        return None
    return provision.article


def format_citations(provisions: Iterable[Provision], language: str) -> tuple[str, ...]:
    """One line per instrument, its articles listed: how a letter cites the law."""
    groups: dict[str, list[Provision]] = {}
    for provision in provisions:
        groups.setdefault(provision.instrument.id, []).append(provision)
    lines = []
    for group in groups.values():
        name = _instrument_name(group[0], language)
        numbered = [p for p in group if printed_article(p) is not None]
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
