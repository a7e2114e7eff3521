"""The page where a letter's own choices are made: how to be contacted, or what can be paid.

Two letters need more than the details every letter shares
(rights_guide/letters/choices.py). Each asks its choices on one page of
its own, before the shared details, and keeps them in the visitor's case
in the API's shape, so the letter is made from exactly what the API would
take. The forms only lay out fields: the request's own reader, the API's,
judges them, and each problem is shown next to its field and in the
summary, with everything typed kept. Plain HTML form controls: no
JavaScript needed.
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
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from rights_guide.i18n import localized
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.choices import (
    ASKS,
    CHANNELS,
    EVERYONE,
    READERS,
    SITUATIONS,
    never_contact_codes,
)
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
from rights_guide.reading import FieldError, Reader, ascii_digits

AMOUNT_NOISE = re.compile(r"[\s,，¥￥元]")
INDEX = re.compile(r"\[\d+\]")


def choices_url(kind: str) -> str:
    return reverse("letter_choices", args=[kind])


def _field(error: FieldError) -> str:
    return error.field.split(".")[0]


def choices_needed(request: HttpRequest, kind: str, errors: list[FieldError] | None = None) -> bool:
    """Whether this letter's choices must be made first: none kept yet, or ``errors`` in them."""
    field = KINDS[kind].choices
    if field is None:
        return False
    if errors is not None:
        return any(_field(error) == field for error in errors)
    return store.choices(request.case, field) is None


def _text(label, *, help_text="", widget=None, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=widget or forms.TextInput(attrs=attrs),
    )


def _ticks(label, *, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, help_text=help_text, required=False, widget=forms.CheckboxSelectMultiple
    )


class ChoicesForm(forms.Form):
    """A letter's own choices, in the API's shape (``to_data``) and back (``values``)."""

    field = ""  # the request field: contact_terms or repayment
    heading: Any = ""
    intro: Any = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def typed(self, name: str) -> str:
        return str(self[name].value() or "")

    def ticked(self, name: str) -> list[str]:
        return [str(code) for code in self[name].value() or []]

    def to_data(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def values(cls, data: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def error_field(self, error: FieldError) -> str | None:
        """The form field a reader's error belongs to: contact_terms.hours.from → hours_from."""
        name = INDEX.sub("", error.field.removeprefix(self.field).lstrip(".")).replace(".", "_")
        for candidate in (name, name + "_from"):
            if candidate in self.fields:
                return candidate
        return None


class ContactTermsForm(ChoicesForm):
    field = "contact_terms"
    heading = _("How may they contact you?")
    intro = _(
        "The letter tells the lender and its collectors the only ways and hours they may use, "
        "and whom they must leave alone. Choose what works for you: you can change it later."
    )
    channels = _ticks(_("Which ways may they use? Tick every way you accept."))
    hours_from = _text(
        _("Earliest time they may contact you (optional)"),
        help_text=_("For example 09:00."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    hours_to = _text(
        _("Latest time they may contact you (optional)"),
        help_text=_("For example 20:00."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    contact = _text(
        _("A number or address they should use (optional)"),
        help_text=_("For example your mobile number for text messages, or a postal address."),
        autocomplete="off",
    )
    never_contact = _ticks(_("Whom must they never contact about your debt?"))
    never_contact_names = _text(
        _("Names of people they must never contact (optional)"),
        help_text=_("For example: 张三 (my sister), 李四."),
        autocomplete="off",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        targets = get_knowledge().vocabulary.targets
        self.fields["channels"].choices = [(o.code, o.label) for o in CHANNELS]
        self.fields["never_contact"].choices = [
            (
                code,
                _("Anyone other than me") if code == EVERYONE else localized(targets[code].option),
            )
            for code in never_contact_codes()
        ]

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "channels": self.ticked("channels"),
            "never_contact": self.ticked("never_contact"),
        }
        if self.typed("hours_from").strip() or self.typed("hours_to").strip():
            data["hours"] = {
                "from": self.typed("hours_from").strip(),
                "to": self.typed("hours_to").strip(),
            }
        for name in ("contact", "never_contact_names"):
            if self.typed(name).strip():
                data[name] = self.typed(name)
        return data

    @classmethod
    def values(cls, data: dict[str, Any]) -> dict[str, Any]:
        hours = data.get("hours") or {}
        return {
            "channels": data.get("channels", []),
            "hours_from": hours.get("from", ""),
            "hours_to": hours.get("to", ""),
            "contact": data.get("contact", ""),
            "never_contact": data.get("never_contact", []),
            "never_contact_names": data.get("never_contact_names", ""),
        }


class RepaymentForm(ChoicesForm):
    field = "repayment"
    heading = _("What can you pay?")
    intro = _(
        "The letter explains what has changed and proposes what you can keep paying. Choose an "
        "amount you can really manage every month: a plan you keep is worth more than a promise "
        "you cannot."
    )
    situation = _ticks(_("What has changed? Tick all that apply."))
    situation_text = _text(
        _("In your own words (optional)"),
        help_text=_("A few sentences, for example when you expect your income to recover."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    monthly_yuan = _text(
        _("How much can you pay each month, in yuan?"),
        help_text=_("For example 800."),
        inputmode="decimal",
        autocomplete="off",
    )
    start = _text(
        _("From when?"),
        help_text=_("The date of the first payment, for example 2027-01-01."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    asks = _ticks(_("What do you ask for? Tick all that apply."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["situation"].choices = [(o.code, o.label) for o in SITUATIONS]
        self.fields["asks"].choices = [(o.code, o.label) for o in ASKS]

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "situation": self.ticked("situation"),
            "asks": self.ticked("asks"),
        }
        amount = _amount(self.typed("monthly_yuan"))
        if amount is not None:
            data["monthly_yuan"] = amount
        if self.typed("start").strip():
            data["start"] = ascii_digits(self.typed("start")).strip()
        if self.typed("situation_text").strip():
            data["situation_text"] = self.typed("situation_text")
        return data

    @classmethod
    def values(cls, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "situation": data.get("situation", []),
            "situation_text": data.get("situation_text", ""),
            "monthly_yuan": str(data.get("monthly_yuan", "")),
            "start": data.get("start", ""),
            "asks": data.get("asks", []),
        }


FORMS: dict[str, type[ChoicesForm]] = {
    "contact_terms": ContactTermsForm,
    "repayment": RepaymentForm,
}


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
    return int(number) if number == number.to_integral_value() else float(number)


def _check(form: ChoicesForm) -> tuple[dict[str, Any] | None, list[dict]]:
    """The choices as the reader normalised them, or the error summary with each error placed."""
    reader = Reader()
    chosen = READERS[form.field](reader, {form.field: form.to_data()}, today=local_today())
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
    field = KINDS[kind].choices
    if field is None:
        raise Http404
    if not interview_done(request, kind):
        return redirect(flow_of(kind).pages.start)
    refused = refusal(request, kind)
    if refused is not None:  # not offered for these answers, but a URL can still ask
        messages.error(request, error_message(FieldError("kind", refused)))
        return redirect(results_url(kind) + "#next-steps")
    form_class = FORMS[field]
    summary: list[dict] = []
    if request.method == "POST":
        form = form_class(request.POST)
        normalised, summary = _check(form)
        if normalised is not None:
            store.save_choices(request.case, field, normalised)
            return redirect("letter_start", kind=kind)  # then the shared details, or the letter
    else:
        saved = store.choices(request.case, field)
        if saved is None:
            form = form_class(initial={"hours_from": "09:00", "hours_to": "20:00"})
        else:  # checked again: a limit may have changed since
            form = form_class(form_class.values(saved))
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
