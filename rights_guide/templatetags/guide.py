"""Template filters for dates and lists in the reader's language."""

import datetime

from django import template
from django.utils.translation import pgettext

from rights_guide import formatting

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
def join_list(values):
    """Join words with the list separator of the active language (、 or a comma)."""
    return pgettext("list separator", ", ").join(str(v) for v in values)


@register.filter
def lookup(mapping, key):
    return mapping.get(key, "") if mapping else ""
