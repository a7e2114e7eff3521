"""Contact me only like this (联系方式与时间): the channels, the hours, where, and who never.

The borrower's choices (``CHOICES``, a set of parts as letters/choices.py reads them)
become the requests. The hours are daytime hours only, and the letter
always says that the borrower does not agree to contact at night: the
rules bar night-time collection "unless agreed", and a letter the borrower
signs must never be that agreement (as CFPB's sample letters name the
times a collector may not call). The limits that already bind this kind
of lender (hours, frequency, third parties) are restated from the knowledge base, each with its caveats
(letters.yaml ``limits``); the lender is asked to confirm in writing, and
told what the borrower will do if the terms are broken: the complaint
letters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.lists import format_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rights_guide.assessment.answers import NIGHT_ENDS, NIGHT_STARTS
from rights_guide.formatting import babel_locale, format_time
from rights_guide.i18n import localized
from rights_guide.knowledge import get_knowledge
from rights_guide.letters import facts
from rights_guide.letters.choices import ChoiceSet, Chosen, Hours, Line, Option, Ticks
from rights_guide.letters.drafting import (
    Draft,
    Section,
    complainant_rows,
    facts_text,
    lines,
    numbered_items,
    regulator_names,
    respondent_rows,
)
from rights_guide.letters.kinds.base import LetterKind

if TYPE_CHECKING:
    from rights_guide.assessment import Assessment
    from rights_guide.letters.request import LetterRequest

EVERYONE = "everyone"
CHANNELS = (
    Option("sms", gettext_lazy("Text messages (SMS)"), gettext_lazy("text message")),
    Option(
        "app",
        gettext_lazy("Messages in the lender's official app"),
        gettext_lazy("messages in your official app"),
    ),
    Option("post", gettext_lazy("Letters by post"), gettext_lazy("letter by post")),
    Option("email", gettext_lazy("Email"), gettext_lazy("email")),
    Option(
        "call",
        gettext_lazy("Phone calls to my own number"),
        gettext_lazy("phone calls to my own number"),
    ),
)


def never_contact_options() -> tuple[Option, ...]:
    """Who may be named as never to be contacted: everyone, or each kind of person.

    Not a guarantor, who answers for the debt by contract and may lawfully
    be asked to pay (vocabulary.yaml ``liable``). The letter words each in
    the vocabulary's first person (``people``). Made once per knowledge base
    (the labels are lazy, so one list serves every language): every read of
    a request asks for it.
    """
    knowledge = get_knowledge()
    made = _NEVER_CONTACT.get("options")
    if made is None or made[0] is not knowledge:
        targets = knowledge.vocabulary.targets
        options = (
            Option(EVERYONE, gettext_lazy("Anyone other than me")),
            *(
                Option(t.code, localized(t.option))
                for t in targets
                if t.third_party and not t.liable
            ),
        )
        made = _NEVER_CONTACT["options"] = (knowledge, options)
    return made[1]


_NEVER_CONTACT: dict[str, tuple] = {}  # the knowledge base the list was made from, and the list


CHOICES = ChoiceSet(
    field="contact_terms",
    heading=gettext_lazy("How may they contact you?"),
    intro=gettext_lazy(
        "The letter tells the lender and its collectors the only ways and hours they may use, "
        "and whom they must leave alone. Choose what works for you: you can change it later."
    ),
    parts=(
        Ticks(
            "channels",
            gettext_lazy("Which ways may they use? Tick every way you accept."),
            required=True,
            options=CHANNELS,
        ),
        Hours(
            "hours",
            "",  # asked as two fields, each with its own label
            from_label=gettext_lazy("Earliest time they may contact you (optional)"),
            from_help=gettext_lazy("For example 09:00. Not before 08:00."),
            to_label=gettext_lazy("Latest time they may contact you (optional)"),
            to_help=gettext_lazy(
                "For example 20:00. Not after 22:00: the letter never allows contact at night, "
                "and says that from 22:00 to 08:00 you do not agree to be contacted at all."
            ),
            initial=("09:00", "20:00"),
            # Only daytime hours: the rules bar collection at night "unless agreed", and a
            # signed letter naming later hours would be that agreement.
            within=(NIGHT_ENDS, NIGHT_STARTS),
        ),
        Line(
            "contact",
            gettext_lazy("A number or address they should use (optional)"),
            help_text=gettext_lazy(
                "For example your mobile number for text messages, or a postal address."
            ),
            max_length=200,
            personal=True,
        ),
        Ticks(
            "never_contact",
            gettext_lazy("Whom must they never contact about your debt?"),
            options=never_contact_options,
        ),
        Line(
            "never_contact_names",
            gettext_lazy("Names of people they must never contact (optional)"),
            help_text=gettext_lazy("For example: 张三 (my sister), 李四."),
            max_length=200,
            personal=True,
        ),
    ),
)


def people(terms: Chosen) -> list[str]:
    """The people named as never to be contacted: each kind in the letter's words, then names."""
    targets = get_knowledge().vocabulary.targets
    named = [facts.words(targets[code].letter) for code in terms.never_contact if code != EVERYONE]
    if terms.never_contact_names:
        named.append(terms.never_contact_names)
    return named


