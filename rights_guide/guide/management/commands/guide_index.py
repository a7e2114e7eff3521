"""``manage.py guide_index``: build the guide's search index now instead of on the first search.

Never needed (a search rebuilds an outdated index itself); useful after a
release to spare the first visitor the rebuild (about 0.1 s).
"""

from django.core.management.base import BaseCommand

from rights_guide.guide.models import SearchEntry
from rights_guide.guide.search import ensure_index
from rights_guide.guide.version import page_version


class Command(BaseCommand):
    help = "Build the guide's search index for the current knowledge and templates."

    def handle(self, *args, **options) -> None:
        ensure_index()
        count = SearchEntry.objects.filter(version=page_version()).count()
        self.stdout.write("Guide search index: %d entries, version %s" % (count, page_version()))
