"""Every kind of letter, listed once, in the order the results page offers them.

A new kind is a module beside these (a ``LetterKind`` with its builder) and
one line below; see docs/CONTRIBUTING.md.
"""

from rights_guide.knowledge.vocabulary import Registry
from rights_guide.letters.kinds import lender, pi_request, police, regulator
from rights_guide.letters.kinds.base import LetterKind, Situation

KINDS: Registry[LetterKind] = Registry([lender.KIND, regulator.KIND, police.KIND, pi_request.KIND])

__all__ = ["KINDS", "LetterKind", "Situation", "offered_kinds"]


def offered_kinds(situation: Situation) -> list[LetterKind]:
    """The letters that fit this lender (letters.yaml) and are worth writing, most useful first."""
    return [kind for kind in KINDS if kind.fits(situation.lender_type) and kind.offered(situation)]
