"""The page where a letter's own choices are made: how to be contacted, or what can be paid.

A few letters need more than the details every letter shares. Their kind
declares what it asks (a ``ChoiceSet``, rights_guide/letters/choices.py),
and this page is made from that declaration: each part becomes form
controls (ticks, a line, a text box, two times, an amount, a date), asked on
one page before the shared details, and kept in the visitor's case in the
API's shape, so the letter is made from exactly what the API would take.
The form only lays out fields: the request's own reader, the API's, judges
them, and each problem is shown next to its field and in the summary, with
everything typed kept. Plain HTML form controls: no JavaScript needed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rights_guide.letters.choices import Amount, ChoiceSet, Day, Hours, Line, Part, Text, Ticks
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.web import store
from rights_guide.letters.web.common import (
    flow_of,
    interview_done,
    known_kind,
    local_today,
    refusal,
    results_url,
)
from rights_guide.messages import error_message, error_summary
from rights_guide.reading import (
    MAX_NUMERAL_DIGITS,
    TOO_LARGE,
    FieldError,
    Reader,
    ascii_digits,
)

AMOUNT_NOISE = re.compile(r"[\s,，¥￥元]")
INDEX = re.compile(r"\[\d+\]")


def choices_url(kind: str) -> str:
    return reverse("letter_choices", args=[kind])


def _field(error: FieldError) -> str:
    return error.field.split(".")[0]


def choices_needed(request: HttpRequest, kind: str, errors: list[FieldError] | None = None) -> bool:
    """Whether this letter's choices must be made first: none kept yet, or ``errors`` in them."""
    choice_set = KINDS[kind].choices
    if choice_set is None:
        return False
    if errors is not None:
        return any(_field(error) == choice_set.field for error in errors)
    return store.choices(request.case, choice_set.field) is None


def _text(label, *, help_text="", widget=None, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=widget or forms.TextInput(attrs=attrs),
    )


