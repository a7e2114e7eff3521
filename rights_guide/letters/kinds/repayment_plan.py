"""Here is what I can pay (还款协商申请): the situation, a monthly amount, and what is asked.

A cooperative letter that helps people repay: what changed (in the
borrower's own words and by checkbox), what they can pay each month and
from when, and what they ask for (instalments, a pause on penalty interest,
a lower total, more time). Costs above the cap are refused only when the
engine found a rate above it (letters.yaml ``when_found``, with the
wording, which names the law). For a credit card the card rules' provision
on individual instalment plans is cited at its confidence; for any other
lender it is a proposal, and claims no duty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.formatting import format_date, format_yuan
from rights_guide.letters.choices import Amount, ChoiceSet, Day, Option, Text, Ticks
from rights_guide.letters.drafting import (
    Draft,
    Section,
    complainant_rows,
    lines,
    numbered_items,
    respondent_rows,
)
from rights_guide.letters.facts import sentence_join
from rights_guide.letters.kinds.base import LetterKind
from rights_guide.letters.legal import request_due

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest

SITUATIONS = (
    Option("job_loss", gettext_lazy("I lost my job"), gettext_lazy("I have lost my job.")),
    Option(
        "illness",
        gettext_lazy("Illness (mine or my family's)"),
        gettext_lazy(
            "I, or someone in my family, have fallen ill, and medical costs have gone up."
        ),
    ),
    Option(
        "income_drop", gettext_lazy("My income has fallen"), gettext_lazy("My income has fallen.")
    ),
    Option(
        "business_loss",
        gettext_lazy("My business is losing money or has closed"),
        gettext_lazy("My business is losing money or has closed."),
    ),
    Option(
        "family_costs",
        gettext_lazy("Heavy family costs (children, parents, care)"),
        gettext_lazy("I support family members, which takes much of what I earn."),
    ),
)
ASKS = (
    Option(
        "instalments",
        gettext_lazy("Pay the balance in monthly instalments"),
        gettext_lazy("Let me repay the balance in monthly instalments of that amount."),
    ),
    Option(
        "pause_penalty",
        gettext_lazy("No penalty interest or late fees while I keep to the plan"),
        gettext_lazy("Stop charging penalty interest and late fees while I keep to the plan."),
    ),
    Option(
        "lower_total",
        gettext_lazy("A lower total (penalty interest and fees waived)"),
        gettext_lazy(
            "Reduce the total I must repay, for example by waiving penalty interest and fees "
            "already charged."
        ),
    ),
    Option(
        "more_time",
        gettext_lazy("More time to repay"),
        gettext_lazy("Give me more time to repay, so that each payment fits what I can afford."),
    ),
)
CHOICES = ChoiceSet(
    field="repayment",
    heading=gettext_lazy("What can you pay?"),
    intro=gettext_lazy(
        "The letter explains what has changed and proposes what you can keep paying. Choose an "
        "amount you can really manage every month: a plan you keep is worth more than a promise "
        "you cannot."
    ),
    parts=(
        Ticks(
            "situation",
            gettext_lazy("What has changed? Tick all that apply."),
            options=SITUATIONS,
        ),
        Text(
            "situation_text",
            gettext_lazy("In your own words (optional)"),
            help_text=gettext_lazy(
                "A few sentences, for example when you expect your income to recover."
            ),
            max_length=1000,
            max_lines=15,
        ),
        Amount(
            "monthly_yuan",
            gettext_lazy("How much can you pay each month, in yuan?"),
            help_text=gettext_lazy("For example 800."),
            required=True,
            minimum=1,
            maximum=10_000_000,
        ),
        Day(
            "start",
            gettext_lazy("From when?"),
            help_text=gettext_lazy("The date of the first payment, for example 2027-01-01."),
            required=True,
            latest_days=731,  # a plan starts within about two years
        ),
        Ticks("asks", gettext_lazy("What do you ask for? Tick all that apply."), options=ASKS),
    ),
)

# What a borrower can show for each situation, if they have it.
PROOF = {
    "job_loss": gettext_lazy("A document showing I lost my job, such as a termination notice"),
    "illness": gettext_lazy("Medical records or hospital bills"),
    "income_drop": gettext_lazy("Bank statements or payslips showing my income now"),
    "business_loss": gettext_lazy("Records showing the business's losses or closure"),
    "family_costs": gettext_lazy("Documents showing the family members I support"),
}


def time_barred(request: LetterRequest) -> bool:
    """Three years or more without a payment or demand: the limitation period may have run,
    and agreeing to pay would give up that defence (民法典 192, 诉讼时效规定 19), so the
    letter acknowledges nothing and promises nothing (legal review 2026-12, G-02)."""
    return request.answers.may_be_time_barred


def situation_text(request: LetterRequest) -> str:
    """What changed: the ticked situations as sentences, then the borrower's own words."""
    plan = request.choices
    if time_barred(request):
        opening = _(
            "I, %(name)s, am writing about the debt you are collecting from me. Nothing in this "
            "letter acknowledges that debt or promises to pay it: I keep every defence, "
            "including that the limitation period has run."
        ) % {"name": request.complainant.name}
    else:
        opening = _(
            "I, %(name)s, am a borrower of yours. I want to repay my debt, but I cannot keep to "
            "the payments as they stand."
        ) % {"name": request.complainant.name}
    if plan is None:
        return opening
    ticked = CHOICES.part("situation").letter_words(plan.situation)
    return lines(
        sentence_join([opening, *ticked]),
        plan.situation_text or None,
        _("I am writing to ask what you would propose; I will answer only after legal advice.")
        if time_barred(request)
        else _("I am writing to agree a repayment plan that I can keep to."),
    )


