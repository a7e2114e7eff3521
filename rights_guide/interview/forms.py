"""One small form per interview step, in plain words a frightened borrower understands.

The forms only lay out questions, from the vocabulary (vocabulary.yaml),
and translate the answers into their part of an assess request, the same
data the JSON API takes (``fragment``). They judge nothing themselves:
each page's fragment goes through the engine's own parser
(``parse_answers``), and its errors come back next to the field they are
about. So a date, a count or a rate is valid on the pages exactly when it
is valid in the API. The one rule that belongs to the interview (a page
about a person must say how they were contacted) is the only ``clean`` here.

The questions about the loan itself (lender, funder, card or loan, cost,
contract date) are in loan_forms.py. Every question has a visible label,
every group of options is a fieldset with a legend, and examples sit next
to the options they explain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.assessment import InvalidAnswers, parse_answers
from rights_guide.i18n import localized
from rights_guide.knowledge import get_knowledge
from rights_guide.messages import error_message
from rights_guide.reading import numeral

YES, NO, UNSURE = "yes", "no", "unsure"
DATE_SEPARATORS = re.compile(r"^([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})$")
SECONDS = re.compile(r"^([0-9]{2}:[0-9]{2}):[0-9]{2}$")


def _option(label: str, hint: str) -> str:
    """An option label with an everyday example under it."""
    return format_html('{}<span class="option-hint">{}</span>', label, hint)


def set_hinted_choices(field: forms.ChoiceField, options) -> None:
    """Choices shown with an example under each; ``plain_choices`` keeps the bare labels.

    The review page reads back the bare label: the example is help for
    choosing, not part of the answer (and stripping markup from the shown
    option would leave its escaped characters behind).
    """
    field.choices = [(code, _option(str(label), str(hint))) for code, label, hint in options]
    field.plain_choices = {code: str(label) for code, label, _hint in options}


def as_number(value: Any) -> Any:
    """What was typed, as the JSON number it means; left as typed when it is not one.

    The parser then says what is wrong with it ("must be a whole number"),
    in the same words as the API; a numeral too long to convert reads as out
    of range (rights_guide.reading.numeral).
    """
    return numeral(value)


def as_date(value: Any) -> str:
    """What was typed as a date, with 2026/3/15 and 2026.03.15 read as 2026-03-15.

    Anything else is left as typed, for the parser to say what is wrong with it.
    """
    text = str(value or "").strip()
    found = DATE_SEPARATORS.match(text)
    if found:  # how many people write a date
        text = "%s-%02d-%02d" % (found.group(1), int(found.group(2)), int(found.group(3)))
    return text


def yes_no_unsure(question, options=None) -> list[tuple[str, str]]:
    """Yes, no and not sure, in the question's own words where it has them."""
    words = options or question.options or {}
    return [
        (code, localized(words[code]) if code in words else label)
        for code, label in (
            (YES, gettext_lazy("Yes")),
            (NO, gettext_lazy("No")),
            (UNSURE, gettext_lazy("Not sure")),
        )
    ]


