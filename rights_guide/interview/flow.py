"""An interview: its steps, where its answers live in the case, and which pages show it.

There are two, told from two perspectives over the same engine: the
borrower's (steps.py) and that of someone called about another person's
debt (called.py). Both are a ``Flow``: a declarative list of ``Step`` s,
each with its condition and the arguments its form takes from earlier
answers, and the one door to the engine, ``request``, which joins every
applicable step's part into the same data the JSON API takes. Their answers
are kept in separate sections of the visitor's case, so one person's
answers never mix with the other's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms

from rights_guide.assessment import Answers, parse_answers
from rights_guide.cases.store import VisitorCase
from rights_guide.interview import store

Stored = Mapping[str, Any]  # stored answers: each step's cleaned data under its slug


def _always(answers: Stored) -> bool:
    return True


def _nothing(answers: Stored) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # lazy: shown in the language of the page
    form: type[forms.Form]
    applies: Callable[[Stored], bool] = _always
    form_kwargs: Callable[[Stored], dict[str, Any]] = field(default=_nothing)

    def make_form(self, answers: Stored, *args, **kwargs) -> forms.Form:
        """The form for this step; some forms depend on earlier answers."""
        return self.form(*args, **self.form_kwargs(answers), **kwargs)


@dataclass(frozen=True)
class Pages:
    """The URL names of a flow's pages (the step page takes the step's slug)."""

    start: str
    step: str
    review: str
    results: str
    restart: str


@dataclass(frozen=True)
class Flow:
    """One interview, from one perspective."""

    perspective: str  # the API's perspective its answers are told from
    steps: Callable[[], dict[str, Step]]  # every step by slug, in order
    pages: Pages
    answers_section: str = store.ANSWERS  # where its answers live in the case
    drafts_section: str = store.DRAFTS
    base: Mapping[str, Any] = field(default_factory=lambda: {"lender_type": "unknown"})

    def stored(self, case: VisitorCase) -> dict[str, Any]:
        return store.stored_answers(case, section=self.answers_section)

    def save_step(self, case: VisitorCase, slug: str, cleaned: Mapping[str, Any]) -> None:
        store.save_step(
            case, slug, cleaned, section=self.answers_section, drafts=self.drafts_section
        )

    def save_draft(self, case: VisitorCase, slug: str, form: forms.Form) -> None:
        store.save_draft(case, slug, form, drafts=self.drafts_section)

    def draft(self, case: VisitorCase, slug: str) -> dict[str, Any] | None:
        return store.draft(case, slug, drafts=self.drafts_section)

    def applicable(self, answers: Stored) -> list[Step]:
        """The steps this person needs to answer, in order."""
        return [step for step in self.steps().values() if step.applies(answers)]

    def first_unanswered(self, answers: Stored) -> Step | None:
        for step in self.applicable(answers):
            if step.slug not in answers:
                return step
        return None

    def done(self, case: VisitorCase) -> bool:
        return self.first_unanswered(self.stored(case)) is None

    def neighbours(self, answers: Stored, step: Step) -> tuple[Step | None, Step | None]:
        """The steps before and after this one, given the answers so far."""
        steps = self.applicable(answers)
        if step not in steps:
            return None, self.first_unanswered(answers)
        index = steps.index(step)
        before = steps[index - 1] if index > 0 else None
        after = steps[index + 1] if index + 1 < len(steps) else None
        return before, after

    def request(self, answers: Stored) -> dict[str, Any]:
        """The assess request (docs/api.md) the answers make: the same data the API takes.

        Answers to steps that no longer apply (a person unticked later) are
        kept in the case but left out here.
        """
        request: dict[str, Any] = {**self.base, "events": []}
        for step in self.applicable(answers):
            stored = answers.get(step.slug)
            if stored is None:
                continue
            part = step.make_form(answers).fragment(stored)
            request["events"].extend(part.pop("events", []))
            request.update(part)
        return request

    def to_answers(self, answers: Stored, *, today: datetime.date) -> Answers:
        """The engine's input for what the pages collected, through the API's parser."""
        return parse_answers(self.request(answers), today=today)