def _controls(part: Part) -> dict[str, forms.Field]:
    """The form fields that ask one part, by name (an ``Hours`` part asks two)."""
    if isinstance(part, Ticks):
        return {
            part.name: forms.MultipleChoiceField(
                label=part.label,
                help_text=part.help_text,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(option.code, option.label) for option in part.option_list()],
            )
        }
    if isinstance(part, Hours):
        return {
            part.name + "_" + end: _text(
                label,
                help_text=help_text,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            for end, label, help_text in (
                ("from", part.from_label, part.from_help),
                ("to", part.to_label, part.to_help),
            )
        }
    if isinstance(part, Text):
        return {
            part.name: _text(
                part.label, help_text=part.help_text, widget=forms.Textarea(attrs={"rows": 3})
            )
        }
    if isinstance(part, Amount):
        return {
            part.name: _text(
                part.label, help_text=part.help_text, inputmode="decimal", autocomplete="off"
            )
        }
    if isinstance(part, Day):
        return {
            part.name: _text(
                part.label,
                help_text=part.help_text,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        }
    if isinstance(part, Line):
        return {part.name: _text(part.label, help_text=part.help_text, autocomplete="off")}
    raise TypeError("no form controls for %r" % (part,))


class ChoicesForm(forms.Form):
    """A letter's own choices, laid out from its ``ChoiceSet``: to the API's shape and back."""

    def __init__(self, choice_set: ChoiceSet, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_set = choice_set
        self.heading = choice_set.heading
        self.intro = choice_set.intro
        for part in choice_set.parts:
            self.fields.update(_controls(part))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @classmethod
    def first_time(cls, choice_set: ChoiceSet) -> ChoicesForm:
        """Unbound, with the suggestions a part gives (office hours for the contact hours)."""
        initial = {}
        for part in choice_set.parts:
            if isinstance(part, Hours) and part.initial:
                initial[part.name + "_from"], initial[part.name + "_to"] = part.initial
        return cls(choice_set, initial=initial)

    def typed(self, name: str) -> str:
        return str(self[name].value() or "")

    def ticked(self, name: str) -> list[str]:
        return [str(code) for code in self[name].value() or []]

    def to_data(self) -> dict[str, Any]:
        """What was typed and ticked as the API's request object, for the reader to judge."""
        data: dict[str, Any] = {}
        for part in self.choice_set.parts:
            name = part.name
            if isinstance(part, Ticks):
                data[name] = self.ticked(name)
            elif isinstance(part, Hours):
                start, end = (_time(self.typed(name + "_from")), _time(self.typed(name + "_to")))
                if start or end:
                    data[name] = {"from": start, "to": end}
            elif isinstance(part, Amount):
                amount = _amount(self.typed(name))
                if amount is not None:
                    data[name] = amount
            elif isinstance(part, Day):
                if self.typed(name).strip():
                    data[name] = ascii_digits(self.typed(name)).strip()
            elif self.typed(name).strip():
                data[name] = self.typed(name)
        return data

    @staticmethod
    def values(choice_set: ChoiceSet, data: dict[str, Any]) -> dict[str, Any]:
        """Kept choices (the API's shape) as the form's fields, to show them again."""
        values: dict[str, Any] = {}
        for part in choice_set.parts:
            value = data.get(part.name)
            if isinstance(part, Ticks):
                values[part.name] = value or []
            elif isinstance(part, Hours):
                values[part.name + "_from"] = (value or {}).get("from", "")
                values[part.name + "_to"] = (value or {}).get("to", "")
            else:
                values[part.name] = "" if value is None else str(value)
        return values

    def error_field(self, error: FieldError) -> str | None:
        """The form field a reader's error belongs to: contact_terms.hours.from → hours_from."""
        prefix = self.choice_set.field
        name = INDEX.sub("", error.field.removeprefix(prefix).lstrip(".")).replace(".", "_")
        for candidate in (name, name + "_from"):
            if candidate in self.fields:
                return candidate
        return None


def _amount(typed: str) -> int | float | str | None:
    """An amount as typed on a phone (１,５００元) as a number; left as text when it is not one,
    so the reader reports it."""
    cleaned = AMOUNT_NOISE.sub("", ascii_digits(typed))
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return typed.strip()
    if not number.is_finite():
        return typed.strip()
    if number.adjusted() >= MAX_NUMERAL_DIGITS:  # 1e5000: not worth converting
        return TOO_LARGE
    return int(number) if number == number.to_integral_value() else float(number)


def _time(typed: str) -> str:
    """A time as typed where the browser has no time picker: １９：３０ is 19:30."""
    return ascii_digits(typed).replace("：", ":").strip()


def _check(form: ChoicesForm) -> tuple[dict[str, Any] | None, list[dict]]:
    """The choices as the reader normalised them, or the error summary with each error placed."""
    reader = Reader()
    field = form.choice_set.field
    chosen = form.choice_set.read(reader, {field: form.to_data()}, today=local_today())
    if not reader.errors:
        return chosen.to_data(), []
    form.is_valid()
    other = []
    for error in reader.errors:
        name = form.error_field(error)
        if name is None:
            other.append(error_message(error))
        elif error_message(error) not in form.errors.get(name, []):
            form.add_error(name, error_message(error))
    return None, error_summary([form], other)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def choices(request: HttpRequest, kind: str) -> HttpResponse:
    """A letter's own choices: asked once, changed here at any time."""
    known_kind(kind)
    choice_set = KINDS[kind].choices
    if choice_set is None:
        raise Http404
    if not interview_done(request, kind):
        return redirect(flow_of(kind).pages.start)
    refused = refusal(request, kind)
    if refused is not None:  # not offered for these answers, but a URL can still ask
        messages.error(request, error_message(FieldError("kind", refused)))
        return redirect(results_url(kind) + "#next-steps")
    summary: list[dict] = []
    if request.method == "POST":
        form = ChoicesForm(choice_set, request.POST)
        normalised, summary = _check(form)
        if normalised is not None:
            store.save_choices(request.case, choice_set, normalised)
            return redirect("letter_start", kind=kind)  # then the shared details, or the letter
    else:
        saved = store.choices(request.case, choice_set.field)
        if saved is None:
            form = ChoicesForm.first_time(choice_set)
        else:  # checked again: a limit may have changed since
            form = ChoicesForm(choice_set, ChoicesForm.values(choice_set, saved))
            summary = _check(form)[1]
    return render(
        request,
        "rights_guide/letter_choices.html",
        {
            "form": form,
            "offer": KINDS[kind],
            "error_summary": summary,
            "results_url": results_url(kind),
        },
        status=400 if summary and request.method == "POST" else 200,
    )
