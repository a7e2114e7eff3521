"""The interview's answers from the evidence log, offered on the pages they fit.

The log is better than memory for "the worst day": a page about a person
can be filled in from the contacts logged with them (``facts.contact_answers``:
each means' worst day, night, the facts), the page "whom did they
contact?" from everyone in the log, "what did they say or do?" from the
tactics marked on its contacts, and "when?" from its last date. It is
an offer: the page is shown filled in, to check and change before going
on, and answering without a log works as before. On the tactics page the
log only adds ticks: a tactic already ticked there stays ticked, since a
log holds what was written down, not everything that happened. Only the
borrower's interview reads the borrower's log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import ngettext

from rights_guide.cases.store import VisitorCase
from rights_guide.evidence import log
from rights_guide.evidence.facts import contact_answers, contacted_targets, logged_tactics
from rights_guide.interview.flow import Flow, Step
from rights_guide.knowledge import get_knowledge

PAGES_ABOUT = "contact-"
TACTICS = "tactics"  # the page whose ticks the log's tactics fill


@dataclass(frozen=True)
class LogOffer:
    text: str  # what the log holds for this page


def _target(step: Step) -> str | None:
    form_target = step.form_kwargs({}).get("target") if step.slug.startswith(PAGES_ABOUT) else None
    return form_target if isinstance(form_target, str) else None


def offer(case: VisitorCase, step: Step, flow: Flow) -> LogOffer | None:
    """What the log could fill in on this page, or None when it has nothing for it."""
    if flow.perspective != "borrower" or not case.exists:
        return None
    target = _target(step)
    if target is None and step.slug not in ("contacts", TACTICS, "when"):
        return None
    if step.slug == TACTICS:  # the timeline leaves tactics out: read the whole log
        incidents = [incident for incident in log.incidents(case.instance) if incident.tactics]
    else:
        incidents = log.timeline(case.instance)
    if target is not None:
        incidents = [incident for incident in incidents if incident.target == target]
    if not incidents:
        return None
    return LogOffer(
        ngettext(
            "Your evidence log has %(count)s contact for this page.",
            "Your evidence log has %(count)s contacts for this page.",
            len(incidents),
        )
        % {"count": len(incidents)}
    )


def answers_for(case: VisitorCase, step: Step, flow: Flow) -> dict[str, Any] | None:
    """This page's answers from the log (to show filled in), or None when it has none."""
    if offer(case, step, flow) is None:
        return None
    vocabulary = get_knowledge().vocabulary
    incidents = log.incidents(case.instance)
    if step.slug == "contacts":
        return {"targets": contacted_targets(incidents, vocabulary)}
    if step.slug == TACTICS:
        stored = flow.stored(case).get(TACTICS) or {}
        ticked = set(stored.get("tactics") or []) | set(logged_tactics(incidents, vocabulary))
        return {
            "tactics": [code for code in vocabulary.tactics.codes if code in ticked],
            "continued_after_intervention": stored.get("continued_after_intervention"),
        }
    if step.slug == "when":
        return {"conduct_date": max(incident.when for incident in incidents).date().isoformat()}
    return contact_answers(incidents, _target(step), vocabulary)
