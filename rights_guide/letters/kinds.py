"""The four kinds of letter: who they go to, what they ask, and in what order.

Each builder returns a ``Draft`` (drafting.py): the addressee, the generated
editable paragraphs (facts, requests, closing, each a plain text with one
paragraph per line, so the web preview can offer them for editing as they
are), the parts in the order the recipient expects, the evidence list and
the signature lines. Builders run inside ``translation.override`` (see
``content.build_letter``) and only say what the borrower entered.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from rights_guide.assessment import Assessment
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
from rights_guide.letters.legal import no_contact_order_available
from rights_guide.letters.request import LetterRequest


def _lender(request: LetterRequest, assessment: Assessment) -> Draft:
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
        % {"regulators": regulators}
        if request.answers.lender_type != "private_lender"
        else _(
            "If I receive no satisfactory reply within 15 days, I will take the steps the law "
            "allows."
        ),
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
        Section("legal", _("Legal basis"), lead=_("This conduct is against:")),
        Section("text", _("My requests"), name="requests"),
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


def _regulator(request: LetterRequest, assessment: Assessment) -> Draft:
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
        Section("legal", lead=_("The respondent's conduct is against:")),
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


def _police(request: LetterRequest, assessment: Assessment) -> Draft:
    items = [
        _("Accept this report, register the case and investigate it."),
        _("Deal with the people responsible according to the law."),
    ]
    if no_contact_order_available(assessment):
        items.append(
            _(
                "Order the people responsible to stay away from me for a set period, under "
                "article 50 paragraph 2 of the Public Security Administration Punishments Law."
            )
        )
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
        Section("legal", _("Legal basis"), lead=_("This conduct falls under:")),
        Section("text", _("Requests"), name="requests"),
        Section("evidence", _("Evidence")),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: the public security authority (police station)"),
        texts=texts,
        sections=sections,
        evidence=facts.evidence_items(request),
        signature=((_("Person reporting (signature)"), ""),),
    )


def _pi_request(request: LetterRequest, assessment: Assessment) -> Draft:
    items = [
        _(
            "Tell me what personal information about me you and the collection agencies you "
            "engaged hold, where it came from, what it is used for and to whom it has been "
            "given, and give me a copy."
        ),
        _(
            "Stop disclosing my personal information, including my debt, to anyone other than "
            "me, and stop processing it for collection beyond what the law allows."
        ),
        _("I withdraw any consent I gave for you to read or use the contact list on my phone."),
        _(
            "Delete the contact list taken from my phone and any of my personal information "
            "processed unlawfully, including copies held by collection agencies, and confirm "
            "the deletion in writing."
        )
        if facts.contact_list_used(request)
        else _(
            "Delete any data from my phone's contact list and any of my personal information "
            "processed unlawfully, including copies held by collection agencies, and confirm "
            "this in writing."
        ),
        _(
            "Reply in writing within 15 days of receiving this request; if you refuse any part "
            "of it, give your reasons."
        ),
    ]
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, am a borrower of yours. On and around %(date)s, you or collectors "
                "acting for you did the following while collecting my debt:"
            ),
            _(
                "I, %(name)s, am a borrower of yours, and I make this request about my personal information."
            ),
        ),
        "requests": lines(numbered_items(items, request)),
        "closing": lines(
            _("I make this request in my own name, as the person the information is about."),
            _(
                "If I receive no reply in time, or the reply is unsatisfactory, I will complain to "
                "the authorities responsible for protecting personal information."
            ),
        ),
    }
    sections = (
        Section("party", _("Applicant"), rows=complainant_rows(request)),
        Section("party", _("Personal information handler"), rows=respondent_rows(request)),
        Section("text", _("Requests"), name="requests"),
        Section("text", _("Facts and reasons"), name="facts"),
        Section("incidents"),
        Section("legal", lead=_("I rely on:")),
        Section("evidence", _("Evidence")),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: %(respondent)s, the person in charge of personal information protection")
        % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=facts.evidence_items(request),
        signature=((_("Applicant (signature)"), ""),),
    )


KIND_BUILDERS: dict[str, Callable[[LetterRequest, Assessment], Draft]] = {
    "lender": _lender,
    "regulator": _regulator,
    "police": _police,
    "pi_request": _pi_request,
}
