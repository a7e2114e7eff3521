"""What each kind of letter may cite and ask for, as data (data/letters.yaml).

A letter cites two kinds of law. For the conduct, it repeats what the
engine found broken, filtered to what its recipient applies (the police
apply the public-security law and the Criminal Law). For its own requests,
it gives their basis: the 15-day complaint deadline, the police's duty to
register a report, each personal-information right it exercises. Those are
not rules the collector broke, so they are printed under their own lead.
Which lender types may have the letter at all lives here too: a regulator
letter about an individual lender would go to bodies that have no power
over them. A letter that sets terms (how to contact me) also restates the
limits that already bind the lender: ``limits`` names the rules whose
grounds say which provisions those are for each lender type, and
``caveats`` gives the words a letter prints for a caveat those grounds
carry. Keeping this as data means no legal wording and no provision id
lives in the letters' Python. Plain frozen data, no Django.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rights_guide.knowledge.checker import Checker, read_yaml
from rights_guide.knowledge.model import PRODUCTS, Instrument, Provision, Text
from rights_guide.knowledge.vocabulary import Vocabulary

LEADS = ("conduct", "conduct_police", "bases", "limits")


@dataclass(frozen=True)
class Basis:
    """A provision a letter's request rests on, for some lender types and products (empty: all).

    A basis for one product (a credit card) is cited only when the debt is
    known to be that product.
    """

    provision: Provision
    lenders: frozenset[str] = frozenset()
    products: frozenset[str] = frozenset()

    def applies_to(self, lender_type: str, product: str | None = None) -> bool:
        return (not self.lenders or lender_type in self.lenders) and (
            not self.products or product in self.products
        )


@dataclass(frozen=True)
class RequestLaw:
    """One request a letter may make: its code, its bases, and when it is made.

    ``when_cited``: made only when a finding cites this provision (a
    no-contact order only for pestering, entangling or stalking).
    ``when_found``: made only when the engine reports one of these findings
    (costs above the cap only when a rate above it was found). ``text``:
    the request's wording when it names the law; otherwise the letter writes
    it (gettext) and this only carries its bases.
    """

    code: str
    bases: tuple[Basis, ...]
    when_cited: str | None = None
    text: Text | None = None
    when_found: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Note:
    lenders: frozenset[str]
    text: Text


@dataclass(frozen=True)
class KindLaw:
    code: str
    lenders: frozenset[str]  # the lender types this letter fits
    conduct_lead: str  # one of LEADS
    conduct_instruments: frozenset[str]  # empty: every instrument
    conduct_provisions: frozenset[str]  # cited for the conduct whatever their instrument
    bases: tuple[Basis, ...]
    requests: tuple[RequestLaw, ...]
    notes: tuple[Note, ...]
    purpose: Text | None  # where it is offered, when the purpose names the law
    limits: tuple[str, ...] = ()  # rules whose grounds are the limits it restates

    def cites_for_conduct(self, provision: Provision) -> bool:
        if not self.conduct_instruments and not self.conduct_provisions:
            return True
        return (
            provision.instrument.id in self.conduct_instruments
            or provision.id in self.conduct_provisions
        )

    def request(self, code: str) -> RequestLaw | None:
        return next((r for r in self.requests if r.code == code), None)


@dataclass(frozen=True)
class LetterLaw:
    leads: Mapping[str, Text]
    kinds: Mapping[str, KindLaw]
    # A caveat's words in a letter, by caveat key; a caveat without them is not printed.
    caveats: Mapping[str, Text] = field(default_factory=dict)


def _bases(check: Checker, raw, provisions, vocabulary: Vocabulary, where: str):
    bases = []
    for number, item in enumerate(raw or [], start=1):
        place = "%s basis %d" % (where, number)
        if isinstance(item, str):
            item = {"provision": item}
        provision = provisions.get(item.get("provision"))
        if provision is None:
            check.fail(place, "unknown provision %r" % (item.get("provision"),))
            continue
        bases.append(
            Basis(
                provision,
                check.choices(item.get("lenders"), vocabulary.lender_types.codes, place),
                check.choices(item.get("products"), PRODUCTS, place),
            )
        )
    return tuple(bases)


def load_letter_law(
    check: Checker,
    path: Path,
    provisions: Mapping[str, Provision],
    instruments: Mapping[str, Instrument],
    vocabulary: Vocabulary,
    rules: Collection[str] = (),
    caveats: Collection[str] = (),
) -> LetterLaw:
    """Read letters.yaml; ``rules`` and ``caveats`` are the codes its rule and caveat names must be."""
    raw = read_yaml(path) or {}
    leads = {
        key: check.text((raw.get("leads") or {}).get(key), "%s leads.%s" % (path.name, key))
        for key in LEADS
    }
    caveat_words = {}
    for key, text in (raw.get("caveats") or {}).items():
        if key not in caveats:
            check.fail("%s caveats" % path.name, "unknown caveat %r" % (key,))
        caveat_words[key] = check.text(text, "%s caveats.%s" % (path.name, key))
    kinds = {}
    for code, entry in (raw.get("kinds") or {}).items():
        where = "%s: kind %s" % (path.name, code)
        lenders = check.choices(entry.get("lenders"), vocabulary.lender_types.codes, where)
        if not lenders:
            check.fail(where, "lenders must list the lender types this letter fits")
        conduct = entry.get("conduct") or {}
        for instrument in conduct.get("instruments") or []:
            if instrument not in instruments:
                check.fail(where, "unknown instrument %r" % (instrument,))
        for provision in conduct.get("provisions") or []:
            if provision not in provisions:
                check.fail(where, "unknown provision %r" % (provision,))
        requests = []
        for item in entry.get("requests") or []:
            place = "%s request %s" % (where, item.get("code", "?"))
            bases = _bases(check, item.get("bases"), provisions, vocabulary, place)
            when = item.get("when_cited")
            if when is not None and when not in provisions:
                check.fail(place, "when_cited names unknown provision %r" % (when,))
            found = check.choices(item.get("when_found"), rules, place + " when_found")
            if not bases:
                check.fail(place, "a request needs at least one basis")
            requests.append(
                RequestLaw(
                    code=str(item.get("code", "")),
                    bases=bases,
                    when_cited=when,
                    text=check.optional_text(item.get("text"), place + " text"),
                    when_found=found,
                )
            )
        kinds[code] = KindLaw(
            code=code,
            lenders=lenders,
            conduct_lead=check.choice(
                conduct.get("lead", "conduct"), LEADS, where + " conduct lead"
            ),
            conduct_instruments=frozenset(conduct.get("instruments") or ()),
            conduct_provisions=frozenset(conduct.get("provisions") or ()),
            bases=_bases(check, entry.get("bases"), provisions, vocabulary, where),
            requests=tuple(requests),
            notes=tuple(
                Note(
                    check.choices(note.get("lenders"), vocabulary.lender_types.codes, where),
                    check.text(note.get("text"), where + " note"),
                )
                for note in entry.get("notes") or []
            ),
            purpose=check.optional_text(entry.get("purpose"), where + " purpose"),
            limits=tuple(
                check.choice(rule, rules, where + " limits") for rule in entry.get("limits") or ()
            ),
        )
    return LetterLaw(leads=leads, kinds=kinds, caveats=caveat_words)
