"""Forms for the letter details. They shape the input; ``parse_letter_request`` judges it.

Field-level rules (valid mobile number, ID check digit, lengths) live once,
in the letter request parser shared with the API; errors it reports are put
back next to the field they belong to here.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from rights_guide.interview.forms import TARGET_CHOICES
from rights_guide.letters.request import (
    MAX_ADDRESS,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_REQUESTS,
    MAX_RESPONDENT,
)

CHANNEL_CHOICES = [
    ("call", _("Phone call")),
    ("sms", _("Text message")),
    ("im", _("WeChat, QQ or other chat")),
    ("visit_home", _("Visit to a home")),
    ("visit_work", _("Visit to a workplace")),
    ("letter", _("Letter")),
    ("online_post", _("Post online")),
]
INCIDENT_ROWS = 3


class _Crispy:
    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        return helper


class LetterDetailsForm(_Crispy, forms.Form):
    language = forms.ChoiceField(
        choices=[("zh-hans", "中文"), ("en", "English")],
        widget=forms.RadioSelect,
        initial="zh-hans",
        label=_("Language of the letter"),
        help_text=_(
            "Write to Chinese lenders, regulators and the police in Chinese. Choose English only to read it yourself."
        ),
    )
    complainant_name = forms.CharField(
        label=_("Your full name"),
        help_text=_("As on your ID card. Rare characters are fine."),
        max_length=MAX_NAME,
        strip=True,
    )
    phone = forms.CharField(
        label=_("Your mobile number (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label=_("Your address (optional)"), max_length=MAX_ADDRESS, required=False
    )
    id_number = forms.CharField(
        label=_("Your ID card number (optional)"),
        help_text=_(
            "Only if the body you write to asks for it. The preview shows it partly hidden."
        ),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    respondent_name = forms.CharField(
        label=_("Who is the letter about?"),
        help_text=_(
            "The lender's or platform's full name as in your contract or app, or the collection company if you know it."
        ),
        max_length=MAX_RESPONDENT,
    )
    requests = forms.CharField(
        label=_("Anything else you want to ask for (optional)"),
        max_length=MAX_REQUESTS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class IncidentForm(_Crispy, forms.Form):
    when = forms.DateTimeField(
        label=_("When"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    target = forms.ChoiceField(
        label=_("Who was contacted"), choices=[("", "—"), *TARGET_CHOICES], required=False
    )
    channel = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *CHANNEL_CHOICES], required=False
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()

    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(data.get(name) for name in self.fields)

    def clean(self):
        data = super().clean()
        filled = [name for name in ("when", "target", "channel") if data.get(name)]
        if (filled or data.get("description")) and len(filled) < 3:
            raise forms.ValidationError(
                _("Give the time, who was contacted and how, or leave the whole row empty."),
                code="incomplete",
            )
        return data


IncidentFormSet = forms.formset_factory(IncidentForm, extra=0, max_num=100, validate_max=True)


class ParagraphsForm(forms.Form):
    """The three paragraphs a user may rewrite before printing."""

    facts = forms.CharField(
        label=_("Facts"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    requests = forms.CharField(
        label=_("Requests"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    closing = forms.CharField(
        label=_("Closing"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
