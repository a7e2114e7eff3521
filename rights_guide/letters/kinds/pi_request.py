"""A request under the Personal Information Protection Law: see, stop, delete, withdraw consent."""

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
    respondent_rows,
)
from rights_guide.letters.kinds.base import CitationPolicy, LetterKind

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def build(request: LetterRequest, assessment: Assessment) -> Draft:
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


PERSONAL_INFORMATION_PREFIXES = ("pipl_", "civil_code_103")

KIND = LetterKind(
    code="pi_request",
    title=gettext_lazy("Personal-information request"),
    purpose=gettext_lazy(
        "Uses your rights under the Personal Information Protection Law: see your data, stop its use, delete it, and withdraw consent to use your contact list."
    ),
    letter_title=gettext_lazy("Request to exercise my personal information rights"),
    file_name="personal-information-request",
    build=build,
    citations=CitationPolicy(
        conduct=lambda provision: provision.id.startswith(PERSONAL_INFORMATION_PREFIXES),
        requests=("pipl_44", "pipl_15", "pipl_47", "pipl_50", "civil_code_1037"),
    ),
    offered=lambda situation: True,  # whatever happened, the data rights remain
)
