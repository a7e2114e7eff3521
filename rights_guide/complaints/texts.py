"""The phone script and paste-ready texts for one complaint body, from a letter request.

Built from the same clauses as the letters (``conduct_clauses``), so a phone
call or a form states only what was answered. Texts are trimmed to a form's
length by dropping whole clauses, then whole requests, never by cutting a
sentence; lengths count every character alike (``len``), as forms count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from rights_guide.assessment import evaluate
from rights_guide.knowledge import get_knowledge
from rights_guide.letters.facts import Clause, conduct_clauses, sentence_join
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.request import LetterRequest

LENGTHS = (300, 500, 1000)  # the sizes forms commonly allow, in characters
BLANK = "________"
BORROWER = "borrower"


def perspective_of(request: LetterRequest) -> str:
    """Whose complaint: the borrower's, or that of someone called about the debt."""
    return BORROWER if not request.answers.third_party else "third_party"


@dataclass(frozen=True)
class Field:
    """One answer a typical complaint form asks for."""

    name: str
    label: str
    value: str
    hint: str = ""  # what to do when the answers leave it empty


@dataclass(frozen=True)
class Complaint:
    body: str
    body_name: str
    script: tuple[str, ...]  # the phone call, step by step
    texts: tuple[tuple[int, str], ...]  # (bound, text), each len(text) <= bound
    fields: tuple[Field, ...]
    clauses: tuple[Clause, ...]  # every fact clause any of the above states
    next_steps: str


def letter_kind(body: str, perspective: str = BORROWER) -> str | None:
    """The letter whose requests a complaint to this body repeats; None: the body's own ask.

    Someone called about another person's debt writes only to the lender
    (the third_party letter); to the other bodies they ask the body's own ask.
    """
    channel = get_knowledge().vocabulary.bodies[body]
    if perspective != BORROWER:
        return "third_party" if body == "lender" else None
    if channel.regulator:
        return "regulator"
    return "lender" if body == "lender" else None


def offered(body: str, perspective: str = BORROWER) -> bool:
    """Whether the body takes calls or forms, and the complaint has requests to make to it."""
    channel = get_knowledge().vocabulary.bodies.get(body)
    if channel is None or not (channel.phone or channel.online_form):
        return False
    if perspective == BORROWER:
        return True
    return channel.third_party is not None and (body == "lender" or channel.ask is not None)


def _requests(request: LetterRequest, assessment, body: str, language: str) -> list[str]:
    kind = letter_kind(body, perspective_of(request))
    if kind is None:
        return [get_knowledge().vocabulary.bodies[body].ask.get(language)]
    draft = KINDS[kind].build(request, assessment)
    return [line for line in draft.texts["requests"].split("\n") if line.strip()]


def _text(opening: str, clauses: list[Clause], asks: list[str]) -> str:
    parts = [opening]
    if clauses:
        parts.append(sentence_join([c.text for c in clauses]))
    return "\n".join([*parts, *asks])


def _fit(opening: str, clauses: list[Clause], asks: list[str], bound: int):
    """The text within ``bound`` keeping the most whole clauses and requests, in their order.

    Facts and requests are both cut from the end, whole: at least one request
    is kept when any fits, and a tie keeps more facts.
    """
    best = None
    for n_asks in range(len(asks), -1, -1):
        for n_clauses in range(len(clauses), -1, -1):
            if len(_text(opening, clauses[:n_clauses], asks[:n_asks])) <= bound:
                score = (min(n_asks, 1), n_asks + n_clauses, n_clauses)
                if best is None or score > best[0]:
                    best = (score, n_clauses, n_asks)
                break
    if best is None:
        return "", ()
    kept = clauses[: best[1]]
    return _text(opening, kept, asks[: best[2]]), tuple(kept)


def build_complaint(request: LetterRequest, body: str, language: str) -> Complaint:
    """Everything the complaint page shows for ``body``, in ``language``."""
    channel = get_knowledge().vocabulary.bodies[body]
    assessment = evaluate(request.answers).as_established()
    with translation.override(language):
        body_name = channel.name.get(language)
        lender = request.respondent or BLANK
        me = request.complainant.name or BLANK
        paragraphs = conduct_clauses(request, assessment)
        asks = _requests(request, assessment, body, language)
        borrower = perspective_of(request) == BORROWER
        if body == "lender" and not borrower:
            opening = _(
                "To %(lender)s: I am %(me)s and I complain about how you contact me about "
                "another person's debt."
            )
        elif body == "lender":  # written to the lender itself
            opening = _("To %(lender)s: I am %(me)s and I complain about how my debt is collected.")
        else:
            opening = _("To %(body)s: I am %(me)s and I complain about %(lender)s.")
        opening = opening % {"body": body_name, "me": me, "lender": lender}
        clauses = [clause for paragraph in paragraphs for clause in paragraph]
        texts = []
        for bound in LENGTHS:
            text, _kept = _fit(opening, clauses, asks, bound)
            texts.append((bound, text))
        facts = [c.text for paragraph in paragraphs for c in paragraph]
        script = (
            _("Hello, my name is %(me)s. I want to complain about %(lender)s.")
            % {"me": me, "lender": lender},
            *(
                [_("My loan or account number is %(number)s.") % {"number": BLANK}]
                if borrower
                else []
            ),
            *facts,
            _("What I ask for:"),
            *asks,
            _("Please give me a complaint or reference number, if there is one."),
            _("Please tell me when and how I will get an answer."),
        )
        fields = (
            Field(
                "respondent",
                _("Who is complained about"),
                request.respondent,
                _("The lender's full name, as your contract or the app gives it."),
            ),
            Field("matter", _("What it is about"), sentence_join(facts) if facts else ""),
            Field("request", _("What you ask for"), "\n".join(asks)),
            Field(
                "amount",
                _("Amount involved"),
                "",  # the interview does not ask it: nothing is made up
                _("Not given in your answers: fill it in if you know it, or leave it blank."),
            ),
        )
        return Complaint(
            body=body,
            body_name=body_name,
            script=script,
            texts=tuple(texts),
            fields=fields,
            clauses=tuple(clauses),
            next_steps=channel.next_steps.get(language) if channel.next_steps else "",
        )
