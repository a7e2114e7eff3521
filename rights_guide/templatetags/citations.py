"""Template tags that let guide prose cite the knowledge base by id, never by copying it.

``{% cite "a" "b" %}`` marks a claim with numbered references, [1, 2],
linked to the page's law section, where every cited provision is listed in
full; ``{% provision "civil_code_1033" %}`` names one inline instead. ``{% rule_explanation "CODE" %}`` gives a rule's own
explanation. ``{% channel "police" %}`` prints a complaint body's name and
how to reach it, and ``{% channel_prepare "police" %}`` what it asks you to
bring. ``{% verdicts "story" %}`` prints what the engine concludes
for a canonical story, lender by lender. ``{% law_section %}``, placed after
the prose, lists every provision the page cited with its instrument,
article, in-force dates, confidence label and caveats. The page's view puts
a ``CitedLaw`` collector in the context as ``cited_law``.
"""

from __future__ import annotations

from django import template
from django.utils import translation
from django.utils.html import format_html, format_html_join

from rights_guide.formatting import book_title
from rights_guide.guide.citations import (
    CONFIDENCE_LABELS,
    CitedLaw,
    provision_caveat_keys,
    short_reference,
)
from rights_guide.guide.verdicts import story_verdicts
from rights_guide.knowledge import get_knowledge

register = template.Library()


def _language() -> str:
    return translation.get_language() or "zh-hans"


def _collect(context, provision_id: str):
    """Add a provision to the page's law section; its number there and how prose names it."""
    provision = get_knowledge().provisions.get(provision_id)
    if provision is None:
        raise template.TemplateSyntaxError("no provision %r in the knowledge base" % provision_id)
    cited = context.get("cited_law")
    if not isinstance(cited, CitedLaw):
        raise template.TemplateSyntaxError("a page citing the law needs a cited_law collector")
    return cited.add(provision_id), short_reference(provision, _language())


@register.simple_tag(takes_context=True)
def provision(context, provision_id: str):
    """One provision named inline, e.g. 民法典第一千零三十三条, linked to the law section."""
    _number, name = _collect(context, provision_id)
    return format_html('<a class="cite" href="#law-{}">{}</a>', provision_id, name)


@register.simple_tag(takes_context=True)
def cite(context, *provision_ids):
    """Provisions as numbered references, [1, 2], each linked to its entry in the law section.

    Numbers keep sentences readable on a phone; a screen reader hears each
    provision's name as well. Each argument is an id or a list of ids (a FAQ
    answer's ``cites``).
    """
    ids = [
        i for item in provision_ids for i in (item if isinstance(item, list | tuple) else [item])
    ]
    links = []
    for provision_id in ids:
        number, name = _collect(context, provision_id)
        links.append(
            format_html(
                '<a class="cite" href="#law-{}">{}<span class="visually-hidden"> {}</span></a>',
                provision_id,
                number,
                name,
            )
        )
    return format_html(
        '<span class="cites">[{}]</span>', format_html_join(", ", "{}", ((link,) for link in links))
    )


@register.simple_tag
def channel(code: str):
    """A complaint body's name and how to reach it, from channels.yaml."""
    knowledge = get_knowledge()
    body = knowledge.vocabulary.bodies.get(code)
    if body is None:
        raise template.TemplateSyntaxError("no complaint body %r in channels.yaml" % code)
    language = _language()
    caveat = ""
    if body.confidence == "U":
        caveat = knowledge.texts["caveat_channel_unverified"].get(language)
    return format_html(
        '<span class="channel" data-channel="{}"><strong>{}</strong>'
        ' <span class="channel-contact">{}</span>{}</span>',
        code,
        body.name.get(language),
        body.contact.get(language),
        format_html(' <span class="caveat">{}</span>', caveat) if caveat else "",
    )


@register.simple_tag
def channel_prepare(code: str):
    """What a complaint body asks you to bring, from channels.yaml (its ``prepare`` text)."""
    body = get_knowledge().vocabulary.bodies.get(code)
    if body is None:
        raise template.TemplateSyntaxError("no complaint body %r in channels.yaml" % code)
    return format_html(
        '<span class="channel-prepare" data-channel-prepare="{}">{}</span>',
        code,
        body.prepare.get(_language()),
    )


@register.simple_tag
def rule_explanation(code: str):
    """A rule's explanation from the knowledge base, as the check's results give it."""
    rule = next((rule for rule in get_knowledge().rules if rule.code == code), None)
    if rule is None:
        raise template.TemplateSyntaxError("no rule %r in the knowledge base" % code)
    return format_html(
        '<span class="rule-explanation" data-rule="{}">{}</span>',
        code,
        rule.explanation.get(_language()),
    )


@register.inclusion_tag("guide/_verdicts.html")
def verdicts(story: str):
    """What the check concludes for a canonical story, for each kind of lender."""
    try:
        table = story_verdicts(story, _language())
    except KeyError:
        raise template.TemplateSyntaxError("no story %r in topics.yaml" % story) from None
    return {"table": table, "law_as_of": get_knowledge().version_date}


@register.inclusion_tag("guide/_law.html", takes_context=True)
def law_section(context):
    """Every provision the page cited so far, in full, with its confidence and caveats."""
    knowledge = get_knowledge()
    language = _language()
    cited = context.get("cited_law")
    items = []
    for provision_id in cited.ids if isinstance(cited, CitedLaw) else ():
        provision = knowledge.provisions[provision_id]
        instrument = provision.instrument
        items.append(
            {
                "id": provision_id,
                "instrument": book_title(instrument.name.zh_hans),
                "article": provision.article or "",
                "item": provision.item or "",
                "name": instrument.name.get(language),
                "edition": instrument.edition.get(language) if instrument.edition else "",
                "summary": provision.summary.get(language),
                "in_force_from": provision.in_force_from,
                "in_force_until": provision.in_force_until,
                "confidence": provision.confidence,
                "confidence_label": CONFIDENCE_LABELS[provision.confidence],
                "caveats": [
                    knowledge.texts[key].get(language) for key in provision_caveat_keys(provision)
                ],
                "note": provision.note.get(language) if provision.note else "",
            }
        )
    return {"items": items, "LANGUAGE_CODE": language}
