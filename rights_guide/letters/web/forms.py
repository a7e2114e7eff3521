"""Forms for the letter pages. They lay out fields; ``parse_letter_request`` judges them.

No field here validates anything (lengths, the mobile number, the ID
number's check digit): the request parser shared with the
API does, in one pass over everything submitted, and its errors are put
back next to the field they belong to (``store.route_errors``). So a page
can never accept what the API would refuse, and a visitor sees every
problem at once instead of one more on each submit.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from rights_guide.letters.appendix_choice import COLUMNS


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class ReadTextField(forms.CharField):
    """Text the request reader judges: it alone reports a control character, with its position.

    Django's CharField refuses a NUL by itself, so a NUL would be reported
    twice, once in Django's words; here only the reader's message is given.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


def _text(label, *, help_text="", **attrs) -> forms.CharField:
    return ReadTextField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=forms.TextInput(attrs=attrs),
    )


class DetailsForm(forms.Form):
    """Who writes (the borrower, in their own name) and about whom: shared by every letter.

    ``complaint``: the letter these details lead to complains of the respondent. A letter
    that only sets terms or asks (the repayment proposal) asks whom it is to instead.
    """

    complainant_name = _text(
        _("Your full name"),
        help_text=_("As on your ID card. Rare characters are fine."),
        autocomplete="name",
    )
    phone = _text(_("Your mobile number (optional)"), inputmode="tel", autocomplete="tel")
    address = _text(_("Your address (optional)"), autocomplete="street-address")
    id_number = _text(
        _("Your ID card number (optional)"),
        help_text=_(
            "Only if the body you write to asks for it. The preview shows it partly hidden."
        ),
        autocomplete="off",
        spellcheck="false",
    )
    respondent_name = _text(
        _("Who is the letter about?"),
        help_text=_(
            "The lender's or platform's full name as in your contract or app, or the collection company if you know it."
        ),
    )

    def __init__(self, *args, complaint: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        if not complaint:
            self.fields["respondent_name"].label = _("Who is this letter to?")


class CalledDetailsForm(DetailsForm):
    """The same, for someone called about another person's debt: also the borrower's name."""

    borrower_name = _text(
        _("The borrower's name (optional)"),
        help_text=_("So the lender knows whose account to note your request on."),
        autocomplete="off",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("The mobile number they called you on")
        self.fields["phone"].help_text = _(
            "Required: the letter asks them to delete this number, so it must name it."
        )
        self.fields["respondent_name"].help_text = _(
            "The lender's, platform's or collection company's name, as the callers gave it or as it appeared in their messages."
        )


COLUMN_LABELS = {
    "caller": _("The number or name that called"),
    "tactics": _("What they said or did (the tactics you marked)"),
    "evidence": _("The kinds of evidence you keep"),
    "files": _("Your evidence files and their fingerprints"),
    "notes": _("Your own notes on each contact"),
}


class AppendixForm(forms.Form):
    """Whether the letter attaches the evidence log, and which of its optional columns it shows."""

    include = forms.BooleanField(label=_("Attach my evidence log as an appendix"), required=False)
    columns = forms.MultipleChoiceField(
        label=_("Besides the time, the means and who was contacted, the appendix shows:"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # Every column the request takes, in its order: a column without words fails at import.
        choices=[(code, COLUMN_LABELS[code]) for code in COLUMNS],
        help_text=_("Your notes are left out unless you tick them: they may hold private details."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ParagraphsForm(forms.Form):
    """The three paragraphs a user may rewrite before printing."""

    facts = ReadTextField(
        label=_("Facts"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    requests = ReadTextField(
        label=_("Requests"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    closing = ReadTextField(
        label=_("Closing"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def text_in(self, language: str) -> ParagraphsForm:
        """Mark the boxes with the letter's language (Chinese on an English page) for screen readers."""
        for field in self.fields.values():
            field.widget.attrs["lang"] = language
        return self