def request_items(request: LetterRequest, assessment: Assessment) -> dict[str, str]:
    """Each request by its code (letters.yaml gives the bases of those that have one)."""
    terms = request.choices
    items = {}
    if terms is not None:
        channels = CHOICES.part("channels").letter_words(terms.channels)
        items["channels"] = _("From now on, contact me about this debt only by %(channels)s.") % {
            "channels": format_list(channels, style="or", locale=babel_locale())
        }
        if terms.hours is not None:
            items["hours"] = _("Contact me only between %(from)s and %(to)s, Beijing time.") % {
                "from": format_time(terms.hours[0]),
                "to": format_time(terms.hours[1]),
            }
        items["night"] = _(
            "I do not agree to be contacted between %(from)s and %(to)s, Beijing time, in any way."
        ) % {"from": format_time(NIGHT_STARTS), "to": format_time(NIGHT_ENDS)}
        if terms.contact:
            items["contact"] = _("To reach me, use: %(contact)s.") % {"contact": terms.contact}
        named = people(terms)
        if EVERYONE in terms.never_contact:
            items["never_contact"] = (
                _(
                    "Do not contact anyone other than me about this debt, in particular "
                    "%(people)s, and do not tell anyone else about it."
                )
                % {"people": facts.join_items(named)}
                if named
                else _(
                    "Do not contact anyone other than me about this debt, and do not tell anyone "
                    "else about it."
                )
            )
        elif named:
            items["never_contact"] = _(
                "Do not contact %(people)s about this debt, and do not tell them about it."
            ) % {"people": facts.join_items(named)}
    items["agencies"] = _(
        "Pass these terms on to any collection company acting for you: they apply to it too."
    )
    items["confirm"] = (
        _(
            "Confirm in writing, within 15 days of receiving this letter, that you and anyone "
            "collecting for you will keep to these terms."
        )
        if assessment.licensed
        else _(
            "Confirm in writing, within a reasonable time (for example within 15 days of "
            "receiving this letter), that you and anyone collecting for you will keep to these "
            "terms."
        )
    )
    return items


def build(request: LetterRequest, assessment: Assessment) -> Draft:
    items = request_items(request, assessment)
    regulators = regulator_names(request)
    texts = {
        "facts": facts_text(
            request,
            assessment,
            _(
                "I, %(name)s, am a borrower of yours. On and around %(date)s, you or collectors "
                "acting for you contacted me or other people about my debt as follows:"
            ),
            _(
                "I, %(name)s, am a borrower of yours. I am writing to set how you contact me about "
                "my debt."
            ),
        ),
        "requests": lines(numbered_items(list(items.values()), request)),
        "closing": lines(
            _(
                "I am not avoiding you: these terms make sure that what you send reaches me, and "
                "I will answer it."
            ),
            _(
                "If these terms or the rules above are broken, I will keep the records and "
                "complain to your complaints department and to %(regulators)s, and report threats "
                "or harassment to the police."
            )
            % {"regulators": facts.join_items(regulators)}
            if regulators
            else _(
                "If these terms are broken, I will keep the records and report threats or "
                "harassment to the police."
            ),
        ),
    }
    sections = (
        Section("party", _("Borrower"), rows=complainant_rows(request)),
        Section("party", _("Recipient"), rows=respondent_rows(request)),
        Section("text", _("What has happened"), name="facts"),
        Section("incidents", _("Record of the collection contacts")),
        Section("text", _("How to contact me"), name="requests"),
        Section("legal", _("Rules that already apply to you"), name="limits"),
        Section("legal", name="bases"),
        Section("text", name="closing"),
    )
    return Draft(
        addressee=_("To: %(respondent)s") % {"respondent": request.respondent},
        texts=texts,
        sections=sections,
        evidence=[],
        signature=((_("Borrower (signature)"), ""),),
        requests=tuple(code for code in items if KIND.law.request(code) is not None),
    )


KIND = LetterKind(
    code="contact_terms",
    title=gettext_lazy("Contact me only like this: ways and hours"),
    plain_purpose=gettext_lazy(
        "Says which ways and hours they may use to contact you and who they must never contact, "
        "repeats the rules that already limit them, and asks them to confirm in writing."
    ),
    letter_title=gettext_lazy("Notice of how and when to contact me"),
    file_name="contact-terms",
    build=build,
    offered=lambda situation: True,  # worth setting before anything goes wrong, too
    choices=CHOICES,
    follow_up=("lender", "police"),
    follow_up_hint=gettext_lazy("No answer in time, or the terms are broken? Then send:"),
    complaint=False,
)
