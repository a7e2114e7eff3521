"""Every kind of letter, listed once, in the order the results page offers them.

One exception: when the engine's channel order puts the police first (someone's
safety is at stake, or a crime may have been committed), the letter to the
police is offered first, before the letters that set terms.

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
    """The letters this writer can send about this lender (letters.yaml), most useful first.

    Most useful is the registry's order, except when the story is urgent: then
    the letter to the body the engine put first leads.
    """
    offered = [kind for kind in KINDS if kind.available(situation)]
    if situation.urgent:
        first = situation.channels[0]
        offered.sort(key=lambda kind: kind.body != first)  # stable: the rest keep their order
    return offered


def follow_up(kind: LetterKind, lender_type: str) -> LetterKind | None:
    """The letter to send if this one gets no answer in time: the first that fits the lender."""
    return next((KINDS[code] for code in kind.follow_up if KINDS[code].fits(lender_type)), None)
