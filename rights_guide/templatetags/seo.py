"""``{% alternate_links %}``: the canonical address and the page in every language, for <head>."""

from django import template
from django.conf import settings
from django.utils import translation

from rights_guide.guide.seo import HREFLANG, alternate_urls

register = template.Library()


@register.inclusion_tag("guide/_alternates.html", takes_context=True)
def alternate_links(context):
    """Canonical, hreflang alternates and x-default (the Chinese page) for the current page."""
    urls = alternate_urls(context["request"])
    current = translation.get_language()
    return {
        "canonical": dict(urls)[current],
        "alternates": [(HREFLANG[code], url) for code, url in urls],
        "default": dict(urls)[settings.LANGUAGE_CODE],
    }
