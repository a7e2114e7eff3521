"""POST /api/v1/letters (docs/api.md): a letter request in, a PDF out.

Only glue: read and validate the request (errors in the language asked for
by ``?lang=`` or Accept-Language, like the assess endpoint), then hand the
letter to ``rights_guide.letters.service``, which charges the client's
allowance by the letter's size, waits for a render slot and renders it in
the letter's own language. Nothing is stored but the rate-limit bucket.
Every failure is a 4xx or 503 with a JSON body: 400 naming each bad field,
405, 413, 415, 429 when a client has made too many letters and 503 when
the renderer is busy (both with Retry-After).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt

from rights_guide import ratelimit
from rights_guide.api.errors import errors_payload
from rights_guide.api.views import (
    RequestRejected,
    json_response,
    method_not_allowed,
    read_json_body,
    request_language,
)
from rights_guide.letters import InvalidLetterRequest, build_letter, parse_letter_request
from rights_guide.letters.service import LetterRefused, deliver_letter

LETTERS_MAX_BYTES = 256 * 1024


@csrf_exempt
def letters(request: HttpRequest) -> HttpResponse:
    with translation.override(request_language(request)):
        if request.method != "POST":
            return method_not_allowed()
        try:
            data = read_json_body(request, LETTERS_MAX_BYTES)
            now = timezone.localtime().replace(tzinfo=None)
            letter_request = parse_letter_request(data, today=now.date(), now=now)
        except RequestRejected as rejected:
            return rejected.response
        except InvalidLetterRequest as invalid:
            return json_response(errors_payload(invalid.errors), 400)
        letter = build_letter(letter_request, today=now.date())
        try:
            delivered = deliver_letter(letter, client=ratelimit.client_key(request))
        except LetterRefused as refused:
            response = json_response(errors_payload([refused.error]), refused.status)
            response["Retry-After"] = str(refused.retry_after)
            return response
    return delivered.response()
