"""Template filters for dates and lists in the reader's language, and the knowledge's texts.

Sentences about the law live in the knowledge base (meta.yaml texts), not in
templates; ``law_text`` prints one by its key in the active language.
"""

import datetime

from django import template
from django.utils import translation
from django.utils.translation import pgettext

from rights_guide import formatting
from rights_guide.knowledge import get_knowledge
from rights_guide.results import citation_groups as present_groups

register = template.Library()


@register.filter
def long_date(value):
    """2026年1月1日 / 1 January 2026, from a date or an ISO string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return formatting.format_date(value)


@register.filter
def book_title(name):
    """《民法典》, but a name with its own marks or a standard's number as it is."""
    return formatting.book_title(str(name))


@register.filter
def join_list(values):
    """Join words with the list separator of the active language (、 or a comma)."""
    return pgettext("list separator", ", ").join(str(v) for v in values)


@register.filter
def lookup(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def citation_groups(citations):
    """A finding's citations under leads that fit them: rules broken, why lawful, may involve."""
    return present_groups(
        tuple(citations), get_knowledge(), translation.get_language() or "zh-hans"
    )


@register.simple_tag
def law_text(key):
    """A text about the law from the knowledge base, in the active language."""
    return get_knowledge().texts[key].get(translation.get_language() or "zh-hans")
