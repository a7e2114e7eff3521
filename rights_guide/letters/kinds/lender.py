"""A complaint to the lender's own complaint desk, in the borrower's name: the first step."""

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
    regulator_names,
    stop_requests,
)
from rights_guide.letters.kinds.base import LetterKind

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = stop_requests(
        request,
        assessment,
        _("Stop contacting %(targets)s about my debt at once, and contact only me."),
        _("Stop the following at once: %(conduct)s."),
    )
    items.append(
        _(
            "Tell me in writing the full name and contact details of any collection agency you "
            "have engaged for my debt, and answer for how it collects."
        )
    )
    items.append(
        _(
            "Stop using the contact list taken from my phone for collection, delete the "
            "contact-list data you and your collection agencies hold, and confirm the deletion "
            "in writing."
        )
        if facts.contact_list_used(request)
        else _(
            "If you or your collection agencies hold data from my phone's contact list, stop "
            "using it, delete it and confirm this in writing."
        )
    )
    items.append(
        _(
            "Reply to me in writing within 15 days of receiving this letter, saying how you have "
            "dealt with each of these requests."
        )
    )
    regulators = facts.join_items(regulator_names(request))
    closing = lines(
        _(
            "I do not dispute that I must repay what I lawfully owe. I would like to agree a "
            "repayment plan I can keep to, and ask you to contact me in writing to discuss it."
        ),
        _(
            "If I receive no satisfactory reply within 15 days, I will complain to "
            "%(regulators)s and take the other steps the law allows."
        )
        % {"regulators": regulators},
    )
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, am a borrower of yours. On and around %(date)s, you or collectors "
                "acting for you did the following while collecting my debt:"
            ),
            _("I, %(name)s, am a borrower of yours. I am writing about how my debt is collected."),
        ),
        "requests": lines(numbered_items(items, request)),
        "closing": closing,
    }
    sections = (
        Section("text", _("What happened"), name="facts"),
        Section("incidents", _("Record of the collection contacts")),
        Section("legal", _("Legal basis"), name="conduct"),
        Section("text", _("My requests"), name="requests"),
        Section("legal", name="bases"),
        Section("text", name="closing"),
        Section("evidence", _("Evidence")),
    )
    signature = (
        (_("Borrower (signature)"), ""),
        *complainant_rows(request),
    )
    return Draft(
        addressee=_("To: the complaints department of %(respondent)s")
        % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=facts.evidence_items(request),
        signature=signature,
    )


KIND = LetterKind(
    code="lender",
    title=gettext_lazy("Complaint to the lender"),
    plain_purpose=gettext_lazy(
        "Asks the lender's complaint desk to stop contacting other people and the tactics you named, to say which collection agency it uses, to delete your contact list, and to answer in writing within 15 days."
    ),
    letter_title=gettext_lazy("Complaint about improper debt collection"),
    file_name="complaint-to-lender",
    build=build,
    offered=lambda situation: situation.complaint,
)
