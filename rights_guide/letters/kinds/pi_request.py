"""A personal-information request: see, correct, stop, withdraw consent, delete, reply."""

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
from rights_guide.letters.kinds.base import LetterKind

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def request_items(request: LetterRequest) -> dict[str, str]:
    """Each request by its code in letters.yaml (which gives its bases), in the order asked.

    The wording names no law, so it is gettext; the law it rests on is data.
    """
    return {
        "access": _(
            "Tell me what personal information about me you and the collection agencies you "
            "engaged hold and what it is used for, and give me a copy. I also ask you to tell "
            "me where it came from and to whom it has been given."
        ),
        "correction": _(
            "If any personal information about me that you hold is wrong or incomplete (for "
            "example, someone listed as my contact who is not), correct or complete it."
        ),
        "stop_disclosure": _(
            "Stop disclosing my personal information, including my debt, to anyone other than "
            "me, and stop processing it for collection beyond what the law allows."
        ),
        "withdraw_consent": _(
            "I withdraw any consent I gave for you to read or use the contact list on my phone."
        ),
        "deletion": _(
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
        "reply": _(
            "Reply in writing within a reasonable time, for example within 15 days of "
            "receiving this request; if you refuse any part of it, give your reasons."
        ),
    }


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = request_items(request)
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
        "requests": lines(numbered_items(list(items.values()), request)),
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
        Section("legal", name="conduct"),
        Section("legal", name="bases"),
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
        requests=tuple(items),
    )


KIND = LetterKind(
    code="pi_request",
    title=gettext_lazy("Personal-information request"),
    # Its purpose names the law, so it is letters.yaml's.
    letter_title=gettext_lazy("Request to exercise my personal information rights"),
    file_name="personal-information-request",
    build=build,
    offered=lambda situation: True,  # whatever happened, the data rights remain
)
