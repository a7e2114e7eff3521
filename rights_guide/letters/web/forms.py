"""Forms for the letter pages. They lay out fields; ``parse_letter_request`` judges them.

No field here validates anything (lengths, the mobile number, the ID
number's check digit, incident times): the request parser shared with the
API does, in one pass over everything submitted, and its errors are put
back next to the field they belong to (``store.route_errors``). So a page
can never accept what the API would refuse, and a visitor sees every
problem at once instead of one more on each submit.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from rights_guide.i18n import localized
from rights_guide.knowledge import get_knowledge

INCIDENT_ROWS = 3
MAX_INCIDENT_ROWS = 100


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _text(label, *, help_text="", **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        widget=forms.TextInput(attrs=attrs),
    )


class DetailsForm(forms.Form):
    """Who writes (the borrower, in their own name) and about whom: shared by every letter."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CalledDetailsForm(DetailsForm):
    """The same, for someone called about another person's debt: also the borrower's name."""

    borrower_name = _text(
        _("The borrower's name (optional)"),
        help_text=_("So the lender knows whose account to note your request on."),
        autocomplete="off",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent_name"].help_text = _(
            "The lender's, platform's or collection company's name, as the callers gave it or as it appeared in their messages."
        )


class IncidentForm(forms.Form):
    """One contact the borrower remembers well; a row left empty is ignored."""

    when = forms.CharField(
        label=_("When"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    target = forms.CharField(label=_("Who was contacted"), required=False, widget=forms.Select)
    channel = forms.CharField(label=_("How"), required=False, widget=forms.Select)
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, me: str | None = None, **kwargs):
        """``me``: the writer is the one contacted (every row is about them), not the borrower."""
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.me = me
        vocabulary = get_knowledge().vocabulary
        if me is not None:
            del self.fields["target"]
        else:
            self.fields["target"].widget.choices = [
                ("", "—"),
                *((target.code, localized(target.option)) for target in vocabulary.targets),
            ]
        self.fields["channel"].widget.choices = [
            ("", "—"),
            *((means.code, localized(means.incident)) for means in vocabulary.contact_means),
        ]

    def values(self) -> dict[str, str]:
        """What was typed in this row, as posted (about the writer when they are the one called)."""
        typed = {name: str(self[name].value() or "") for name in self.fields}
        return typed if self.me is None else {**typed, "target": self.me}

    def is_blank(self) -> bool:
        return not any(str(self[name].value() or "").strip() for name in self.fields)


IncidentFormSet = forms.formset_factory(IncidentForm, extra=0, max_num=MAX_INCIDENT_ROWS)


class ParagraphsForm(forms.Form):
    """The three paragraphs a user may rewrite before printing."""

    facts = forms.CharField(
        label=_("Facts"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    requests = forms.CharField(
        label=_("Requests"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    closing = forms.CharField(
        label=_("Closing"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
