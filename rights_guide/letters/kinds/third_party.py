"""A letter from someone called about another person's debt, to the lender, in their own name.

"I am not the borrower or a guarantor. Stop contacting me, delete my number
(named: the letter needs the number that was called) and anything else you
hold about me, tell me where you got it, and answer in writing." It is made from the third party's own answers (the assessment
told from the third-party perspective), so its facts are in their voice;
what each request rests on is letters.yaml's. A spouse, who may answer for
a joint family debt, asks for the evidence instead of saying they owe
nothing; a guarantor, who may lawfully be asked to pay, is never offered it
(the API refuses it: ``kind_not_available_for_relationship``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.knowledge import get_knowledge
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

    Someone who owes nothing says so; someone whose liability depends on the
    facts (a spouse: a joint family debt) asks for the lender's reasons
    instead (vocabulary.yaml ``owes``).
    """
    relationship = get_knowledge().vocabulary.targets[request.answers.relationship]
    items = {}
    if relationship.called.owes == "no":
        items["not_liable"] = _(
            "I did not sign the loan contract and did not guarantee the loan, so I owe nothing "
            "under it. Do not ask me to pay it."
        )
    else:
        items["joint_debt"] = _(
            "I did not sign this loan and did not guarantee it. If you consider it a joint debt "
            "of my marriage, explain in writing why, with your evidence; until then, do not ask "
            "me to pay it."
        )
    items["stop_contact"] = _(
        "Stop contacting me about this debt by any means, yourselves or through collection "
        "agencies: calls, text messages, chat messages and visits."
    )
    items["deletion"] = _(
        "Delete my phone number, %(phone)s, and any other personal information about me that "
        "you and your collection agencies hold, stop processing it, and confirm this in writing."
    ) % {"phone": request.complainant.phone}
    items["source"] = _(
        "I also ask you to tell me in writing where you obtained my phone number and my other "
        "personal information, what you have used it for and to whom you have given it."
    )
    items["reply"] = _(
        "Reply in writing within a reasonable time, for example within 15 days of receiving "
        "this letter; if you refuse any part of it, give your reasons."
    )
    return items


def evidence_items(request: LetterRequest) -> list[str]:
    """What the writer can attach: their own records of being contacted."""
    channels = facts.channels_used(request)
    items = []
    if "call" in channels:
        items.append(
            _("My call log showing the callers' numbers, dates and times, and any recordings")
        )
    if "sms" in channels:
        items.append(_("Screenshots of the text messages, showing the sender and time"))
    if "im" in channels:
        items.append(_("Screenshots of the chat messages, showing the account and time"))
    if channels & facts.VISITS:
        items.append(_("Photos, video or notes of the visits: when, where and who came"))
    if channels & facts.PUBLIC_CHANNELS:
        items.append(_("Screenshots of the posts, showing who posted them, where and when"))
    if any("after_stop_request" in event.answers for event in request.answers.events):
        items.append(_("The message or recording in which I asked them to stop"))
    return items


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = request_items(request)
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, am not the borrower of this debt and did not guarantee it. On and "
                "around %(date)s, you or collectors acting for you did the following to me while "
                "collecting a debt of %(borrower)s:"
            ),
            _(
                "I, %(name)s, am not the borrower of this debt and did not guarantee it. I am "
                "writing because you or collectors acting for you contacted me about a debt of "
                "%(borrower)s."
            ),
        ),
        "requests": lines(numbered_items(list(items.values()), request)),
        "closing": lines(
            _(
                "I make these requests in my own name, about my own personal information. I do "
                "not act for the borrower and will not pass on messages."
            ),
            _(
                "If you do not reply in time, or the contact goes on, I will report it to the "
                "authorities responsible and take the other steps the law allows."
            ),
        ),
    }
    sections = (
        Section("party", _("Applicant"), rows=complainant_rows(request)),
        Section("party", _("Respondent"), rows=respondent_rows(request)),
        Section("text", _("What happened"), name="facts"),
        Section("incidents", _("Record of the contacts")),
        Section("legal", name="conduct"),
        Section("text", _("My requests"), name="requests"),
        Section("legal", name="bases"),
        Section("evidence", _("Evidence")),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_(
            "To: %(respondent)s, the department handling complaints and personal information"
        )
        % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=evidence_items(request),
        signature=((_("Applicant (signature)"), ""),),
        requests=tuple(items),
    )


KIND = LetterKind(
    code="third_party",
    title=gettext_lazy("Letter to the lender: I am not the borrower"),
    # Its purpose names the law, so it is letters.yaml's.
    letter_title=gettext_lazy("Request to stop contacting me and delete my personal information"),
    file_name="not-the-borrower",
    build=build,
    offered=lambda situation: True,  # whatever happened, their number and their peace are theirs
    perspective="third_party",
    needs_phone=True,  # "delete my number" must say which number
)
