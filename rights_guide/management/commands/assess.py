"""``python manage.py assess [FILE]``: the assess API on the command line.

Reads an assess request (docs/api.md) from FILE or standard input and prints
the response JSON. Exit status 0, or 2 with the errors JSON on standard
error, exactly like a 400 from the API.
"""

import json
import sys

import orjson
from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from rights_guide.assessment import FieldError, InvalidAnswers, evaluate, parse_answers
from rights_guide.messages import errors_payload
from rights_guide.results import present_assessment


class Command(BaseCommand):
    help = (
        "Assess a collection story given as JSON (a file or standard input) and print the result."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="request JSON file; standard input if omitted")
        parser.add_argument(
            "--lang", default="zh-hans", choices=["zh-hans", "en"], help="language of the texts"
        )

    def handle(self, *args, **options):
        language = options["lang"]
        with translation.override(language):
            try:
                data = read_request(options["file"])
                answers = parse_answers(data, today=timezone.localdate())
            except InvalidAnswers as invalid:
                fail(errors_payload(invalid.errors))
            except RequestError as error:
                fail(errors_payload([FieldError("body", error.code)]))
            result = present_assessment(evaluate(answers), language)
        self.stdout.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())


class RequestError(Exception):
    def __init__(self, code: str):
        self.code = code


def read_request(path: str | None):
    """Read and decode a JSON request from a file or standard input."""
    try:
        if path and path != "-":
            with open(path, "rb") as handle:
                raw = handle.read()
        else:
            raw = sys.stdin.buffer.read()
    except OSError as error:
        sys.stderr.write("%s\n" % error)
        raise SystemExit(2) from error
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RequestError("invalid_encoding") from error
    except ValueError as error:
        raise RequestError("invalid_json") from error


def fail(payload: dict) -> None:
    sys.stderr.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    raise SystemExit(2)
