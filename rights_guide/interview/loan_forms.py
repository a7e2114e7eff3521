"""The interview's questions about the loan itself: who lent it, what it costs, when it was made.

Everyone is asked who lent the money and what it costs. What the kind of
lender leaves open (vocabulary.yaml: ``licensed: ask``, more than one of
``products``) is asked right after it, one short page per question:
without JavaScript a follow-up cannot appear under the answer that calls
for it, and a page answered for one kind of lender is not taken as an
answer to the other's question when the lender is changed. The day the
contract was made is asked only where it decides the interest limit
(steps.py says when). Like every step form, these only lay out questions
and translate the answers into the API's fields (forms.StepForm); the
engine's parser judges them.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.i18n import localized
from rights_guide.interview.forms import (
    NO,
    UNSURE,
    YES,
    StepForm,
    as_date,
    as_number,
    set_hinted_choices,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.vocabulary import LenderType

LICENSED = {YES: True, NO: False}  # "I don't know" sends nothing: not known
# The words for each product a kind of lender can have (knowledge.model.PRODUCTS).
PRODUCT_OPTIONS = {
    "credit_card": gettext_lazy("Credit card"),
    "loan": gettext_lazy("A loan (including a consumer loan applied for online)"),
}


def asks_licence(kind: LenderType) -> bool:
    """Whether the borrower is asked if the lender (or an app's funder) is licensed."""
    return kind.implied_licence is None


def asks_product(kind: LenderType) -> bool:
    """Whether the borrower is asked what the debt is (a bank's card or loan)."""
    return len(kind.products) > 1


class LenderForm(StepForm):
    lender_type = forms.ChoiceField(
        widget=forms.RadioSelect, label=gettext_lazy("Who lent you the money?")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_hinted_choices(
            self.fields["lender_type"],
            [
                (lender.code, localized(lender.option), localized(lender.hint))
                for lender in get_knowledge().vocabulary.lender_types
            ],
        )
        self.fields["lender_type"].initial = "unknown"

    def fragment(self, stored):
        return {"lender_type": stored.get("lender_type") or "unknown"}


class FunderForm(StepForm):
    """Whether the lender named in the contract or the app (the funder) is licensed.

    Asked when the kind of lender leaves it open (an app, "I'm not sure");
    "I don't know" is the answer already chosen, and sends nothing.
    """

    licensed = forms.ChoiceField(
        choices=[
            (YES, gettext_lazy("Yes")),
            (NO, gettext_lazy("No, a person or a company without a licence")),
            (UNSURE, gettext_lazy("I don't know")),
        ],
        initial=UNSURE,
        widget=forms.RadioSelect,
        required=False,
        label=gettext_lazy(
            "Is the lender named in the contract or the app (the funder, 资金方) a licensed financial institution, such as a bank, a consumer-finance company or a microloan company?"
        ),
        help_text=gettext_lazy(
            "The contract gives its full name on the “lender” line (贷款人 or 出借人). In an app, look in the loan's details for the contract, or for a line called 资金方 or 放款机构. A name with “银行”, “消费金融”, “小额贷款”, “信托” or “汽车金融” in it is a licensed institution, as are pawnshops and finance-leasing companies. A name with “融资担保” (a guarantee company) or “信息”, “科技” or “咨询” (a technology or information firm) is not the funder. If unsure, choose “I don't know”."
        ),
    )

    def __init__(self, *args, lender_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = {"lender_type": lender_type}  # a licence it implies is never contradicted

    def fragment(self, stored):
        value = stored.get("licensed")
        return {"licensed": LICENSED[value]} if value in LICENSED else {}


class ProductForm(StepForm):
    """What the debt is, when the kind of lender has more than one product (a bank's card or loan)."""

    product = forms.ChoiceField(
        initial=UNSURE,
        widget=forms.RadioSelect,
        required=False,
        label=gettext_lazy("Is this debt a credit card or a loan?"),
    )

    def __init__(self, *args, lender_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = get_knowledge().vocabulary.lender_types[lender_type]
        self.context = {"lender_type": lender_type}
        self.fields["product"].choices = [
            *((code, PRODUCT_OPTIONS[code]) for code in self.kind.products),
            (UNSURE, gettext_lazy("Not sure")),
        ]

    def fragment(self, stored):
        value = stored.get("product")
        return {"product": value} if value in self.kind.products else {}


class CostForm(StepForm):
    annual_rate_percent = forms.CharField(
        label=gettext_lazy("Annual cost of the loan in percent, if you know it (optional)"),
        help_text=gettext_lazy(
            "Loan apps and contracts show it as “综合年化成本” or an annual rate. Leave empty if you don't know."
        ),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    last_payment_or_demand_date = forms.CharField(
        label=gettext_lazy(
            "Before these contacts, when did you last pay anything, or last get a demand for "
            "payment? (optional)"
        ),
        help_text=gettext_lazy(
            "As year-month-day, for example 2022-03-01. After three years with neither, the "
            "debt may be time-barred, and you should not acknowledge it before taking advice."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def fragment(self, stored):
        rate = as_number(str(stored.get("annual_rate_percent") or "").rstrip("%").strip())
        part = {} if rate == "" else {"annual_rate_percent": rate}
        last = as_date(stored.get("last_payment_or_demand_date"))
        if last:
            part["last_payment_or_demand_date"] = last
        return part

    def clean(self):
        data = super().clean()
        last = as_date(data.get("last_payment_or_demand_date"))
        if last and not self.has_error("last_payment_or_demand_date"):
            data["last_payment_or_demand_date"] = last  # 2022-03-01, which the field shows again
        return data


class ContractDateForm(StepForm):
    """The day the loan contract was made, or "I don't remember" (then no date is sent).

    One of the two is needed: the page is shown only because the answer
    changes the result. A ticked "I don't remember" wins over a date typed
    as well, so a guess never decides the limit.
    """

    contract_date = forms.CharField(
        label=gettext_lazy(
            "When was the loan contract made? (For a loan between people, usually the day the money arrived.)"
        ),
        help_text=gettext_lazy(
            "As year-month-day, for example 2022-03-01. The date decides which interest limit applies."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contract_date_unknown = forms.BooleanField(
        label=gettext_lazy("I don't remember"), required=False
    )

    def __init__(self, *args, conduct_date: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The contract cannot be younger than the collection (contract_after_conduct).
        if conduct_date:
            self.context = {"conduct_date": conduct_date}

    def fragment(self, stored):
        if stored.get("contract_date_unknown"):
            return {}
        value = as_date(stored.get("contract_date"))
        return {"contract_date": value} if value else {}

    def clean(self):
        data = super().clean()
        typed = as_date(data.get("contract_date"))
        if data.get("contract_date_unknown"):
            data["contract_date"] = ""
        elif typed:
            data["contract_date"] = typed  # 2022-03-01, which the date field shows again
        elif not self.has_error("contract_date"):
            self.add_error(
                "contract_date",
                _("Enter the day the contract was made, or tick “I don't remember”."),
            )
        return data
