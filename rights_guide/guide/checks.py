"""The guide's start-up check: the registry loads, and every topic template cites what exists.

Run when the app starts (apps.py), like the knowledge loader: a topic
without its template in a language, a tool whose page does not exist, or a template citing a provision,
story or complaint body that is not in the data (or a provision not in
force on the day the law is stated as of), stops start-up with every
problem named, instead of a reader meeting a broken page.
"""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from rights_guide.guide.citations import template_problems
from rights_guide.guide.registry import get_registry
from rights_guide.knowledge import get_knowledge
from rights_guide.knowledge.model import LANGUAGES


def guide_problems() -> list[str]:
    """Every problem with the topics' templates (the registry raises GuideError itself)."""
    knowledge = get_knowledge()
    registry = get_registry()
    problems = []
    for topic in registry.topics:
        for pair in topic.faq:
            for provision_id in pair.cites:
                if not knowledge.provisions[provision_id].in_force_on(knowledge.version_date):
                    problems.append(
                        "topics.yaml: topic %s faq cites %s, not in force on %s"
                        % (topic.slug, provision_id, knowledge.version_date.isoformat())
                    )
        for language in LANGUAGES:
            name = topic.template(language)
            try:
                source = get_template(name).template.source
            except TemplateDoesNotExist:
                problems.append("topic %s has no template %s" % (topic.slug, name))
                continue
            problems += template_problems(
                name, source, knowledge, registry.stories, knowledge.vocabulary.bodies
            )
    for tool in registry.tools:
        try:
            reverse(tool.url)
        except NoReverseMatch:
            problems.append("topics.yaml: tool %s is not a URL name" % tool.url)
    return problems
