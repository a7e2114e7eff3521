"""A statement for a police report: the facts in time order and the law the police apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.letters import facts
from rights_guide.letters.drafting import (
    Draft,
    Section,
    complainant_rows,
    facts_text,
    lines,
    numbered_items,
)
from rights_guide.letters.kinds.base import LetterKind
from rights_guide.letters.legal import request_due

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = [
        _("Accept this report, register the case and investigate it."),
        _("Deal with the people responsible according to the law."),
    ]
    made = []
    no_contact = KIND.law.request("no_contact_order")
    if (
        no_contact is not None
        and no_contact.text is not None
        and request_due(no_contact, assessment)
    ):
        # The request names the law, so its wording is the knowledge base's.
        items.append(no_contact.text.get(request.language))
        made.append(no_contact.code)
    items.append(_("Give me a receipt for this report."))
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, owe money to %(respondent)s. On and around %(date)s, "
                "%(respondent)s or collectors acting for it did the following while collecting "
                "the debt:"
            ),
            _(
                "I, %(name)s, owe money to %(respondent)s. I report how the debt is being collected."
            ),
        ),
        "requests": lines(numbered_items(items, request)),
        "closing": _(
            "The facts above are true. I understand that I am legally responsible for a false report."
        ),
    }
    sections = (
        Section("party", _("Person reporting"), rows=complainant_rows(request)),
        Section(
            "party",
            _("Reported party"),
            rows=(
                (
                    _("Organisation"),
                    _("%(respondent)s and the collectors acting for it")
                    % {"respondent": request.respondent},
                ),
            ),
        ),
        Section("text", _("What happened"), name="facts"),
        Section("incidents"),
        Section("legal", _("Legal basis"), name="conduct"),
        Section("text", _("Requests"), name="requests"),
        Section("legal", name="bases"),
        Section("evidence", _("Evidence")),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: the public security authority (police station)"),
        texts=texts,
        sections=sections,
        evidence=facts.evidence_items(request),
        signature=((_("Person reporting (signature)"), ""),),
        requests=tuple(made),
    )


KIND = LetterKind(
    code="police",
    title=gettext_lazy("Statement for a police report"),
    plain_purpose=gettext_lazy(
        "The facts in time order, who did what and your evidence, asking the police to register the case."
    ),
    letter_title=gettext_lazy("Report to the police"),
    file_name="police-report",
    build=build,
    offered=lambda situation: situation.complaint and "police" in situation.channels,
    body="police",
)
