"""Every kind of letter, listed once, in the order the results page offers them.

A new kind is a module beside these (a ``LetterKind`` with its builder) and
one line below; see docs/CONTRIBUTING.md.
"""

from rights_guide.knowledge.vocabulary import Registry
from rights_guide.letters.kinds import lender, pi_request, police, regulator, third_party
from rights_guide.letters.kinds.base import LetterKind, Situation

KINDS: Registry[LetterKind] = Registry(
    [lender.KIND, regulator.KIND, police.KIND, pi_request.KIND, third_party.KIND]
)

__all__ = ["KINDS", "LetterKind", "Situation", "offered_kinds"]


def offered_kinds(situation: Situation) -> list[LetterKind]:
    """The letters this writer can send about this lender (letters.yaml), most useful first."""
    return [kind for kind in KINDS if kind.available(situation)]
