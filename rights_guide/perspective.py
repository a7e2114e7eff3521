"""What changes when the story is told by someone called about another person's debt.

A third party's situation is an assessment with a perspective (DESIGN.md:
one engine): the same ``evaluate`` runs the same rules, and the findings
keep their codes, severities and citations. What this module adds is how
the answer speaks to them, all of it knowledge data: each finding in its
third-party words (``third_party`` in the rules), whether they owe
anything and why (their relationship's ``third_party`` entry in
vocabulary.yaml, with the provisions it rests on), what to say on the next
call, and the complaint bodies they can use in their own right
(channels.yaml ``third_party``), in their order. Plain data, no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rights_guide.assessment import Assessment, Citation, Finding
from rights_guide.assessment.compiled import provision_caveats
from rights_guide.knowledge.model import Knowledge, Rule, Wording

# Calls, texts and chat messages are what 12321 takes reports of, from anyone.
REPORTABLE_MEANS = frozenset({"call", "sms", "im"})
HARASSMENT_BODY = "miit_12321"
SAFETY_BODY = "police"


def wording(rule: Rule, third_party: bool) -> Wording:
    """A finding's words for its reader: the third-party words when they have them."""
    if third_party and rule.third_party is not None:
        return rule.third_party
    return Wording(rule.title, rule.explanation, rule.actions)


def target_label(code: str, assessment: Assessment, knowledge: Knowledge, language: str) -> str:
    """Who was contacted, as the reader says it: "you" for the person telling the story."""
    answers = assessment.answers
    if answers.third_party and code == answers.relationship:
        return knowledge.texts["third_party_you"].get(language)
    if answers.third_party and code == "borrower":
        return knowledge.texts["third_party_borrower"].get(language)
    return knowledge.vocabulary.targets[code].name.get(language)


def owes_citations(assessment: Assessment, knowledge: Knowledge) -> tuple[Citation, ...]:
    """The provisions a third party's "do I owe anything?" rests on, in force on the conduct date."""
    target = knowledge.vocabulary.targets[assessment.answers.relationship]
    day = assessment.answers.conduct_date
    cited = []
    for provision_id in target.called.owes_provisions:
        provision = knowledge.provisions[provision_id]
        if provision.in_force_on(day):
            cited.append(
                Citation(provision, "lawful", False, provision_caveats(provision), role="context")
            )
    return tuple(cited)


def third_party_channels(assessment: Assessment, knowledge: Knowledge) -> list[str]:
    """The bodies a third party can go to in their own right, in their order.

    Those the findings name that take a third party's complaint or report,
    plus 12321 whenever they were called, texted or messaged about something
    not lawful; the police first when someone's safety is at stake or a
    crime may have been committed, as for a borrower.
    """
    vocabulary = knowledge.vocabulary
    usable = vocabulary.third_party_bodies
    chosen = {code for code in assessment.channels if code in usable}
    contacted = any(e.channel in REPORTABLE_MEANS for e in assessment.answers.events)
    if contacted and assessment.overall != "lawful" and HARASSMENT_BODY in usable:
        chosen.add(HARASSMENT_BODY)
    order = list(usable)
    # The engine decides urgency; its channel order then opens with the police.
    if vocabulary.safety_first_ahead(assessment.channels) and SAFETY_BODY in order:
        order.remove(SAFETY_BODY)
        order.insert(0, SAFETY_BODY)
    return [code for code in order if code in chosen]


def present_third_party(
    assessment: Assessment,
    language: str,
    knowledge: Knowledge,
    citation_view: Callable[[Citation, str], Any],
) -> dict[str, Any]:
    """The parts of a third party's answer that a borrower's does not have.

    ``citation_view`` turns a citation into the answer's citation object
    (results.py's), so the provisions read exactly as a finding's do.
    """
    answers = assessment.answers
    target = knowledge.vocabulary.targets[answers.relationship]
    words = target.called
    channels = []
    for code in third_party_channels(assessment, knowledge):
        body = knowledge.vocabulary.bodies[code]
        channels.append(
            {
                "code": code,
                "name": body.name.get(language),
                "contact": body.contact.get(language),
                "why": body.third_party.why.get(language),
                "prepare": body.third_party.prepare.get(language),
                "confidence": body.confidence,
                "caveats": ("channel_unverified",) if body.confidence == "U" else (),
                "findings": [f.code for f in _findings_for(code, assessment)],
            }
        )
    return {
        "perspective": answers.perspective,
        "relationship": answers.relationship,
        # Their relationship as they chose it ("the borrower's husband or wife"):
        # the target's name is the borrower's word for them ("your spouse").
        "relationship_label": (words.option or target.name).get(language),
        "owes": {
            "answer": words.owes,
            "text": words.owes_text.get(language),
            "citations": [
                citation_view(c, language) for c in owes_citations(assessment, knowledge)
            ],
        },
        "script": words.script.get(language),
        "channels": channels,
    }


def _findings_for(code: str, assessment: Assessment) -> list[Finding]:
    """The findings a body is listed for: those naming it, and for 12321 the harassing contact."""
    events = assessment.answers.events
    return [
        finding
        for finding in assessment.findings
        if code in finding.channels
        or (
            code == HARASSMENT_BODY
            and finding.severity != "lawful"
            and any(events[i].channel in REPORTABLE_MEANS for i in finding.event_indices)
        )
    ]
