"""Show me the debt (债务明细与身份核实): who the creditor is, who is collecting, and what is owed.

Sent to the lender, or to the collector who called, before anything is
escalated: the creditor's full name (and the funder behind an app), the
collector's company and its authorisation, the contract, and an itemised
statement. It says plainly that the borrower is not refusing to pay. What
each request rests on is letters.yaml's: the borrower's rights over their
own data, and for a private lender the cap by the contract date; a request
with no verified duty behind it is asked without claiming one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.letters import facts
from rights_guide.letters.drafting import (
    Draft,
    Section,
    complainant_rows,
    lines,
    log_paragraph,
    numbered_items,
    regulator_names,
    respondent_rows,
)
from rights_guide.letters.kinds.base import LetterKind
from rights_guide.letters.legal import request_due

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest


def statement_items() -> list[str]:
    """What an itemised statement shows, in the order a borrower checks it."""
    return [
        _("the principal actually paid out to me and the date"),
        _("the interest"),
        _("the penalty interest"),
        _("every fee"),
        _("any guarantee or membership fees and insurance premiums"),
        _("what I have already repaid and when"),
        _("the balance now"),
        _("the comprehensive annual cost of the loan"),
    ]


def request_items(request: LetterRequest, assessment: Assessment) -> dict[str, str]:
    """Each request by its code in letters.yaml (which gives its bases), in the order asked."""
    language = request.language
    items = {
        "creditor": _(
            "Tell me the full name of the creditor of this debt. If the loan was made through an "
            "app or platform, also tell me the full name of the institution that actually lent "
            "the money."
        ),
        "collector": _(
            "If a collection company is collecting this debt, tell me its full name and contact "
            "details, and show me the creditor's written authorisation for it to collect from me."
        ),
        "contract": _(
            "Give me a copy of the loan contract and of any other agreement I signed with it, "
            "such as a guarantee, insurance or membership agreement."
        ),
        "statement": _("Give me an itemised statement of the debt, showing %(items)s.")
        % {"items": facts.join_items(statement_items())},
        # The limitation period runs from the due date and restarts with each demand that
        # reached the debtor (民法典 188, 195; 诉讼时效规定 8): these dates decide it.
        "dates": _(
            "Tell me the date of my last payment, and the date and means (call, text, letter or "
            "other) of each demand for payment you say was made to me."
        ),
    }
    rate = KIND.law.request("rate_check")
    if (
        assessment.licensed is False  # the private-lending cap governs unlicensed lenders
        and rate is not None
        and rate.text is not None
        and request_due(rate, assessment)
    ):
        items["rate_check"] = rate.text.get(language)  # it names the law: letters.yaml's
    items["reply"] = (
        _("Send me these in writing within 15 days of receiving this letter.")
        if assessment.licensed
        else _(
            "Send me these in writing within a reasonable time, for example within 15 days of "
            "receiving this letter."
        )
    )
    return items


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = request_items(request, assessment)
    regulators = regulator_names(request)
    texts = {
        "facts": lines(
            _(
                "I, %(name)s, am being asked by %(respondent)s to repay a debt. Before I can deal "
                "with it, I need to know exactly what is owed, to whom, and who is collecting it."
            )
            % {"name": request.complainant.name, "respondent": request.respondent},
            log_paragraph(request),
        ),
        "requests": lines(numbered_items(list(items.values()), request)),
        "closing": lines(
            _(
                "This letter asks for information only. It does not acknowledge the debt or "
                "promise to pay it, and I keep every defence, including that the limitation "
                "period has run."
            )
            if request.answers.may_be_time_barred
            else _(
                "I am not refusing to pay. Once I know what I owe and to whom, I will deal with "
                "the debt through your official channels."
            ),
            _(
                "Until then, please do not pass my personal information to anyone who cannot "
                "show the creditor's authorisation."
            ),
            _("If I receive no answer in time, I will raise it with %(regulators)s.")
            % {"regulators": facts.join_items(regulators)}
            if regulators
            else None,
        ),
    }
    sections = (
        Section("party", _("Borrower"), rows=complainant_rows(request)),
        Section("party", _("Recipient"), rows=respondent_rows(request)),
        Section("text", _("Why I am writing"), name="facts"),
        Section("incidents", _("Record of the collection contacts")),
        Section("text", _("What I ask you to send me"), name="requests"),
        Section("legal", name="bases"),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: %(respondent)s") % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=[],
        signature=((_("Borrower (signature)"), ""),),
        requests=tuple(code for code in items if KIND.law.request(code) is not None),
    )


KIND = LetterKind(
    code="debt_details",
    title=gettext_lazy("Show me the debt: details and who is collecting"),
    plain_purpose=gettext_lazy(
        "Asks who the creditor is (and who really lent the money behind an app), which company "
        "is collecting and on whose authority, for a copy of the contract and for an itemised "
        "statement. It says you are not refusing to pay."
    ),
    letter_title=gettext_lazy("Request for the details of my debt and of who is collecting it"),
    file_name="debt-details-request",
    build=build,
    offered=lambda situation: True,  # knowing what is owed helps whatever happened
    choices=None,
    follow_up=("lender", "pi_request"),
    follow_up_hint=gettext_lazy("No answer in time? Then send:"),
    complaint=False,
)
