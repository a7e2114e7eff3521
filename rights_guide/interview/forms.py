"""One small form per interview step, in plain words a frightened borrower understands.

Forms only collect and validate; what the answers mean in law is the engine's
job. Every question has a visible label, every group of options is a
fieldset with a legend, and examples sit next to the options they explain.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.assessment.answers import EARLIEST_CONDUCT_DATE, MAX_RATE_PERCENT

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
YES_NO_UNSURE = [*YES_NO, ("unsure", gettext_lazy("Not sure"))]
MAX_COUNT = 1000


def _option(label: str, hint: str) -> str:
    """An option label with an everyday example under it."""
    return format_html('{}<span class="option-hint">{}</span>', label, hint)


def set_hinted_choices(field: forms.ChoiceField, options) -> None:
    """Choices shown with an example under each; ``plain_choices`` keeps the bare labels.

    The review page reads back the bare label: the example is help for
    choosing, not part of the answer (and stripping markup from the shown
    option would leave its escaped characters behind).
    """
    field.choices = [(code, _option(label, hint)) for code, label, hint in options]
    field.plain_choices = {code: label for code, label, _hint in options}


class StepForm(forms.Form):
    """Base for interview forms, rendered by crispy-forms inside the page's own <form>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class LenderForm(StepForm):
    lender_type = forms.ChoiceField(
        widget=forms.RadioSelect, label=gettext_lazy("Who lent you the money?")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_hinted_choices(
            self.fields["lender_type"],
            [
                (
                    "bank",
                    _("A bank, or a credit card"),
                    _(
                        "For example a credit card, or a loan in a bank's app such as WeBank's Weilidai."
                    ),
                ),
                (
                    "consumer_finance",
                    _("A licensed consumer-finance company"),
                    _(
                        "The company name contains “消费金融”, for example Zhaolian or Mashang Consumer Finance."
                    ),
                ),
                (
                    "microlender",
                    _("A microloan company"),
                    _(
                        "The company name contains “小额贷款”, including online microloan companies."
                    ),
                ),
                (
                    "lending_platform",
                    _("A loan app, but I don't know who actually lent the money"),
                    _(
                        "Many loan apps, such as 360 Jietiao or Fenqile, pass you to partner banks or loan companies."
                    ),
                ),
                (
                    "private_lender",
                    _("A person, or a lender without a licence"),
                    _("A friend, an acquaintance, a “private loan” or a loan shark."),
                ),
                (
                    "unknown",
                    _("I'm not sure"),
                    _(
                        "We will list every place you could complain to. Your loan contract or credit report names the lender."
                    ),
                ),
            ],
        )
        self.fields["lender_type"].initial = "unknown"


TARGET_CHOICES = [
    ("borrower", gettext_lazy("Me")),
    ("emergency_contact", gettext_lazy("The emergency contact I gave when I borrowed")),
    ("family", gettext_lazy("Other family members")),
    ("friends", gettext_lazy("Friends")),
    ("contacts_list", gettext_lazy("People in my phone's contact list")),
    ("employer", gettext_lazy("My employer or boss")),
    ("colleagues", gettext_lazy("Colleagues")),
    ("public", gettext_lazy("Group chats, social media or posters in public")),
    ("minor", gettext_lazy("My child")),
]


class ContactsForm(StepForm):
    targets = forms.MultipleChoiceField(
        choices=TARGET_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Whom did they contact? Tick everyone."),
        help_text=gettext_lazy(
            "Leave everything unticked if they only sent you letters or did nothing but the things on a later page."
        ),
        required=False,
    )


class TargetContactForm(StepForm):
    """How one person (or group) was contacted, and what happened. Third-party questions only for others."""

    calls = forms.IntegerField(
        label=gettext_lazy("Phone calls on the worst day"),
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
    )
    texts = forms.IntegerField(
        label=gettext_lazy("Text messages on the worst day"),
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
    )
    messages = forms.IntegerField(
        label=gettext_lazy("WeChat, QQ or other chat messages on the worst day"),
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
    )
    other_channels = forms.MultipleChoiceField(
        choices=[
            ("visit_home", gettext_lazy("They came to the home")),
            ("visit_work", gettext_lazy("They came to the workplace")),
            ("letter", gettext_lazy("Letters")),
            ("online_post", gettext_lazy("Posts online")),
        ],
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Any other ways?"),
        required=False,
    )
    at_night = forms.ChoiceField(
        choices=YES_NO_UNSURE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Was any of it between 22:00 and 08:00?"),
        required=False,
    )
    time_of_day = forms.TimeField(
        label=gettext_lazy(
            "Latest time in the evening, or earliest in the morning, that you remember (optional)"
        ),
        help_text=gettext_lazy("For example 22:30 or 07:15."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    disclosed_debt = forms.ChoiceField(
        choices=YES_NO_UNSURE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Did they tell them about your debt?"),
        required=False,
    )
    asked_to_pay = forms.ChoiceField(
        choices=YES_NO_UNSURE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Did they ask them to pay it?"),
        required=False,
    )
    after_stop_request = forms.ChoiceField(
        choices=YES_NO_UNSURE,
        widget=forms.RadioSelect,
        label=gettext_lazy("Did it go on after being asked to stop?"),
        required=False,
    )
    borrower_unreachable = forms.ChoiceField(
        choices=[
            ("no", gettext_lazy("Yes, they could reach me")),
            ("yes", gettext_lazy("No, they could not reach me")),
            ("unsure", gettext_lazy("Not sure")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("At that time, could the collector reach you directly?"),
        required=False,
    )

    THIRD_PARTY_ONLY = ("disclosed_debt", "asked_to_pay", "borrower_unreachable")

    def __init__(self, *args, target: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        if target == "borrower":
            for name in self.THIRD_PARTY_ONLY:
                del self.fields[name]
            self.fields["after_stop_request"].label = _(
                "Did it go on after you asked them to stop?"
            )
        if target == "public":
            del self.fields["borrower_unreachable"]

    def clean(self):
        data = super().clean()
        counts = [data.get(name) or 0 for name in ("calls", "texts", "messages")]
        if not any(counts) and not data.get("other_channels"):
            raise forms.ValidationError(
                _(
                    "Tell us at least one way they made contact: a number of calls or messages, or another way."
                ),
                code="no_channel",
            )
        return data


TACTIC_EXAMPLES = [
    (
        "insults",
        gettext_lazy("Insults or abuse"),
        gettext_lazy("Swearing at you or your family, calling you names."),
    ),
    (
        "threat_violence",
        gettext_lazy("Threats of violence"),
        gettext_lazy("“We'll come and beat you”, “watch yourself when you go out”."),
    ),
    (
        "threat_exposure",
        gettext_lazy("Threats to tell everyone"),
        gettext_lazy(
            "“We'll tell everyone in your contacts and your boss”, “we'll post you online”."
        ),
    ),
    (
        "doctored_images",
        gettext_lazy("Doctored photos"),
        gettext_lazy(
            "They sent a photo of you edited to look like a wanted notice or a funeral portrait."
        ),
    ),
    (
        "fake_legal_documents",
        gettext_lazy("Fake court papers or lawyer's letters"),
        gettext_lazy("A “court summons”, “judgment” or “lawyer's letter” that is not real."),
    ),
    (
        "impersonate_authority",
        gettext_lazy("Pretending to be police, a court or a government office"),
        gettext_lazy("“This is the police / the court, you must pay today.”"),
    ),
    (
        "false_consequences",
        gettext_lazy("Made-up consequences"),
        gettext_lazy("“We'll have you arrested”, “you're on a blacklist”, “you'll go to prison”."),
    ),
    (
        "extra_fees",
        gettext_lazy("Extra fees, or paying into a private account"),
        gettext_lazy("A “collection fee” not in the contract, or “pay to this personal account”."),
    ),
    (
        "push_new_loan",
        gettext_lazy("Pressure to borrow elsewhere to repay"),
        gettext_lazy("“Take a loan on this other app and pay us with it.”"),
    ),
    (
        "refused_to_leave",
        gettext_lazy("Refusing to leave, or forcing their way in"),
        gettext_lazy("They came to the door and would not go when asked, or came inside."),
    ),
    (
        "detention",
        gettext_lazy("Holding someone"),
        gettext_lazy("They would not let you or a relative leave until you paid."),
    ),
    (
        "stalking",
        gettext_lazy("Following or waiting for you"),
        gettext_lazy("Following you, or waiting outside your home or work."),
    ),
    (
        "lawsuit_notice",
        gettext_lazy("Telling you they will sue (truthfully)"),
        gettext_lazy("A notice that they may take the debt to court."),
    ),
    (
        "credit_report_notice",
        gettext_lazy("Telling you it affects your credit record (truthfully)"),
        gettext_lazy("A notice that late payment goes on your credit report."),
    ),
]
VISIT_ONLY_TACTICS = {"refused_to_leave"}


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
        set_hinted_choices(
            self.fields["tactics"],
            [
                (code, label, example)
                for code, label, example in TACTIC_EXAMPLES
                if visits or code not in VISIT_ONLY_TACTICS
            ],
        )


class WhenForm(StepForm):
    conduct_date = forms.DateField(
        label=gettext_lazy("When did this happen? If it is still going on, the most recent day."),
        help_text=gettext_lazy(
            "As year-month-day, for example 2026-03-15. The date decides which version of a law applies."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"],
        error_messages={
            "invalid": gettext_lazy("Enter a real date as YYYY-MM-DD, for example 2026-03-15.")
        },
    )

    def clean_conduct_date(self):
        day = self.cleaned_data["conduct_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the future. Enter the day it happened."), code="future"
            )
        if day < EARLIEST_CONDUCT_DATE:
            raise forms.ValidationError(
                _("Dates before %(earliest)s are not covered.")
                % {"earliest": EARLIEST_CONDUCT_DATE.isoformat()},
                code="early",
            )
        return day


class CostForm(StepForm):
    annual_rate_percent = forms.DecimalField(
        label=gettext_lazy("Annual cost of the loan in percent, if you know it (optional)"),
        help_text=gettext_lazy(
            "Loan apps and contracts show it as “综合年化成本” or an annual rate. Leave empty if you don't know."
        ),
        min_value=0,
        max_value=MAX_RATE_PERCENT,
        max_digits=7,
        decimal_places=2,
        required=False,
        localize=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
