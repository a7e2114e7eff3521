"""The facts of a letter, told only from what the borrower entered.

Every sentence here comes from one answer: a contact event, a tactic, the
rate or an incident. Nothing is added for effect: a letter that claims a
threat nobody reported, or harm nobody described, weakens the borrower's
case and could expose them. Sentences are whole translatable units with
named placeholders, joined as sentences, never built from fragments.
Texts come out in the active language, so callers run inside
``translation.override``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.lists import format_list
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from rights_guide.assessment import Assessment, Event
from rights_guide.evidence.facts import summarise
from rights_guide.formatting import (
    babel_locale,
    format_date,
    format_percent,
    format_period,
    format_time,
)
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import SEVERITY_RANK, Text

if TYPE_CHECKING:
    from rights_guide.letters.request import LetterRequest

VISITS = frozenset({"visit_home", "visit_work"})
PUBLIC_CHANNELS = frozenset({"online_post"})


def numbered(number: int, text: str) -> str:
    """A numbered item: "1. text" in English, "1．text" in Chinese."""
    return _("%(number)s. %(text)s") % {"number": number, "text": text}


def join_items(items: list[str]) -> str:
    """A list of short items in a sentence: "a, b and c" / "a、b和c" (CLDR list patterns)."""
    return format_list(items, locale=babel_locale())


def join_clauses(items: list[str]) -> str:
    """A list of phrases that may contain commas: "a; b" / "a；b"."""
    return pgettext("separator between list items that contain commas", "; ").join(items)


def words(text: Text) -> str:
    """A vocabulary text in the active language (builders run inside translation.override)."""
    return text.get(translation.get_language())


def target_label(code: str) -> str:
    return words(get_knowledge().vocabulary.targets[code].letter)


@dataclass(frozen=True)
class Voice:
    """A letter written by someone called about another person's debt, in their own words.

    ``me`` is the relationship the writer has to the borrower (the events
    about them are told as "me"); ``borrower`` is how the letter names the
    borrower: their name when given, else "the borrower".
    """

    me: str
    borrower: str

    def label(self, code: str) -> str:
        """Who an event was about, as the writer says it."""
        if code == self.me:
            return target_label("borrower")  # the words for "me" (我本人)
        if code == "borrower":
            return self.borrower
        return target_label(code)


def voice(request: LetterRequest) -> Voice | None:
    """The writer's voice when they are not the borrower; None for the borrower's letters."""
    answers = request.answers
    if not answers.third_party:
        return None
    named = request.borrower_name or words(get_knowledge().texts["third_party_borrower"])
    return Voice(me=answers.relationship, borrower=named)


def third_parties(request: LetterRequest) -> list[str]:
    """Codes of the people other than the borrower who were contacted, in the vocabulary's order."""
    seen = {e.target for e in request.answers.events} | {i.target for i in request.incidents}
    targets = get_knowledge().vocabulary.targets
    return [target.code for target in targets if target.third_party and target.code in seen]


def people_to_leave_alone(request: LetterRequest) -> list[str]:
    """The third parties a letter asks the collector to stop contacting.

    Not a guarantor: they answer for the debt by contract (``liable``), so
    a lender may lawfully ask them to pay. A spouse stays: asking a lender
    to write only to the borrower is a fair request.
    """
    targets = get_knowledge().vocabulary.targets
    return [code for code in third_parties(request) if not targets[code].liable]


def contact_list_used(request: LetterRequest) -> bool:
    return "contacts_list" in third_parties(request)


def channels_used(request: LetterRequest) -> set[str]:
    return {e.channel for e in request.answers.events} | {i.channel for i in request.incidents}


@dataclass(frozen=True)
class Clause:
    """One sentence of a letter's facts, and the answers it states.

    ``claims`` name each answer the sentence rests on, as plain tuples:
    ``("contact", target, means)``, ``("count", target, means, n)``,
    ``("time", target, "HH:MM")``, ``("yes", target, question)``,
    ``("no", target, question)``, ``("tactic", code)``, ``("rate", percent)``
    and ``("continued_after_intervention",)``. A test draws random
    interviews and checks every claim against the answers given, so a
    sentence that says more than an answer fails it.
    """

    text: str
    claims: tuple[tuple, ...]


def answered_together(events) -> list[list[Event]]:
    """Events in the order given, those answered together (Event.group) as one list."""
    groups: dict[object, list[Event]] = {}
    for index, event in enumerate(events):
        key = ("group", event.group) if event.group is not None else ("event", index)
        groups.setdefault(key, []).append(event)
    return list(groups.values())


