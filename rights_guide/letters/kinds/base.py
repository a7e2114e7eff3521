"""What a kind of letter is: everything about it in one object, registered once.

A ``LetterKind`` carries its code (the API's ``kind``), the title and
purpose shown where letters are offered, the printed title, the download's
file name, the builder that drafts it, and when the results page offers
it. What it cites, which law each request rests on and which lender types
it fits are data (knowledge/data/letters.yaml, its ``law``), so no legal
wording or provision id lives in its Python. ``letters/kinds/__init__.py``
lists the kinds; the parser, the writer, the renderer, the snapshot and the
pages all look a kind up there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import get_language

from rights_guide.letters.legal import kind_law

if TYPE_CHECKING:
    from rights_guide.assessment import Answers, Assessment
    from rights_guide.knowledge.letter_law import KindLaw
    from rights_guide.knowledge.vocabulary import Vocabulary
    from rights_guide.letters.choices import ChoiceSet
    from rights_guide.letters.drafting import Draft
    from rights_guide.letters.request import LetterRequest


@dataclass(frozen=True)
class Situation:
    """What decides which letters a story is offered: from the engine's assessment."""

    lender_type: str
    overall: str  # the most serious severity
    channels: tuple[str, ...]  # the complaint bodies the engine named
    vocabulary: Vocabulary
    perspective: str = "borrower"  # whose story: the borrower's or a third party's
    relationship: str | None = None  # a third party's relationship to the borrower

    @property
    def liable(self) -> bool:
        """The person telling the story answers for the debt by contract (a guarantor)."""
        return self.relationship is not None and self.vocabulary.targets[self.relationship].liable

    @property
    def urgent(self) -> bool:
        """The engine put the police first: safety is at stake, or a crime may have been committed."""
        return self.vocabulary.safety_first_ahead(self.channels)

    @property
    def complaint(self) -> bool:
        """Something described is worth complaining of."""
        return self.overall != "lawful"


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: Promise  # where letters are offered: 向借款机构投诉
    letter_title: Promise  # printed at the top of the letter
    file_name: str  # ASCII, for the download: complaint-to-lender
    build: Callable[[LetterRequest, Assessment], Draft]
    offered: Callable[[Situation], bool]  # worth offering for this story (if it fits at all)
    plain_purpose: Promise | None = None  # under the title, unless letters.yaml gives a purpose
    # Who writes it: the borrower, or someone called about the borrower's debt. The
    # assessment it is made from must be told from the same perspective.
    perspective: str = "borrower"
    # What the writer chooses for this letter alone, declared as parts
    # (letters/choices.py): read from the API's request object named by its
    # ``field``, asked on a page of its own before the shared details. None: the
    # shared details are enough.
    choices: ChoiceSet | None = None
    # What to send if no answer comes in time, most fitting first: the first of these
    # kinds that fits the lender is offered with ``follow_up_hint`` on the results page.
    follow_up: tuple[str, ...] = ()
    follow_up_hint: Promise | None = None
    # The writer's mobile number is part of what the letter asks (delete the number you
    # called): without it the request names nothing, so it is required (``phone_required``).
    needs_phone: bool = False
    # A complaint or report against the respondent (False: a letter that sets terms or asks
    # for something, sent to the lender to deal with it; its pages never call it a complaint).
    complaint: bool = True
    # The complaint body (channels.yaml) the letter is addressed to, if it is one: when the
    # engine puts that body first, its letter is offered first.
    body: str | None = None

    @property
    def law(self) -> KindLaw:
        """What it cites and asks for, and which lender types it fits (letters.yaml)."""
        return kind_law(self.code)

    @property
    def purpose(self) -> str:
        """One sentence under the title; the knowledge base's when it names the law."""
        if self.law.purpose is not None:
            return self.law.purpose.get(get_language())
        return str(self.plain_purpose)

    def fits(self, lender_type: str) -> bool:
        """Whether this letter may be written about this kind of lender at all.

        A lender or regulator letter about an individual lender would go to
        bodies with no power over them: the API refuses it and the results
        page does not offer it.
        """
        return lender_type in self.law.lenders

    def refusal(self, answers: Answers, vocabulary: Vocabulary) -> str | None:
        """Why this letter cannot be made from these answers (an error code), or None.

        It must be written from the answers' perspective, about a kind of
        lender it fits; a third party's letter is never for a guarantor, who
        may lawfully be asked to pay (vocabulary.yaml ``liable``).
        """
        if answers.perspective != self.perspective:
            return "kind_not_available_for_perspective"
        if not self.fits(answers.lender_type):
            return "kind_not_available_for_lender_type"
        if answers.third_party and vocabulary.targets[answers.relationship].liable:
            return "kind_not_available_for_relationship"
        return None

    def available(self, situation: Situation) -> bool:
        """Whether the results page offers it: the right writer, lender and person, and worth it."""
        return (
            situation.perspective == self.perspective
            and self.fits(situation.lender_type)
            and not (self.perspective == "third_party" and situation.liable)
            and self.offered(situation)
        )