def request_items(request: LetterRequest, assessment: Assessment) -> dict[str, str]:
    """Each request by its code (letters.yaml gives the bases of those that have one)."""
    plan = request.choices
    language = request.language
    items = {}
    if plan is not None:
        words = (
            _(
                "Only if we reach a written agreement, and without acknowledging the debt, I "
                "would consider a plan of %(amount)s a month, starting on %(start)s."
            )
            if time_barred(request)
            else _("I can pay %(amount)s a month, starting on %(start)s.")
        )
        items["plan"] = words % {
            "amount": format_yuan(plan.monthly_yuan, language),
            "start": format_date(plan.start, language),
        }
        for code, words in zip(
            plan.asks, CHOICES.part("asks").letter_words(plan.asks), strict=True
        ):
            items[code] = words
    for code in ("void_contract", "above_cap", "above_licensed_line"):
        law = KIND.law.request(code)
        if code == "above_cap" and "void_contract" in items:
            continue  # conceding interest up to the cap would concede what is not owed (G-03)
        if law is not None and law.text is not None and request_due(law, assessment):
            items[code] = law.text.get(language)  # it names the law: letters.yaml's words
    items["schedule"] = _(
        "Send me the balance and the plan you agree to in writing, with the amount and date of "
        "each payment."
    )
    items["reply"] = (
        _("Reply to me in writing within 15 days of receiving this letter.")
        if assessment.licensed
        else _(
            "Reply to me in writing within a reasonable time, for example within 15 days of "
            "receiving this letter."
        )
    )
    return items


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = request_items(request, assessment)
    plan = request.choices
    proof = [str(PROOF[code]) for code in plan.situation] if plan else []
    texts = {
        "facts": situation_text(request),
        "requests": lines(numbered_items(list(items.values()), request)),
        "closing": lines(
            _(
                "This letter is not an agreement to pay and does not acknowledge the debt. I will "
                "decide only after I have your written answer and legal advice."
            )
            if time_barred(request)
            else _(
                "I want to repay and to stay in touch with you. I will pay only through your "
                "official channels and keep the receipts."
            ),
            _(
                "While we agree the plan, please contact only me, and in writing where you can. "
                "This proposal does not accept any amount beyond what I lawfully owe."
            ),
        ),
    }
    sections = (
        Section("party", _("Borrower"), rows=complainant_rows(request)),
        Section("party", _("Recipient"), rows=respondent_rows(request)),
        Section("text", _("My situation"), name="facts"),
        Section("text", _("My proposal"), name="requests"),
        Section("legal", name="bases"),
        *([Section("evidence", _("Documents I can provide"))] if proof else []),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: %(respondent)s") % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=proof,
        signature=((_("Borrower (signature)"), ""),),
        requests=tuple(code for code in items if KIND.law.request(code) is not None),
    )


KIND = LetterKind(
    code="repayment_plan",
    title=gettext_lazy("Here is what I can pay: a repayment proposal"),
    plain_purpose=gettext_lazy(
        "Explains what has changed, says what you can pay each month and from when, and asks "
        "for instalments, a pause on penalty interest, a lower total or more time. It is "
        "written to agree a plan, not to complain."
    ),
    letter_title=gettext_lazy("Application to agree a repayment plan"),
    file_name="repayment-plan",
    build=build,
    offered=lambda situation: True,  # repaying is half of what borrowers ask for, lawful or not
    choices=CHOICES,
    follow_up=("lender",),
    follow_up_hint=gettext_lazy("No answer in time? Then send:"),
    complaint=False,
)
