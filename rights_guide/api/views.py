"""The JSON API (docs/api.md): another door into the same engine and letter renderer.

``POST /api/v1/assess`` reads a story and answers with the assessment;
``POST /api/v1/letters`` reads a letter request and answers with the PDF;
``GET /api/v1/openapi.json`` describes both. The views only read the
request, pick the language and hand over; they store nothing (a letter's
only trace is the client's rate-limit bucket). A letter is admitted (a
thread, a token, a render ticket) before its body is read, so a flood is
refused before it costs anything. Every failure is JSON: 400
naming each bad field, 405, 413, 415, 429 and 503 with Retry-After, never
a 500 page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from rights_guide import ratelimit
from rights_guide.api.http import (
    JSON_TYPE,
    RequestRejected,
    check_json_headers,
    json_response,
    method_not_allowed,
    read_json_body,
    request_language,
)
from rights_guide.api.openapi import openapi_document
from rights_guide.assessment import InvalidAnswers, evaluate, parse_answers
from rights_guide.letters import InvalidLetterRequest, build_letter, parse_letter_request
from rights_guide.letters.service import Admission, LetterRefused, deliver_letter
from rights_guide.messages import errors_payload
from rights_guide.results import assessment_json

ASSESS_MAX_BYTES = 64 * 1024
LETTERS_MAX_BYTES = 1024 * 1024  # a whole log: up to 2,000 incidents (spec: 1 MiB)


@csrf_exempt
def assess(request: HttpRequest) -> HttpResponse:
    language = request_language(request)
    with translation.override(language):
        if request.method != "POST":
            return method_not_allowed()
        try:
            data = read_json_body(request, ASSESS_MAX_BYTES)
            answers = parse_answers(data, today=timezone.localdate())
        except RequestRejected as rejected:
            return rejected.response
        except InvalidAnswers as invalid:
            return json_response(errors_payload(invalid.errors), 400)
        response = HttpResponse(
            assessment_json(evaluate(answers), language), content_type=JSON_TYPE
        )
        response["Cache-Control"] = "no-store"
        return response


@csrf_exempt
def letters(request: HttpRequest) -> HttpResponse:
    """Admitted before its body is read (``letters.admission``); parsed and built in a slot."""
    with translation.override(request_language(request)):
        if request.method != "POST":
            return method_not_allowed()
        try:
            check_json_headers(request, LETTERS_MAX_BYTES)
            with Admission(ratelimit.client_key(request)) as admitted:
                data = read_json_body(request, LETTERS_MAX_BYTES)
                admitted.wait()
                now = timezone.localtime().replace(tzinfo=None)
                letter_request = parse_letter_request(data, today=now.date(), now=now)
                letter = build_letter(letter_request, today=now.date())
                delivered = deliver_letter(letter, admitted)
        except RequestRejected as rejected:
            return rejected.response
        except InvalidLetterRequest as invalid:
            return json_response(errors_payload(invalid.errors), 400)
        except LetterRefused as refused:
            response = json_response(errors_payload([refused.error]), refused.status)
            response["Retry-After"] = str(refused.retry_after)
            return response
    return delivered.response()


@require_safe
def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 description of this API (the same for everyone; cacheable)."""
    response = json_response(openapi_document())
    response["Cache-Control"] = "public, max-age=3600"
    return response