class StepForm(forms.Form):
    """Base for interview forms, rendered by crispy-forms inside the page's own <form>.

    ``fragment(stored)`` turns a page's answers (as stored) into its part of
    the assess request; ``error_fields`` maps request fields back to this
    page's fields. ``clean`` runs the engine's parser over the fragment,
    together with ``context``: answers from earlier pages that a check on
    this page compares against (a contract date against the conduct date).
    The context only helps judge this page; it is not part of its fragment.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.context: dict[str, Any] = {}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def fragment(self, stored: Mapping[str, Any]) -> dict[str, Any]:
        return {}

    def error_field(self, path: str) -> str | None:
        """The field of this page a parser error about ``path`` belongs to."""
        return path if path in self.fields else None

    def clean(self):
        data = super().clean()
        request = {"lender_type": "unknown", **self.context, **self.fragment(data)}
        try:
            parse_answers(request, today=timezone.localdate())
        except InvalidAnswers as invalid:
            for error in invalid.errors:
                name = self.error_field(error.field)
                if name is not None and name in self.errors:
                    continue  # one message per field is enough
                self.add_error(name, error_message(error))
        return data


class ContactsForm(StepForm):
    targets = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Whom did they contact? Tick everyone."),
        help_text=gettext_lazy(
            "Leave everything unticked if they only sent you letters or did nothing but the things on a later page."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = [
            (target.code, localized(target.option)) for target in get_knowledge().vocabulary.targets
        ]


class TargetContactForm(StepForm):
    """How one person (or group) was contacted, and what happened, as the vocabulary asks it.

    A number on the worst day for each counted means of contact (calls,
    texts, chat messages), right after it how many were answered where that
    matters (calls), a checkbox for the others (visits, letters, posts),
    then the yes/no questions asked about this kind of person.
    """

    other_channels = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Any other ways?"),
        required=False,
    )
    time_of_day = forms.CharField(
        label=gettext_lazy(
            "Latest time in the evening, or earliest in the morning, that you remember (optional)"
        ),
        help_text=gettext_lazy("For example 22:30 or 07:15."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, target: str, called: bool = False, **kwargs):
        """``called``: the person answering is the one contacted (the third-party interview)."""
        super().__init__(*args, **kwargs)
        vocabulary = get_knowledge().vocabulary
        self.target = vocabulary.targets[target]
        counted = [means for means in vocabulary.contact_means if means.count_field]
        fields: dict[str, forms.Field] = {}
        for means in counted:
            fields[means.count_field] = forms.CharField(
                label=localized(means.count_label),
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            )
            if means.answered_field:
                fields[means.answered_field] = forms.CharField(
                    label=localized(means.answered_label),
                    required=False,
                    widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
                )
        fields["other_channels"] = self.fields["other_channels"]
        fields["other_channels"].choices = [
            (means.code, localized(means.other_option))
            for means in vocabulary.contact_means
            if means.other_option
        ]
        fields["time_of_day"] = self.fields["time_of_day"]
        for question in vocabulary.event_questions:
            if question.asked_about(self.target):
                wording, options = question.question, None
                if not self.target.third_party and question.question_borrower:
                    wording = question.question_borrower
                if called and question.third_party is not None:
                    wording, options = question.third_party.question, question.third_party.options
                fields[question.code] = forms.ChoiceField(
                    choices=yes_no_unsure(question, options),
                    widget=forms.RadioSelect,
                    label=localized(wording),
                    required=False,
                )
        self.fields = fields
        self._counted = {means.count_field: means.code for means in counted}
        self._answered = {
            means.count_field: means.answered_field for means in counted if means.answered_field
        }

    def fragment(self, stored):
        """One event per means of contact used: a count, or 1 for a visit, letter or post.

        The questions on this page are asked once for the person, whatever the
        means: their answers and the time go on every event as one group
        (true of at least one of them, Event.group). A question left blank, or
        answered "not sure", is sent as not known (null), never as no.
        """
        vocabulary = get_knowledge().vocabulary
        answers = {}
        for question in vocabulary.event_questions:
            if question.asked_about(self.target):
                value = stored.get(question.code)
                answers[question.code] = {YES: True, NO: False}.get(value)
        time = SECONDS.sub(r"\1", str(stored.get("time_of_day") or "").strip())
        group = vocabulary.targets.position(self.target.code) + 1
        common = {**answers, **({"time_of_day": time} if time else {}), "group": group}
        events, self._event_fields = [], []
        for field, channel in self._counted.items():
            count = as_number(stored.get(field))
            if count not in ("", 0):
                events.append({"target": self.target.code, "channel": channel, **common})
                events[-1]["times_per_day"] = count
                answered_field = self._answered.get(field)
                answered = as_number(stored.get(answered_field)) if answered_field else ""
                if answered != "":  # left empty: not remembered, and nothing is assumed
                    events[-1]["answered_per_day"] = answered
                self._event_fields.append(field)
        for channel in stored.get("other_channels") or []:
            events.append({"target": self.target.code, "channel": channel, **common})
            self._event_fields.append("other_channels")
        return {"events": events}

    def error_field(self, path: str) -> str | None:
        found = re.match(r"^events\[(\d+)\]\.(\w+)$", path)
        if found is None:
            return None
        index, name = int(found.group(1)), found.group(2)
        if name == "times_per_day":
            return self._event_fields[index]
        if name == "answered_per_day":
            return self._answered.get(self._event_fields[index])
        return name if name in self.fields else None

    def clean(self):
        data = super().clean()
        counts = [as_number(data.get(field)) for field in self._counted]
        for field, answered_field in self._answered.items():
            answered = as_number(data.get(answered_field))
            if answered not in ("", 0) and as_number(data.get(field)) in ("", 0):
                # An answered count means nothing without the number of calls: say so
                # rather than drop it.
                self.add_error(
                    answered_field,
                    _("Enter first how many there were on the worst day, in the box above."),
                )
        if not any(count not in ("", 0) for count in counts) and not data.get("other_channels"):
            raise forms.ValidationError(
                _(
                    "Tell us at least one way they made contact: a number of calls or messages, or another way."
                ),
                code="no_channel",
            )
        return data


class TacticsForm(StepForm):
    tactics = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("What did they say or do? Tick everything that happened."),
        required=False,
    )
    continued_after_intervention = forms.ChoiceField(
        choices=[
            ("yes", gettext_lazy("Yes, it went on after the police or a regulator stepped in")),
            ("no", gettext_lazy("No, or it stopped")),
            ("not_reported", gettext_lazy("I have not reported it yet")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Have you reported it, and did it go on afterwards?"),
        required=False,
    )

    def __init__(self, *args, visits: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.visits = visits
        set_hinted_choices(
            self.fields["tactics"],
            [
                (tactic.code, localized(tactic.option), localized(tactic.hint))
                for tactic in get_knowledge().vocabulary.tactics
                if visits or not tactic.needs_visit
            ],
        )

    def fragment(self, stored):
        tactics = get_knowledge().vocabulary.tactics
        return {
            "tactics": [
                code
                for code in stored.get("tactics") or []
                if code in tactics and (self.visits or not tactics[code].needs_visit)
            ],
            "continued_after_intervention": stored.get("continued_after_intervention") == YES,
        }


class WhenForm(StepForm):
    conduct_date = forms.CharField(
        label=gettext_lazy("When did this happen? If it is still going on, the most recent day."),
        help_text=gettext_lazy(
            "As year-month-day, for example 2026-03-15. The date decides which version of a law applies."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def fragment(self, stored):
        value = as_date(stored.get("conduct_date"))
        return {"conduct_date": value} if value else {}

    def clean(self):
        data = super().clean()
        if not self.errors and as_date(data.get("conduct_date")):
            # Kept as 2026-03-15 however it was typed, which the date field shows again.
            data["conduct_date"] = as_date(data.get("conduct_date"))
        return data
