"""The interview's steps, in order, and when each one applies.

The list of steps is computed from the answers so far: one page per person
or group that was contacted, visit-related questions only when there were
visits. Views ask this module which steps apply and which comes next; they
hold no interview logic of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rights_guide.interview.forms import (
    TARGET_CHOICES,
    ContactsForm,
    CostForm,
    LenderForm,
    TacticsForm,
    TargetContactForm,
    WhenForm,
)

TARGET_ORDER = [code for code, _label in TARGET_CHOICES]
TARGET_TITLES = {
    "borrower": _("How did they contact you?"),
    "emergency_contact": _("How did they contact your emergency contact?"),
    "family": _("How did they contact your family?"),
    "friends": _("How did they contact your friends?"),
    "contacts_list": _("How did they contact people in your contact list?"),
    "employer": _("How did they contact your employer?"),
    "colleagues": _("How did they contact your colleagues?"),
    "public": _("How did they expose you in groups or in public?"),
    "minor": _("How did they contact your child?"),
}
VISIT_CHANNELS = {"visit_home", "visit_work"}


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    target: str | None = None

    def make_form(self, answers: Mapping[str, Any], *args, **kwargs) -> forms.Form:
        """The form for this step; some forms depend on earlier answers."""
        if self.slug == "lender":
            return LenderForm(*args, **kwargs)
        if self.slug == "contacts":
            return ContactsForm(*args, **kwargs)
        if self.target is not None:
            return TargetContactForm(*args, target=self.target, **kwargs)
        if self.slug == "tactics":
            return TacticsForm(*args, visits=had_visits(answers), **kwargs)
        if self.slug == "when":
            return WhenForm(*args, **kwargs)
        return CostForm(*args, **kwargs)


LENDER = Step("lender", _("Who is collecting?"))
CONTACTS = Step("contacts", _("Whom did they contact?"))
TACTICS = Step("tactics", _("What did they say or do?"))
WHEN = Step("when", _("When did it happen?"))
COST = Step("cost", _("What does the loan cost?"))
TARGET_STEPS = {
    target: Step("contact-%s" % target.replace("_", "-"), TARGET_TITLES[target], target)
    for target in TARGET_ORDER
}
ALL_STEPS = {
    step.slug: step for step in [LENDER, CONTACTS, *TARGET_STEPS.values(), TACTICS, WHEN, COST]
}


def selected_targets(answers: Mapping[str, Any]) -> list[str]:
    chosen = set(answers.get("contacts", {}).get("targets", []))
    return [target for target in TARGET_ORDER if target in chosen]


def had_visits(answers: Mapping[str, Any]) -> bool:
    for target in selected_targets(answers):
        stored = answers.get(TARGET_STEPS[target].slug, {})
        if VISIT_CHANNELS & set(stored.get("other_channels", [])):
            return True
    return False


def applicable_steps(answers: Mapping[str, Any]) -> list[Step]:
    """The steps this person needs to answer, in order."""
    return [
        LENDER,
        CONTACTS,
        *(TARGET_STEPS[t] for t in selected_targets(answers)),
        TACTICS,
        WHEN,
        COST,
    ]


def first_unanswered(answers: Mapping[str, Any]) -> Step | None:
    for step in applicable_steps(answers):
        if step.slug not in answers:
            return step
    return None


def neighbours(answers: Mapping[str, Any], step: Step) -> tuple[Step | None, Step | None]:
    """The steps before and after this one, given the answers so far."""
    steps = applicable_steps(answers)
    if step not in steps:
        return None, first_unanswered(answers)
    index = steps.index(step)
    before = steps[index - 1] if index > 0 else None
    after = steps[index + 1] if index + 1 < len(steps) else None
    return before, after