def group_clauses(events: list[Event], speaker: Voice | None = None) -> list[Clause]:
    """What the answers about one person say, each answer stated once.

    One sentence per means of contact (with its worst day's count), then
    what was answered about the person: a time, and each question answered
    yes, or no where the letter has words for no. An answer given once for
    several means is stated once, as true of these contacts, never repeated
    under each means; a question nobody answered is left out.
    """
    vocabulary = get_knowledge().vocabulary
    first = events[0]
    code = first.target
    target = speaker.label(code) if speaker else target_label(code)
    values = {"target": target, "borrower": speaker.borrower if speaker else ""}
    clauses = []
    for event in events:
        means = vocabulary.contact_means[event.channel]
        sentence = (means.letter_third_party if speaker else None) or means.letter
        clauses.append(Clause(words(sentence) % values, (("contact", code, event.channel),)))
        if event.times_per_day > 1:
            clauses.append(
                Clause(
                    ngettext(
                        "On the worst day this happened %(count)s time.",
                        "On the worst day this happened %(count)s times.",
                        event.times_per_day,
                    )
                    % {"count": event.times_per_day},
                    (("count", code, event.channel, event.times_per_day),),
                )
            )
    if first.time_of_day is not None:
        moment = format_time(first.time_of_day)
        clauses.append(
            Clause(
                # Of the person's contacts as a whole: never read as the last means named.
                _("Of these contacts with %(target)s, one was at %(time)s.")
                % {"target": target, "time": moment},
                (("time", code, first.time_of_day.strftime("%H:%M")),),
            )
        )
    borrower = not vocabulary.targets[code].third_party
    for question in vocabulary.event_questions:
        if not question.asked_about(vocabulary.targets[code]):
            continue
        own = question.third_party if speaker and code == speaker.me else None
        if first.said_yes(question.code):
            sentence = (question.letter_yes_borrower if borrower else None) or question.letter_yes
            sentence, claim = (own.letter_yes if own else sentence), "yes"
        elif first.said_no(question.code):
            sentence, claim = (own.letter_no if own else question.letter_no), "no"
        else:
            continue  # nobody answered: the letter says nothing about it
        if sentence is not None:
            clauses.append(Clause(words(sentence) % values, ((claim, code, question.code),)))
    return clauses


def sentence_join(sentences: list[str]) -> str:
    """Whole sentences one after another: a space between them in English, none in Chinese."""
    text = sentences[0]
    for sentence in sentences[1:]:
        text = _("%(sentence)s %(next)s") % {"sentence": text, "next": sentence}
    return text


def conduct_clauses(request: LetterRequest, assessment: Assessment) -> list[list[Clause]]:
    """What happened, a paragraph of clauses each: a person each, the tactics, the rate."""
    answers = request.answers
    speaker = voice(request)
    paragraphs: dict[str, list[Clause]] = {}
    for events in answered_together(answers.events):
        clauses = group_clauses(events, speaker)
        paragraphs.setdefault(sentence_join([c.text for c in clauses]), clauses)
    found = list(paragraphs.values())
    tactics = [
        Clause(
            words(tactic.letter_third_party) % {"borrower": speaker.borrower}
            if speaker and tactic.letter_third_party
            else words(tactic.letter),
            (("tactic", tactic.code),),
        )
        for tactic in get_knowledge().vocabulary.tactics
        if tactic.letter is not None and tactic.code in answers.tactics
    ]
    if tactics:
        found.append(tactics)
    rate_findings = [
        f for f in assessment.established if f.code.startswith("RATE__") and f.severity != "lawful"
    ]
    if rate_findings and answers.annual_rate_percent is not None:
        rate = answers.annual_rate_percent
        found.append(
            [
                Clause(
                    _("The comprehensive annual cost of the loan is %(rate)s.")
                    % {"rate": format_percent(rate)},
                    (("rate", rate),),
                )
            ]
        )
    if answers.continued_after_intervention:
        found.append(
            [
                Clause(
                    _("This went on after the police or a regulator had stepped in."),
                    (("continued_after_intervention",),),
                )
            ]
        )
    return found


def conduct_paragraphs(request: LetterRequest, assessment: Assessment) -> list[str]:
    """The numbered paragraphs of what happened, from the events, tactics and rate entered."""
    return [
        numbered(n, sentence_join([clause.text for clause in clauses]))
        for n, clauses in enumerate(conduct_clauses(request, assessment), start=1)
    ]


