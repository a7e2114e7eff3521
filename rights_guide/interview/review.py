"""Plain-language read-back of every answer, for the review page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from rights_guide.interview.flow import Flow
from rights_guide.interview.steps import BORROWER


def _display(field: forms.Field, value: Any) -> str:
    """The answer as plain text (the template escapes it once): labels, never markup."""
    if isinstance(value, bool):  # a checkbox, such as "I don't remember"
        return _("Yes") if value else _("No")
    if value in (None, "", []):
        return _("No answer")
    choices = getattr(field, "plain_choices", None) or dict(getattr(field, "choices", []) or [])
    if isinstance(value, list):
        labels = [str(choices.get(item, item)) for item in value]
        return _(", ").join(labels) if labels else _("None")
    if choices:
        return str(choices.get(value, value))
    return str(value)


def describe(answers: Mapping[str, Any], flow: Flow = BORROWER) -> list[dict[str, Any]]:
    """Each applicable step with its question/answer pairs (hint text stripped from options)."""
    sections = []
    for step in flow.applicable(answers):
        stored = answers.get(step.slug)
        form = step.make_form(answers)
        rows = []
        if stored is not None:
            for name, field in form.fields.items():
                rows.append({"label": str(field.label), "value": _display(field, stored.get(name))})
        sections.append({"step": step, "rows": rows, "answered": stored is not None})
    return sections
