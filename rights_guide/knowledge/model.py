"""The legal knowledge base as plain, frozen data.

Everything here is loaded from the YAML files in ``data/`` and checked by
``loader.py``; nothing in this module imports Django, so the engine and its
tests run without a web framework. Bilingual text is a ``Text`` holding both
languages; the caller picks one when it renders.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rights_guide.knowledge.letter_law import LetterLaw
    from rights_guide.knowledge.lpr import LprTable
    from rights_guide.knowledge.vocabulary import Vocabulary

LANGUAGES = ("zh-hans", "en")

# Lowest first. Codes never change with the language (docs/api.md).
SEVERITIES = ("lawful", "grey", "breach", "unlawful", "criminal")
SEVERITY_RANK = {code: rank for rank, code in enumerate(SEVERITIES)}

# Confidence labels from the fact sheet: V1 checked against the official
# text, V2 from secondary sources, V2-weak from one low-grade secondary source
# (its article number is never printed in a letter), U unverified (never
# presented as settled, and never deciding a severity).
CONFIDENCES = ("V1", "V2", "V2-weak", "U")

# Facts about the whole story that can raise a ground to a higher level
# (computed by assessment.engine.context_flags).
CONTEXT_FLAGS = (
    "illegal_debt",  # an unlicensed lender charging more than 36% a year
    "usury_rate",  # more than 36% a year, whoever the lender (with licensed: "no", conditional)
    "borrower_called_10",  # the borrower was called ten or more times on one day (NIFA 17)
    "unlicensed_public_lending",  # …and it is an app, which lends to the public by nature
    "public_spread",  # posted in public: group chats, social media, notices
    "demands_extra",  # demanding fees beyond what is owed
    "continued_after_intervention",  # went on after police or a regulator stepped in
    "repeated_contact",  # 多次: three or more contacts a day, or after a stop request
    "contacts_disclosed",  # the debt was told to people from the contact list
    "mass_disclosure",  # the debt was told to 50 or more people, each separately
    "many_unanswered",  # seven or more unanswered calls a day to one number
    "pre_2020_contract",  # an unlicensed loan made before 2020-08-20 (transitional rule)
    # The optional facts of issue 21 (assessment/answers.py); see POSSIBLE_FLAGS.
    "public_insult",  # an insult was public or in front of others (公然)
    "abuse_repeated",  # the insults or threats themselves were repeated (多次)
    "extortion_amount",  # the extra money demanded is 数额较大 (or it happened 多次)
    "came_inside",  # a visitor came inside the home
    "child_under_14",  # a child contacted is under 14
    "guarantee_pre_2021",  # the guarantee was signed before 2021 (担保法)
    "guarantee_from_2021",  # …on or after 1 January 2021 (民法典)
    "guarantee_type_unstated",  # the guarantee states no type
    "guarantee_pay_wording",  # the guarantor pays as soon as the borrower does not
    "borrower_died",  # (a third party's story) the borrower has died
)
# Flags that can hinge on a fact nobody gave: a ground needing one is then cited as
# conditional, with the caveat text caveat_if_<flag> (meta.yaml) saying on what.
POSSIBLE_FLAGS = (
    "mass_disclosure",
    "public_insult",
    "abuse_repeated",
    "extortion_amount",
    "came_inside",
    "child_under_14",
    "guarantee_pre_2021",
    "guarantee_from_2021",
    "guarantee_type_unstated",
    "guarantee_pay_wording",
    "borrower_died",
)

# What a ground is to the finding: a rule the collector broke (conduct), a
# basis for something the borrower can ask for (remedy), or the real legal
# position around it (context). Only conduct grounds decide a severity.
ROLES = ("conduct", "remedy", "context")
# Whether a ground needs the lender (or the funder behind an app) to be
# licensed: "yes", "no", or "not_no" (licensed or not known).
LICENSING = ("yes", "no", "not_no")
PRODUCTS = ("credit_card", "loan")
VISIT_PLACES = ("home", "work")


@dataclass(frozen=True)
class Text:
    """One piece of text in every supported language."""

    zh_hans: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.zh_hans


@dataclass(frozen=True)
class Instrument:
    """A law, interpretation, rule, standard or self-regulatory code, in one edition."""

    id: str
    name: Text  # full official name in Chinese, with an English rendering
    short_name: Text
    issuer: Text
    kind: str
    edition: Text | None
    in_force_from: datetime.date
    in_force_until: datetime.date | None  # last day in force, inclusive
    confidence: str
    binding: bool  # False for national standards and self-regulation
    note: Text | None = None


@dataclass(frozen=True)
class Provision:
    """One article (or, where the number is unverified, the instrument's relevant clause)."""

    id: str
    instrument: Instrument
    article: str | None  # as written, e.g. 第一千零三十三条; None when the number is unverified
    number: float | None  # sortable: 293-1 → 293.1
    item: str | None  # e.g. 第一款第（五）项
    summary: Text
    confidence: str
    in_force_from: datetime.date
    in_force_until: datetime.date | None
    note: Text | None = None

    def in_force_on(self, day: datetime.date) -> bool:
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until


@dataclass(frozen=True)
class Ground:
    """A provision a rule relies on, the severity it supports, and when it applies.

    ``licensed`` and ``products`` make a ground depend on facts the borrower
    may not know (whether an app's funder is licensed; card or loan): while
    unknown, the ground is cited as conditional and decides nothing.
    """

    provision: Provision
    severity: str
    lenders: frozenset[str]  # empty means every lender type
    when: frozenset[str]  # context flags that must all hold; empty means always
    note: Text | None = None
    role: str = "conduct"  # one of ROLES
    licensed: str | None = None  # one of LICENSING; None means any lender
    products: frozenset[str] = frozenset()  # empty means any product
    caveats: tuple[str, ...] = ()  # extra caveat keys (meta.yaml texts)


@dataclass(frozen=True)
class EventMatch:
    """Which contact events trigger a rule: a condition left out matches any value.

    ``answers`` pairs event questions (vocabulary.yaml) with the answer the
    rule wants, e.g. (("disclosed_debt", True),).
    """

    targets: frozenset[str]
    channels: frozenset[str]
    min_times_per_day: int | None = None
    max_times_per_day: int | None = None
    answers: tuple[tuple[str, bool], ...] = ()
    # Answered calls, when the borrower knows them: a minimum never matches an
    # unknown count and a maximum always does (nothing shows a limit was
    # exceeded); ``answered_known`` asks for a known (True) or unknown count.
    min_answered_per_day: int | None = None
    max_answered_per_day: int | None = None
    min_unanswered_per_day: int | None = None
    max_unanswered_per_day: int | None = None
    answered_known: bool | None = None


@dataclass(frozen=True)
class RateMatch:
    """Which lenders and rates trigger a rate rule.

    ``licensed`` lists the effective licence values (True, False, None for not
    known) it fires for. A licensed lender's rate is matched by fixed bounds
    (above: strictly greater; at_most: less than or equal); an unlicensed or
    unknown one's by its ``band``, worked out from the LPR on the contract
    date (assessment/rates.py).
    """

    lenders: frozenset[str]
    licensed: frozenset[bool | None] = frozenset({True, False, None})
    band: frozenset[str] = frozenset()
    above_percent: float | None = None
    at_most_percent: float | None = None


@dataclass(frozen=True)
class Wording:
    """A finding's words for one kind of reader: its title, explanation and actions."""

    title: Text
    explanation: Text
    actions: tuple[Text, ...]


@dataclass(frozen=True)
class Rule:
    """A finding the engine can report: what triggers it, why, and what to do."""

    code: str
    title: Text
    explanation: Text
    actions: tuple[Text, ...]
    channels: tuple[str, ...]  # channel codes, or "regulator" for this lender type's regulator
    grounds: tuple[Ground, ...]
    fallback: str  # severity when no verified ground applies
    events: tuple[EventMatch, ...] = ()
    tactics: frozenset[str] = frozenset()
    rate: RateMatch | None = None
    lenders: frozenset[str] = frozenset()  # the rule only fires for these; empty means all
    conduct: Text | None = None  # a letter's "stop the following: …" phrase for it
    licensed: frozenset[bool | None] = frozenset()  # effective licence values; empty means all
    visit_place: str | None = None  # for a tactic about a visit: one of VISIT_PLACES
    unless_tactics: frozenset[str] = frozenset()  # not when any of these more precise ones is told
    # The same finding worded for someone called about another person's debt
    # (the third-party perspective); None for rules that concern only the borrower.
    third_party: Wording | None = None


@dataclass(frozen=True)
class Channel:
    """A place to complain or get help (a complaint body)."""

    code: str
    name: Text
    contact: Text
    handles: Text
    prepare: Text
    confidence: str
    regulator: bool = False  # supervises lenders: a regulator letter is addressed to it
    letter_name: Text | None = None  # how that letter names it
    safety_first: bool = False  # listed first when someone's safety is at stake
    advertises: tuple[str, ...] = ()  # provision ids its `handles` text refers to
    # Its words for someone called about another person's debt: what it handles for
    # them and what they should prepare. None: not a body a third party uses.
    third_party: ChannelWording | None = None
    # Whether it takes complaints by phone or by an online form: the results then offer
    # a phone script and paste-ready texts (rights_guide.complaints), with next_steps,
    # what to expect next and when.
    phone: bool = False
    online_form: bool = False
    next_steps: Text | None = None
    ask: Text | None = None  # what a complaint asks, for a body no letter is written to


@dataclass(frozen=True)
class ChannelWording:
    """What a complaint body does for a third party, and what they should bring."""

    why: Text
    prepare: Text


@dataclass(frozen=True)
class Knowledge:
    """Everything the engine needs, validated, with a version for reproducibility."""

    version: str
    instruments: dict[str, Instrument]
    provisions: dict[str, Provision]
    rules: tuple[Rule, ...]
    vocabulary: Vocabulary
    severity_names: dict[str, Text]
    texts: dict[str, Text] = field(default_factory=dict)
    rate_texts: dict[str, Text] = field(default_factory=dict)
    lpr: LprTable | None = None
    letters: LetterLaw | None = None
    earliest_covered: datetime.date = datetime.date(2021, 1, 1)
    version_date: datetime.date = datetime.date(2021, 1, 1)  # the law as of this day
