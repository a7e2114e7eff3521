"""``{% case_stamp %}`` marks a form sent from a page that was showing the visitor's case.

If that form arrives when the case is gone (expired while the page stayed
open, or deleted in another tab), GoneCaseMiddleware says so. The mark is
the same for every visitor and says nothing about them.
"""

from django import template
from django.utils.html import format_html

from rights_guide.cases.middleware import STAMP_FIELD

register = template.Library()


@register.simple_tag(takes_context=True)
def case_stamp(context):
    request = context.get("request")
    case = getattr(request, "case", None)
    if case is None or not case.exists:
        return ""
    return format_html('<input type="hidden" name="{}" value="1">', STAMP_FIELD)
