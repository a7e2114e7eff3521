"""``python manage.py letter FILE -o OUT.pdf``: the letters API on the command line.

Reads a letter request (docs/api.md) from FILE (or standard input with
``-``) and writes the PDF to OUT.pdf. Exit status 0, or 2 with the errors
JSON on standard error, exactly like a 400 from the API. ``--html`` also
writes the HTML the PDF was made from. There is no size or rate limit here:
whoever runs the command owns the machine.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from rights_guide.assessment import FieldError
from rights_guide.letters import (
    InvalidLetterRequest,
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)
from rights_guide.management.commands.assess import RequestError, fail, read_request
from rights_guide.messages import errors_payload


class Command(BaseCommand):
    help = "Make a complaint letter PDF from a letter request in JSON (a file or standard input)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="request JSON file, or - for standard input")
        parser.add_argument("-o", "--output", required=True, help="where to write the PDF")
        parser.add_argument("--html", help="also write the PDF's HTML to this file")
        parser.add_argument(
            "--lang",
            default="zh-hans",
            choices=["zh-hans", "en"],
            help="language of error messages (the letter's language is in the request)",
        )

    def handle(self, *args, **options):
        now = timezone.localtime().replace(tzinfo=None)
        with translation.override(options["lang"]):
            try:
                data = read_request(options["file"])
                request = parse_letter_request(data, today=now.date(), now=now)
            except InvalidLetterRequest as invalid:
                fail(errors_payload(invalid.errors))
            except RequestError as error:
                fail(errors_payload([FieldError("body", error.code)]))
        letter = build_letter(request, today=now.date())
        html = render_letter_html(letter, language=letter.language, for_pdf=True)
        pdf = render_letter_pdf(html)
        try:
            if options["html"]:
                with open(options["html"], "w", encoding="utf-8") as handle:
                    handle.write(html)
            with open(options["output"], "wb") as handle:
                handle.write(pdf)
        except OSError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            self.stderr.write("Wrote %s (%d bytes)" % (options["output"], len(pdf)))
