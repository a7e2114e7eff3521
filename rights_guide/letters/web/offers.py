"""The four letters as the pages offer them: title, purpose, and which ones a story calls for."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rights_guide.knowledge import get_knowledge

REGULATOR_CHANNELS = {"nfra_12378", "local_financial_regulator", "nifa"}


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: Promise
    purpose: Promise


OFFERS = {
    kind.code: kind
    for kind in (
        LetterKind(
            "lender",
            _("Complaint to the lender"),
            _(
                "Asks the lender's complaint desk to stop contacting other people and the tactics you named, to say which collection agency it uses, to delete your contact list, and to answer in writing within 15 days."
            ),
        ),
        LetterKind(
            "regulator",
            _("Complaint to the regulator"),
            _(
                "Laid out the way complaint forms ask for it: who complains, against whom, what you ask for, the facts and reasons, and your evidence."
            ),
        ),
        LetterKind(
            "police",
            _("Statement for a police report"),
            _(
                "The facts in time order, who did what and your evidence, asking the police to register the case."
            ),
        ),
        LetterKind(
            "pi_request",
            _("Personal-information request"),
            _(
                "Uses your rights under the Personal Information Protection Law: see your data, stop its use, delete it, and withdraw consent to use your contact list."
            ),
        ),
    )
}


def available_kinds(lender_type: str, channels: list[str], overall: str) -> list[LetterKind]:
    """The letters worth writing for this story, most useful first.

    A private lender has no complaint desk or regulator to write to, and a
    police statement is offered when something in the story is for the
    police. When everything described is lawful there is nothing to
    complain of: only the personal-information request is offered.
    """
    if overall == "lawful":
        return [OFFERS["pi_request"]]
    knowledge = get_knowledge()
    offered = []
    if lender_type in knowledge.lender_desk:
        offered.append(OFFERS["lender"])
    if REGULATOR_CHANNELS & set(knowledge.regulators[lender_type]):
        offered.append(OFFERS["regulator"])
    if "police" in channels:
        offered.append(OFFERS["police"])
    offered.append(OFFERS["pi_request"])
    return offered