def log_sentences(request: LetterRequest, *, pointer: bool = True) -> str | None:
    """What the recorded contacts show, as whole sentences (None without any).

    The period, how many (and how many were calls), at night, the most in
    one day, after a request to stop, and whom they reached: the people
    the borrower counted, or else who was contacted. With ``pointer``, a
    last sentence says the appendix lists them all.
    """
    if not request.incidents:
        return None
    log = summarise(request.incidents, get_knowledge().vocabulary)
    language = translation.get_language()
    period = format_period(log.first.date(), log.last.date(), language)
    sentences = [
        ngettext(
            "Over %(period)s I recorded %(count)s contact.",
            "Over %(period)s I recorded %(count)s contacts.",
            log.count,
        )
        % {"period": period, "count": log.count}
    ]
    if log.calls:
        sentences.append(
            ngettext(
                "%(calls)s of them was a phone call.",
                "%(calls)s of them were phone calls.",
                log.calls,
            )
            % {"calls": log.calls}
        )
    if log.night:
        sentences.append(
            ngettext(
                "%(night)s was at night, between 22:00 and 08:00.",
                "%(night)s were at night, between 22:00 and 08:00.",
                log.night,
            )
            % {"night": log.night}
        )
    busiest = log.busiest
    if busiest is not None and busiest.total > 1 and len(log.days) > 1:
        sentences.append(
            _("The most in one day was %(most)s, on %(day)s.")
            % {"most": busiest.total, "day": format_date(busiest.day, language)}
        )
    if log.after_stop:
        sentences.append(
            ngettext(
                "%(count)s came after a request to stop.",
                "%(count)s came after a request to stop.",
                log.after_stop,
            )
            % {"count": log.after_stop}
        )
    if request.people_reached:
        sentences.append(
            ngettext(
                "They reached %(people)s person I know.",
                "They reached %(people)s different people I know.",
                request.people_reached,
            )
            % {"people": request.people_reached}
        )
    elif log.third_parties and voice(request) is None:
        sentences.append(
            _("The people they contacted included %(people)s.")
            % {"people": join_items([target_label(code) for code in log.third_parties])}
        )
    if pointer:
        sentences.append(
            _(
                "Every contact is listed in the appendix, in time order, with a chart and a summary by day."
            )
        )
    return sentence_join(sentences)


def conduct_to_stop(request: LetterRequest, assessment: Assessment) -> list[str]:
    """Short names of the conduct the borrower asks to stop: what the engine found at fault."""
    tactics = get_knowledge().vocabulary.tactics
    items: list[str] = []
    for finding in assessment.established:
        if finding.rule.conduct is not None:
            if SEVERITY_RANK[finding.severity] >= SEVERITY_RANK["breach"]:
                items.append(words(finding.rule.conduct))
        elif finding.rule.tactics and finding.severity != "lawful":
            items.extend(
                words(tactic.conduct)
                for tactic in tactics
                if tactic.conduct is not None
                and tactic.code in finding.rule.tactics & request.answers.tactics
            )
    return list(dict.fromkeys(items))


def evidence_items(request: LetterRequest) -> list[str]:
    """What the borrower should attach, given what they said happened."""
    channels = channels_used(request)
    tactics = request.answers.tactics
    items = [_("The loan contract, or screenshots of the loan in the app")]
    if "call" in channels:
        items.append(
            _("Call logs showing the collectors' numbers, dates and times, and any recordings")
        )
    if "sms" in channels:
        items.append(_("Screenshots of the text messages, showing the sender and time"))
    if "im" in channels:
        items.append(_("Screenshots of the chat messages, showing the account and time"))
    if channels & VISITS:
        items.append(_("Photos, video or notes of the visits: when, where and who came"))
    if "letter" in channels:
        items.append(pgettext("evidence", "The letters received"))
    if channels & PUBLIC_CHANNELS or "public" in third_parties(request):
        items.append(
            _(
                "Screenshots of the posts, showing who posted them, where, when and how many saw them"
            )
        )
    if any(code != "borrower" for code in third_parties(request)):
        items.append(_("Written accounts or screenshots from the people who were contacted"))
    if "doctored_images" in tactics:
        items.append(_("The doctored images, with who sent them and when"))
    if "fake_court_documents" in tactics:
        items.append(_("The papers made to look like they came from a court or another state body"))
    if "fake_lawyer_letter" in tactics:
        items.append(_("The lawyer's letters sent in the name of made-up law firms or lawyers"))
    if "fake_legal_documents" in tactics and not tactics & {
        "fake_court_documents",
        "fake_lawyer_letter",
    }:
        items.append(_("The documents made to look like court papers or lawyer's letters"))
    return items
