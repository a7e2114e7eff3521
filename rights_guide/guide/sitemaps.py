"""sitemap.xml: the pages people arrive at from a search engine, in both languages.

The home page, the guide's table of contents and every topic, and the two
plain help pages that stand on their own for someone searching: what to say
on the phone with a collector (/help/calls/) and the message a borrower
forwards to the people being called (/notice/), and the privacy page, which
a wary reader may look for before typing anything. Pages holding someone's
answers, letters or log are kept out (robots.txt, noindex).

Django's sitemap framework lists each address once per language with its
alternates (``hreflang``) and the Chinese page as ``x-default``; the last
change is the day the law is stated as of.
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from rights_guide.guide.registry import get_registry
from rights_guide.knowledge import get_knowledge


class GuideSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        pages = [("home", ()), ("guide_index", ())]
        pages += [("help_calls", ()), ("contacts_notice", ()), ("privacy", ())]
        return pages + [("guide_topic", (topic.slug,)) for topic in get_registry().topics]

    def location(self, item: tuple[str, tuple[str, ...]]) -> str:
        name, args = item
        return reverse(name, args=args)

    def lastmod(self, item) -> datetime.date:
        return get_knowledge().version_date


SITEMAPS = {"guide": GuideSitemap}
