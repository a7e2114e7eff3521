"""The form recording a complaint's ticket number, date and how it was made."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rights_guide.complaints.store import HOWS


class TicketForm(forms.Form):
    ticket = forms.CharField(
        label=_("Complaint or reference number"),
        max_length=60,
        error_messages={"required": _("Enter the number you were given.")},
    )
    date = forms.DateField(
        label=_("Date of the complaint"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date you complained."),
            "invalid": _("Enter a date such as 2026-12-08."),
        },
    )
    how = forms.ChoiceField(
        label=_("How you complained"),
        choices=[(HOWS[0], _("By phone")), (HOWS[1], _("Online"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you complained.")},
    )

    def clean_date(self):
        """A ticket is recorded after the complaint, so its date is never after today."""
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date
