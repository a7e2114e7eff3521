"""The vocabularies the whole guide speaks, each defined once in data/vocabulary.yaml.

Lender types, the people who can be contacted (targets), the means of
contact, the tactics, and the yes/no questions asked about each person
contacted: each entry has its code, its words in both languages for every
place it appears (the results, the interview, the letters), its place in
the order, and its flags. Complaint bodies are the same kind of registry,
in data/channels.yaml. The engine's parser, the interview forms, the
letters and the result pages all read these registries, so adding a code
is a change to the data files, and a missing word fails at start-up (the
loader checks every entry) instead of in a letter.

Plain frozen data, no Django.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from rights_guide.knowledge.model import Channel, Text

Entry = TypeVar("Entry")

TARGET_KINDS = ("borrower", "person", "audience")  # the borrower; one third party; the public
# Whether a kind of lender is licensed: always, never, or ask the borrower
# (an app or an unknown lender may be funded by a licensed institution or not).
LICENSING = ("yes", "no", "ask")
# Whether someone called about another person's debt owes it: no, or it depends
# (a guarantor within the guarantee, a spouse for a joint family debt).
OWES = ("no", "depends")


class Registry(Generic[Entry]):
    """Entries by code, in their display order."""

    def __init__(self, entries: list[Entry]):
        self._entries: dict[str, Entry] = {entry.code: entry for entry in entries}
        self.codes: tuple[str, ...] = tuple(self._entries)

    def __getitem__(self, code: str) -> Entry:
        return self._entries[code]

    def __contains__(self, code: object) -> bool:
        return code in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, code: str, default: Entry | None = None) -> Entry | None:
        return self._entries.get(code, default)

    def position(self, code: str) -> int:
        return self.codes.index(code)


@dataclass(frozen=True)
class LenderType:
    code: str
    name: Text  # on results and in letters: 持牌消费金融公司
    option: Text  # the interview's answer: 持牌消费金融公司
    hint: Text  # an everyday example under the answer
    complain_to: tuple[str, ...]  # complaint bodies supervising it; rules' "regulator"
    desk: bool  # it has a complaint desk worth writing to (a loan shark has not)
    licensed: str = "ask"  # one of LICENSING
    products: tuple[str, ...] = ("loan",)  # what its debt can be; asked when more than one
    lends_to_public: bool = False  # an app lends to the public by its nature

    @property
    def implied_licence(self) -> bool | None:
        """True or False when the kind of lender settles it; None when it must be asked."""
        return {"yes": True, "no": False}.get(self.licensed)


@dataclass(frozen=True)
class ThirdPartyWords:
    """A person's own answer when they are the one being called (the third-party perspective).

    ``owes`` is "no" (a contract binds only its parties) or "depends" (a
    guarantor within the guarantee, a spouse for a joint family debt); its
    text and provisions say why. ``option`` is how the "I'm not the borrower"
    interview offers the relationship (None: accepted by the API only).
    ``script`` is what they can say on the next call.
    """

    owes: str  # one of OWES
    owes_text: Text
    owes_provisions: tuple[str, ...]  # provision ids, checked by the loader
    script: Text
    option: Text | None = None


@dataclass(frozen=True)
class Target:
    code: str
    kind: str  # one of TARGET_KINDS
    name: Text  # advising the reader: 您本人, 其他家人
    option: Text  # the interview's checkbox: 我本人
    step_title: Text  # the interview page about them
    letter: Text  # in the borrower's own voice, as the object of a sentence: 我的家人
    liable: bool = (
        False  # answers for the debt by contract (a guarantor): never asked to be left alone
    )
    called: ThirdPartyWords | None = None  # a person's own answer when they are the one called

    @property
    def third_party(self) -> bool:
        return self.kind != "borrower"


@dataclass(frozen=True)
class ContactMeans:
    code: str
    name: Text  # 打电话
    incident: Text  # a row of the letter's incident table: 电话
    letter: Text  # a whole sentence with %(target)s: 对方给%(target)s打电话。
    count_field: str | None  # asked as a number on the worst day, in this form field
    count_label: Text | None
    other_option: Text | None  # else asked as a checkbox with this label
    answered_field: str | None = None  # also asked: how many of them were answered
    answered_label: Text | None = None
    letter_third_party: Text | None = (
        None  # the sentence in a third party's own voice, if not letter
    )


@dataclass(frozen=True)
class Tactic:
    code: str
    name: Text
    option: Text
    hint: Text
    letter: Text | None  # a sentence in the facts; None for truthful notices, never complained of
    conduct: Text | None  # a phrase in "stop the following: …"
    safety_first: bool  # someone's safety is at stake: the police come first
    threatens: bool  # a threat, which with a demand for extra money may be extortion
    needs_visit: bool  # only asked, and only counted, when someone came in person
    letter_third_party: Text | None = None  # in a third party's own voice, if not ``letter``


@dataclass(frozen=True)
class QuestionThirdParty:
    """An event question as the person called is asked it, and their letter's sentences."""

    question: Text
    options: Mapping[str, Text] | None
    letter_yes: Text | None  # with %(target)s (them) and %(borrower)s
    letter_no: Text | None


@dataclass(frozen=True)
class EventQuestion:
    """A yes/no question asked about each person contacted; its code is the API field."""

    code: str
    ask: frozenset[str]  # the target kinds it is asked about
    question: Text
    question_borrower: Text | None  # when it is asked about the borrower, if worded otherwise
    options: Mapping[str, Text] | None  # own words for yes, no, unsure
    unsure_means: bool  # what "not sure" counts as (never a fact the borrower did not confirm)
    letter_yes: Text | None  # the facts' sentence when the answer is yes (%(target)s)
    letter_yes_borrower: Text | None
    letter_no: Text | None  # … when the answer is no
    third_party: QuestionThirdParty | None = None  # asked of the person called themselves

    def asked_about(self, target: Target) -> bool:
        return target.kind in self.ask


@dataclass(frozen=True)
class Vocabulary:
    lender_types: Registry[LenderType]
    targets: Registry[Target]
    contact_means: Registry[ContactMeans]
    tactics: Registry[Tactic]
    event_questions: Registry[EventQuestion]
    bodies: Registry[Channel]  # complaint bodies, from channels.yaml
    # The bodies a third party can use in their own right, in the order to use them.
    third_party_bodies: tuple[str, ...] = ()

    @property
    def relationships(self) -> tuple[str, ...]:
        """Who a third party can be to the borrower: every target that is one person."""
        return tuple(target.code for target in self.targets if target.kind == "person")

    def safety_first_ahead(self, channels: tuple[str, ...] | list[str]) -> bool:
        """Whether an assessment's ``channels`` open with a body to go to first for safety.

        The engine alone decides when a story is urgent (a possible crime, or a
        tactic marked ``safety_first``) and then sorts the police ahead of the
        other bodies; this only reads that order, so the pages that follow it
        (the letters offered first, a third party's bodies) cannot disagree with it.
        """
        return bool(channels) and self.bodies[channels[0]].safety_first

    def regulators(self, lender_type: str) -> tuple[str, ...]:
        """The bodies a rule's "regulator" stands for, for this lender type."""
        return self.lender_types[lender_type].complain_to
