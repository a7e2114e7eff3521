"""``python manage.py build_letter_fonts``: subset Noto Serif CJK SC into ``var/fonts/`` once.

The set-up scripts run it; it returns at once when the fonts are already
built from the same installed source fonts (``--force`` rebuilds). Letters
still render without these fonts, from the full system fonts, only larger
and slower; see rights_guide/letters/fontbuild.py.
"""

from django.core.management.base import BaseCommand, CommandError

from rights_guide.letters.pdf.fontbuild import FontBuildError, build_fonts
from rights_guide.letters.pdf.fonts import fonts_dir


class Command(BaseCommand):
    help = "Build the subset fonts that letter PDFs embed (var/fonts/), if they are missing."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild even if up to date")

    def handle(self, *args, **options):
        directory = fonts_dir()
        try:
            built, manifest = build_fonts(directory, force=options["force"])
        except FontBuildError as error:
            raise CommandError(str(error)) from error
        if built:
            self.stdout.write(
                "Built %d letter font files in %s" % (len(manifest["faces"]), directory)
            )
        elif options["verbosity"] > 1:
            self.stdout.write("Letter fonts in %s are up to date" % directory)
