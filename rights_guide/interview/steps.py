"""The interview's steps: one declarative list, and what the answers so far make of it.

Each step has its slug, its title, its form, the condition under which it
applies and the arguments its form takes from earlier answers: the shape
of django-formtools' ``form_list`` and ``condition_dict``, without its
session storage (answers live in the visitor's case, and every page works
with plain posts and redirects). There is one page per person or group
contacted, in the vocabulary's order, and the visit-related questions
appear only when someone came in person. What the kind of lender leaves
open (an app's funder, a bank's card or loan) is asked on a page of its
own after the lender, and the day the contract was made only after a rate, when the
lender is not known to be licensed: then it decides the interest limit.

``request_from_answers`` is the one door from the pages to the engine: it
joins every applicable step's part of the request into the same data the
JSON API takes, and ``to_answers`` reads it with the API's own parser.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from rights_guide.assessment import Answers, parse_answers
from rights_guide.assessment.engine import effective_licence
from rights_guide.i18n import localized
from rights_guide.interview.detail_forms import DetailsForm, borrower_asks
from rights_guide.interview.flow import Flow, Pages, Step, Stored
from rights_guide.interview.forms import (
    ContactsForm,
    TacticsForm,
    TargetContactForm,
    WhenForm,
)
from rights_guide.interview.loan_forms import (
    ContractDateForm,
    CostForm,
    FunderForm,
    LenderForm,
    ProductForm,
    asks_licence,
    asks_product,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.vocabulary import LenderType

__all__ = [
    "BORROWER",
    "Step",
    "Stored",
    "all_steps",
    "applicable_steps",
    "first_unanswered",
    "neighbours",
    "request_from_answers",
    "to_answers",
]


def target_slug(target: str) -> str:
    return "contact-%s" % target.replace("_", "-")


def selected_targets(answers: Stored) -> list[str]:
    chosen = set(answers.get("contacts", {}).get("targets", []))
    return [code for code in get_knowledge().vocabulary.targets.codes if code in chosen]


def had_visits(answers: Stored) -> bool:
    """Someone came in person: the tactics page then asks about refusing to leave."""
    visits = {"visit_home", "visit_work"}
    return any(
        visits & set(answers.get(target_slug(target), {}).get("other_channels", []))
        for target in selected_targets(answers)
    )


def visited_home(answers: Stored) -> bool:
    """Someone came to the home (refusing to leave it then raises "inside or at the door?")."""
    return any(
        "visit_home" in answers.get(target_slug(target), {}).get("other_channels", [])
        for target in selected_targets(answers)
    )


def detail_asks(answers: Stored) -> tuple[str, ...]:
    """The follow-up questions the answers so far make matter (detail_forms.py)."""
    tactics = list(answers.get("tactics", {}).get("tactics", []))
    return borrower_asks(selected_targets(answers), tactics, visited_home(answers))


def chosen_lender(answers: Stored) -> LenderType | None:
    """The kind of lender chosen on the first page; None before it is answered."""
    code = answers.get("lender", {}).get("lender_type")
    return get_knowledge().vocabulary.lender_types.get(code) if code else None


def funder_left_open(answers: Stored) -> bool:
    """The kind of lender chosen (an app, "not sure") leaves its licence to be asked."""
    kind = chosen_lender(answers)
    return kind is not None and asks_licence(kind)


def product_left_open(answers: Stored) -> bool:
    """The kind of lender chosen (a bank) has more than one product: card or loan."""
    kind = chosen_lender(answers)
    return kind is not None and asks_product(kind)


def _lender_kwargs(answers: Stored) -> dict[str, Any]:
    kind = chosen_lender(answers)
    return {"lender_type": kind.code if kind else "unknown"}


def _part(answers: Stored, slug: str) -> dict[str, Any]:
    """One step's part of the request, if it applies and was answered."""
    step = all_steps()[slug]
    stored = answers.get(slug)
    if stored is None or not step.applies(answers):
        return {}
    return step.make_form(answers).fragment(stored)


def contract_date_matters(answers: Stored) -> bool:
    """A rate was given and the lender is not known to be licensed: the limit depends on the date.

    Whether it is licensed is the engine's own ``effective_licence`` over the
    lender pages' answers, read by the API's parser.
    """
    if "annual_rate_percent" not in _part(answers, "cost"):
        return False
    lender = {
        "lender_type": "unknown",
        **_part(answers, "lender"),
        **_part(answers, "funder"),
    }
    facts = parse_answers(lender, today=datetime.date.today())
    return effective_licence(facts, get_knowledge()) is not True


def _target_step(code: str, title) -> Step:
    return Step(
        target_slug(code),
        localized(title),
        TargetContactForm,
        applies=lambda answers: code in selected_targets(answers),
        form_kwargs=lambda answers: {"target": code},
    )


@cache
def _steps(version: str) -> tuple[Step, ...]:
    targets = get_knowledge().vocabulary.targets
    return (
        Step("lender", _("Who is collecting?"), LenderForm),
        Step("funder", _("Who put up the money?"), FunderForm, funder_left_open, _lender_kwargs),
        Step("card-or-loan", _("Card or loan?"), ProductForm, product_left_open, _lender_kwargs),
        Step("contacts", _("Whom did they contact?"), ContactsForm),
        *(_target_step(target.code, target.step_title) for target in targets),
        Step(
            "tactics",
            _("What did they say or do?"),
            TacticsForm,
            form_kwargs=lambda answers: {"visits": had_visits(answers)},
        ),
        Step(
            "details",
            _("A few more details"),
            DetailsForm,
            applies=lambda answers: bool(detail_asks(answers)),
            form_kwargs=lambda answers: {"asks": detail_asks(answers)},
        ),
        Step("when", _("When did it happen?"), WhenForm),
        Step("cost", _("What does the loan cost?"), CostForm),
        Step(
            "contract-date",
            _("When did you borrow?"),
            ContractDateForm,
            applies=contract_date_matters,
            form_kwargs=lambda answers: {
                "conduct_date": _part(answers, "when").get("conduct_date")
            },
        ),
    )


def all_steps() -> dict[str, Step]:
    """Every step by slug, in order (one per kind of person in the vocabulary)."""
    return {step.slug: step for step in _steps(get_knowledge().version)}


BORROWER = Flow(
    perspective="borrower",
    steps=all_steps,
    pages=Pages(
        start="interview_start",
        step="interview_step",
        review="interview_review",
        results="results",
        restart="interview_restart",
    ),
)


def applicable_steps(answers: Stored) -> list[Step]:
    """The steps this person needs to answer, in order."""
    return BORROWER.applicable(answers)


def first_unanswered(answers: Stored) -> Step | None:
    return BORROWER.first_unanswered(answers)


def neighbours(answers: Stored, step: Step) -> tuple[Step | None, Step | None]:
    """The steps before and after this one, given the answers so far."""
    return BORROWER.neighbours(answers, step)


def request_from_answers(answers: Stored) -> dict[str, Any]:
    """The assess request (docs/api.md) the interview's answers make: the same data the API takes.

    Answers to steps that no longer apply (a person unticked later) are kept
    in the case but left out here.
    """
    return BORROWER.request(answers)


def to_answers(answers: Stored, *, today: datetime.date) -> Answers:
    """The engine's input for what the interview pages collected, through the API's parser."""
    return BORROWER.to_answers(answers, today=today)
