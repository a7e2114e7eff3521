"""Words a letter uses for the engine's codes, in the borrower's own voice.

The knowledge base names targets for a reader being advised ("您本人",
"your child"); a letter is written by that reader, so it needs first-person
names ("我本人", "my child") and names for conduct the borrower asks to stop.
They are UI-style text with English message IDs, evaluated lazily so each
letter renders them in its own language.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Who was contacted, as the object of a sentence ("They phoned my family.").
TARGETS = {
    "borrower": _("me"),
    "emergency_contact": _("the emergency contact I listed"),
    "family": _("my family"),
    "friends": _("my friends"),
    "contacts_list": _("people in my phone's contact list"),
    "employer": _("my employer"),
    "colleagues": _("my colleagues"),
    "public": _("people in group chats, on social media or the public"),
    "minor": _("my child"),
}

# How, for the incident table.
CHANNELS = {
    "call": _("Phone call"),
    "sms": _("Text message"),
    "im": _("Chat app (WeChat, QQ…)"),
    "visit_home": _("Visit to a home"),
    "visit_work": _("Visit to a workplace"),
    "letter": pgettext_lazy("something sent by post", "Letter"),
    "online_post": _("Online post"),
}

# What one kind of contact was, as a whole sentence per channel.
CONTACT_SENTENCES = {
    "call": _("They phoned %(target)s."),
    "sms": _("They sent text messages to %(target)s."),
    "im": _("They sent messages to %(target)s on WeChat, QQ or other chat apps."),
    "visit_home": _("They visited %(target)s at home."),
    "visit_work": _("They visited %(target)s at work."),
    "letter": _("They sent letters to %(target)s."),
    "online_post": _("They posted about me online, for %(target)s to see."),
}

# What the collectors did, one whole sentence per tactic the borrower reported.
# Truthful notices (lawsuit, credit report) are lawful and are never complained of.
TACTIC_SENTENCES = {
    "insults": _("They used insulting and abusive language."),
    "threat_violence": _("They threatened people's personal safety."),
    "threat_exposure": _(
        "They threatened to tell the people in my contact list about the debt or to post about it online."
    ),
    "doctored_images": _("They made and sent around doctored images of me."),
    "fake_legal_documents": _(
        "They sent documents made to look like court papers or lawyer's letters."
    ),
    "impersonate_authority": _(
        "They claimed to be the police, a court, prosecutors or a government office."
    ),
    "false_consequences": _(
        "They threatened me with consequences that do not exist, such as arrest or a blacklist."
    ),
    "extra_fees": _(
        "They demanded fees that are not in the contract, or payment into a private account."
    ),
    "push_new_loan": _("They pressed me to borrow from other lenders to repay."),
    "refused_to_leave": _(
        "When they visited, they refused to leave when asked, or came in without consent."
    ),
    "detention": _("They held a person against their will."),
    "stalking": _("They followed me, waited for me or pestered me."),
}

# The same conduct as short phrases, for "stop the following: …".
TACTIC_CONDUCT = {
    "insults": _("insults and abuse"),
    "threat_violence": _("threats to personal safety"),
    "threat_exposure": _("threats to tell my contacts or to expose me online"),
    "doctored_images": _("doctored images of me"),
    "fake_legal_documents": _("fake court papers or lawyer's letters"),
    "impersonate_authority": _("posing as the police, a court or a government office"),
    "false_consequences": _("made-up consequences such as arrest or a blacklist"),
    "extra_fees": _("fees outside the contract and payments into private accounts"),
    "push_new_loan": _("pressing me to borrow elsewhere to repay"),
    "refused_to_leave": _("refusing to leave or entering without consent during visits"),
    "detention": _("holding anyone against their will"),
    "stalking": _("following, waiting for or pestering me"),
}

# Contact findings worth naming in "stop the following: …" (by rule code).
# Contacting third parties and using the contact list have requests of their own.
FINDING_CONDUCT = {
    "CONTACT__BORROWER_CALLS_OVER_LIMIT": _("calling me more than three times a day"),
    "CONTACT__BOMBARDMENT": _("bombarding anyone with calls or messages"),
    "CONTACT__NIGHT_HOURS": _("contacting anyone between 22:00 and 08:00"),
    "CONTACT__THIRD_PARTY_DISCLOSURE": _("telling anyone else about my debt"),
    "CONTACT__THIRD_PARTY_ASKED_TO_PAY": _("asking anyone else to pay my debt"),
    "CONTACT__THIRD_PARTY_AFTER_STOP": _("contacting people who have asked you to stop"),
    "CONTACT__PUBLIC_EXPOSURE": _("exposing me in group chats, on social media or in public"),
    "CONTACT__MINOR": _("contacting my child"),
    "VISIT__WORKPLACE": _("coming to my workplace"),
}

KIND_TITLES = {
    "lender": _("Complaint about improper debt collection"),
    "regulator": pgettext_lazy("letter title", "Complaint"),
    "police": _("Report to the police"),
    "pi_request": _("Request to exercise my personal information rights"),
}

# Short, ASCII names for download file names (Content-Disposition filename=).
KIND_FILE_NAMES = {
    "lender": "complaint-to-lender",
    "regulator": "complaint-to-regulator",
    "police": "police-report",
    "pi_request": "personal-information-request",
}

REGULATOR_NAMES = {
    "nfra_12378": _("the National Financial Regulatory Administration (complaint line 12378)"),
    "local_financial_regulator": _(
        "the local financial regulator of the province where the lender is registered"
    ),
}
