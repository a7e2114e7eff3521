"""The follow-up facts a few answers call for, on one short page after what was said or done.

The law turns on some facts only in some stories (legal review 2026-12): when
a guarantee was signed and how it is worded, whether an insult was public,
whether visitors came inside the home or stayed at the door, how much an
extra fee was, how old a child contacted is, and, for someone called about
another person's debt, whether the borrower has died. The page asks only the
questions the earlier answers make matter (``asks``), and only when there is
at least one. Every question can be left blank or answered "not sure", which
sends nothing: the engine then cites what rests on it as conditional.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from rights_guide.interview.forms import NO, UNSURE, YES, StepForm, as_date, as_number

YES_NO = {YES: True, NO: False}  # "not sure" sends nothing: not known
# Every question this page can ask, in the order it asks them.
QUESTIONS = (
    "guarantee_date",
    "guarantee_wording",
    "insult_public",
    "came_inside",
    "extra_fee_yuan",
    "child_age_band",
    "borrower_died",
)
DATES = ("guarantee_date",)
BOOLEANS = ("insult_public", "came_inside", "borrower_died")
CHOICES = ("guarantee_wording", "child_age_band")


def _yes_no_unsure() -> list[tuple[str, object]]:
    return [
        (YES, gettext_lazy("Yes")),
        (NO, gettext_lazy("No")),
        (UNSURE, gettext_lazy("Not sure")),
    ]


def _fields() -> dict[str, forms.Field]:
    date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return {
        "guarantee_date": forms.CharField(
            label=gettext_lazy("When was the guarantee signed? (optional)"),
            help_text=gettext_lazy(
                "As year-month-day, for example 2019-05-01. A guarantee signed before 2021 "
                "follows older rules."
            ),
            required=False,
            widget=date,
        ),
        "guarantee_wording": forms.ChoiceField(
            label=gettext_lazy("What does the guarantee say about the kind of guarantee?"),
            choices=[
                ("joint", gettext_lazy("Joint and several liability (连带责任保证)")),
                ("general", gettext_lazy("General guarantee (一般保证)")),
                (
                    "pays_when_borrower_does_not",
                    gettext_lazy(
                        "The guarantor pays if the borrower does not, or guarantees "
                        "“unconditionally” (无条件)"
                    ),
                ),
                ("not_stated", gettext_lazy("It does not say")),
                (UNSURE, gettext_lazy("Not sure")),
            ],
            initial=UNSURE,
            widget=forms.RadioSelect,
            required=False,
        ),
        "insult_public": forms.ChoiceField(
            label=gettext_lazy(
                "Were the insults public: in front of other people, in a group chat or online?"
            ),
            choices=_yes_no_unsure(),
            widget=forms.RadioSelect,
            required=False,
        ),
        "came_inside": forms.ChoiceField(
            label=gettext_lazy(
                "When they would not leave your home, did they come inside, or stay at the door?"
            ),
            choices=[
                (YES, gettext_lazy("They came inside")),
                (NO, gettext_lazy("They stayed at the door or outside")),
                (UNSURE, gettext_lazy("Not sure")),
            ],
            widget=forms.RadioSelect,
            required=False,
        ),
        "extra_fee_yuan": forms.CharField(
            label=gettext_lazy("How much extra money did they demand, in yuan? (optional)"),
            help_text=gettext_lazy("For example 3000. Leave empty if you don't know."),
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        ),
        "child_age_band": forms.ChoiceField(
            label=gettext_lazy("How old is the child they contacted?"),
            choices=[
                ("under_14", gettext_lazy("Under 14")),
                ("14_to_17", gettext_lazy("14 to 17")),
                (UNSURE, gettext_lazy("Not sure")),
            ],
            widget=forms.RadioSelect,
            required=False,
        ),
        "borrower_died": forms.ChoiceField(
            label=gettext_lazy("Has the person who borrowed the money died?"),
            help_text=gettext_lazy(
                "Heirs may have to pay a dead person's debts, but only up to what they inherit."
            ),
            choices=_yes_no_unsure(),
            widget=forms.RadioSelect,
            required=False,
        ),
    }


class DetailsForm(StepForm):
    """The questions in ``asks`` (codes of QUESTIONS), each optional."""

    def __init__(self, *args, asks: tuple[str, ...] = (), context=None, **kwargs):
        super().__init__(*args, **kwargs)
        every = _fields()
        self.fields = {code: every[code] for code in QUESTIONS if code in asks}
        self.context = dict(context or {})

    def fragment(self, stored):
        part = {}
        for code in self.fields:
            value = stored.get(code)
            if code in DATES:
                day = as_date(value)
                if day:
                    part[code] = day
            elif code in BOOLEANS:
                if value in YES_NO:
                    part[code] = YES_NO[value]
            elif code in CHOICES:
                if value and value != UNSURE:
                    part[code] = value
            else:
                amount = as_number(str(value or "").replace("元", "").replace(",", "").strip())
                if amount != "":
                    part[code] = amount
        return part

    def clean(self):
        data = super().clean()
        for code in DATES:
            if code in self.fields and as_date(data.get(code)) and not self.has_error(code):
                data[code] = as_date(data.get(code))  # 2019-05-01, which the date field shows
        return data


def borrower_asks(targets: list[str], tactics: list[str], visited_home: bool) -> tuple[str, ...]:
    """What a borrower's earlier answers make worth asking."""
    asks = []
    if "guarantor" in targets:
        asks += ["guarantee_date", "guarantee_wording"]
    if "insults" in tactics:
        asks.append("insult_public")
    if "refused_to_leave" in tactics and visited_home:
        asks.append("came_inside")
    if "extra_fees" in tactics:
        asks.append("extra_fee_yuan")
    if "minor" in targets:
        asks.append("child_age_band")
    return tuple(asks)
