"""The "I'm not the borrower" interview: for the people called about someone else's debt.

The mother, the colleague, the classmate whose number a collector has:
five short pages (who they are to the borrower, the lender if they know it,
how they were contacted and what was said, what else was said or done,
when) make the same assess request as the borrower's interview, told from
the third-party perspective (``perspective: third_party`` with the
``relationship``). The pages are the borrower interview's own forms, asked
in the person's own words (vocabulary.yaml ``third_party``), and the
answers live in their own section of the visitor's case.
"""

from __future__ import annotations

from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from rights_guide.i18n import localized
from rights_guide.interview import store
from rights_guide.interview.detail_forms import DetailsForm, borrower_asks
from rights_guide.interview.flow import Flow, Pages, Step, Stored
from rights_guide.interview.forms import StepForm, TacticsForm, TargetContactForm, WhenForm
from rights_guide.interview.loan_forms import LenderForm
from rights_guide.interview.steps import BORROWER
from rights_guide.knowledge import get_knowledge

CONTACT = "contact"
VISITS = frozenset({"visit_home", "visit_work"})


def offered_relationships() -> list[tuple[str, str]]:
    """Who the interview asks they are to the borrower: every person with words for it."""
    return [
        (target.code, localized(target.called.option))
        for target in get_knowledge().vocabulary.targets
        if target.called is not None and target.called.option is not None
    ]


class RelationshipForm(StepForm):
    relationship = forms.ChoiceField(
        widget=forms.RadioSelect,
        label=_("Who are you to the person who borrowed the money?"),
        help_text=_("If more than one fits, choose the first that does."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relationship"].choices = offered_relationships()

    def fragment(self, stored):
        code = stored.get("relationship")
        return {"perspective": "third_party", "relationship": code} if code else {}


class CalledLenderForm(LenderForm):
    """The borrower's lender, if they know it; "not sure" is already chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["lender_type"]
        field.label = _("Who lent the borrower the money, if you know?")
        field.help_text = _(
            "If they named a bank, an app or a company, choose that kind. Otherwise leave “I'm not sure”."
        )


def relationship(answers: Stored) -> str | None:
    """Who they are to the borrower, once answered (a code the vocabulary knows)."""
    code = answers.get("relationship", {}).get("relationship")
    return code if code in get_knowledge().vocabulary.relationships else None


def _visited(answers: Stored) -> bool:
    return bool(VISITS & set(answers.get(CONTACT, {}).get("other_channels") or []))


def detail_asks(answers: Stored) -> tuple[str, ...]:
    """What the person's answers make worth asking: always whether the borrower has died (heirs
    answer within the estate), and the follow-ups a borrower would be asked."""
    code = relationship(answers)
    home = "visit_home" in (answers.get(CONTACT, {}).get("other_channels") or [])
    tactics = list(answers.get("tactics", {}).get("tactics", []))
    return (*borrower_asks([code] if code else [], tactics, home), "borrower_died")


def _detail_kwargs(answers: Stored) -> dict:
    code = relationship(answers)
    context = {"perspective": "third_party", "relationship": code} if code else {}
    return {"asks": detail_asks(answers), "context": context}


@cache
def _steps(version: str) -> tuple[Step, ...]:
    return (
        Step("relationship", _("Who are you to the borrower?"), RelationshipForm),
        Step("lender", _("Who lent the money?"), CalledLenderForm),
        Step(
            CONTACT,
            _("How did they contact you?"),
            TargetContactForm,
            applies=lambda answers: relationship(answers) is not None,
            form_kwargs=lambda answers: {"target": relationship(answers), "called": True},
        ),
        Step(
            "tactics",
            _("What else did they say or do?"),
            TacticsForm,
            form_kwargs=lambda answers: {"visits": _visited(answers)},
        ),
        Step(
            "details",
            _("A few more details"),
            DetailsForm,
            applies=lambda answers: relationship(answers) is not None,
            form_kwargs=_detail_kwargs,
        ),
        Step("when", _("When did it happen?"), WhenForm),
    )


def all_steps() -> dict[str, Step]:
    return {step.slug: step for step in _steps(get_knowledge().version)}


THIRD_PARTY = Flow(
    perspective="third_party",
    steps=all_steps,
    pages=Pages(
        start="third_party_start",
        step="third_party_step",
        review="third_party_review",
        results="third_party_results",
        restart="third_party_restart",
    ),
    answers_section=store.THIRD_PARTY_ANSWERS,
    drafts_section=store.THIRD_PARTY_DRAFTS,
    base={"lender_type": "unknown", "perspective": "third_party"},
)


def flow_for(perspective: str) -> Flow:
    """The interview told from this perspective (a letter kind's, say)."""
    return THIRD_PARTY if perspective == "third_party" else BORROWER
