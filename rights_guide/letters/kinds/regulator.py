"""A complaint to the regulator for this kind of lender, laid out as complaint forms ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import (
    gettext_lazy,
    pgettext_lazy,
)

from rights_guide.letters import facts
from rights_guide.letters.drafting import (
    Draft,
    Section,
    complainant_rows,
    facts_text,
    lines,
    numbered_items,
    regulator_names,
    respondent_rows,
    stop_requests,
)
from rights_guide.letters.kinds.base import LetterKind

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = [_("Investigate the respondent's collection conduct set out in this complaint.")]
    items += stop_requests(
        request,
        assessment,
        _("Order the respondent to stop contacting %(targets)s about my debt."),
        _("Order the respondent to stop the following: %(conduct)s."),
    )
    if facts.contact_list_used(request):
        items.append(
            _(
                "Order the respondent to stop using, and to delete, the contact list taken from my phone."
            )
        )
    items.append(_("Tell me the result in writing."))
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, am a borrower of %(respondent)s. On and around %(date)s, the "
                "respondent or collectors acting for it did the following while collecting my debt:"
            ),
            _(
                "I, %(name)s, am a borrower of %(respondent)s. I complain about how the respondent "
                "collects my debt."
            ),
        ),
        "requests": lines(numbered_items(items, request)),
        "closing": _("The facts above are true. I make this complaint in my own name."),
    }
    sections = (
        Section("party", _("Complainant"), rows=complainant_rows(request)),
        Section("party", _("Respondent"), rows=respondent_rows(request)),
        Section("text", _("Requests"), name="requests"),
        Section("text", _("Facts and reasons"), name="facts"),
        Section("incidents"),
        Section("legal", name="conduct"),
        Section("legal", name="bases"),
        Section("evidence", _("Evidence")),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: %(regulator)s")
        % {"regulator": facts.join_clauses(regulator_names(request))},
        texts=texts,
        sections=sections,
        evidence=facts.evidence_items(request),
        signature=((_("Complainant (signature)"), ""),),
    )


KIND = LetterKind(
    code="regulator",
    title=gettext_lazy("Complaint to the regulator"),
    plain_purpose=gettext_lazy(
        "Laid out the way complaint forms ask for it: who complains, against whom, what you ask for, the facts and reasons, and your evidence."
    ),
    letter_title=pgettext_lazy("letter title", "Complaint"),
    file_name="complaint-to-regulator",
    build=build,
    offered=lambda situation: situation.complaint,
)
