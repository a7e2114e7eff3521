"""Every kind of letter, listed once, in the order the results page offers them.

A new kind is a module beside these (a ``LetterKind`` with its builder) and
one line below; see docs/CONTRIBUTING.md.
"""

from rights_guide.knowledge.vocabulary import Registry
from rights_guide.letters.kinds import (
    contact_terms,
    debt_details,
    lender,
    pi_request,
    police,
    regulator,
    repayment_plan,
    third_party,
)
from rights_guide.letters.kinds.base import LetterKind, Situation

# The letters that set terms come before the complaint letters: they are sent first.
KINDS: Registry[LetterKind] = Registry(
    [
        debt_details.KIND,
        contact_terms.KIND,
        repayment_plan.KIND,
        lender.KIND,
        regulator.KIND,
        police.KIND,
        pi_request.KIND,
        third_party.KIND,
    ]
)

__all__ = ["KINDS", "LetterKind", "Situation", "follow_up", "offered_kinds"]


def offered_kinds(situation: Situation) -> list[LetterKind]:
    """The letters this writer can send about this lender (letters.yaml), most useful first."""
    return [kind for kind in KINDS if kind.available(situation)]


def follow_up(kind: LetterKind, lender_type: str) -> LetterKind | None:
    """The letter to send if this one gets no answer in time: the first that fits the lender."""
    return next((KINDS[code] for code in kind.follow_up if KINDS[code].fits(lender_type)), None)
