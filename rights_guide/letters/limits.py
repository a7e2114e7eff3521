"""The limits that already bind a lender's collection, for a letter that sets terms.

A letter that says "contact me only like this" also restates what already
limits this lender (hours, frequency, third parties), so the borrower's
terms sit on top of rules the lender cannot wave away. Which rules those
are is data (letters.yaml ``limits``); which of their provisions bind this
lender is what the engine's grounds say for its type, licence and product,
so the letter and the results page cannot disagree. Each limit keeps the
caveats its source carries; letters/legal.py prints them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rights_guide.assessment import Assessment
from rights_guide.assessment.compiled import DROPPED, ground_state, provision_caveats
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.letter_law import KindLaw
from rights_guide.knowledge.model import Provision


@dataclass(frozen=True)
class Limit:
    """A provision that already limits how this lender collects, and the caveats it carries."""

    provision: Provision
    caveats: tuple[str, ...]


def contact_limits(law: KindLaw, assessment: Assessment, day: datetime.date) -> tuple[Limit, ...]:
    """The provisions that already limit how this lender may contact the borrower.

    The conduct grounds of the kind's ``limits`` rules that the engine would
    apply to this lender type, licence and product, verified and in force on
    ``day``, each once. A ground that holds only if something the borrower
    did not know is so (a licensed funder, a loan rather than a card) keeps
    the caveat saying so; one that needs a fact about the contacts
    (``when``) or supports lawful conduct is not a limit.
    """
    rules = {rule.code: rule for rule in get_knowledge().rules}
    lender_type = assessment.answers.lender_type
    limits: dict[str, Limit] = {}
    for code in law.limits:
        for ground in rules[code].grounds:
            provision = ground.provision
            if (
                ground.role != "conduct"
                or ground.when
                or ground.severity == "lawful"
                or provision.confidence == "U"
                or (ground.lenders and lender_type not in ground.lenders)
                or not provision.in_force_on(day)
            ):
                continue
            state, conditions = ground_state(ground, assessment.licensed, assessment.product)
            if state == DROPPED or provision.id in limits:
                continue
            caveats = (*provision_caveats(provision), *conditions, *ground.caveats)
            limits[provision.id] = Limit(provision, tuple(dict.fromkeys(caveats)))
    return tuple(limits.values())
