"""POST /api/v1/letters (spec/api.md): a letter request in, a PDF out.

Only glue: read and validate the request (errors in the language asked for
by ``?lang=`` or Accept-Language, like the assess endpoint), spend one token
of the client's PDF allowance, then build and render the letter in the
letter's own language. Nothing is stored but the rate-limit bucket. Every
failure is a 4xx with a JSON body: 400 naming each bad field, 405, 413, 415,
and 429 with Retry-After when a client has made too many letters.
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
from rights_guide.assessment import FieldError
from rights_guide.letters import (
    InvalidLetterRequest,
    build_letter,
    parse_letter_request,
    render_letter_html,
    render_letter_pdf,
)
from rights_guide.letters.snapshot import content_disposition, file_names

LETTERS_MAX_BYTES = 256 * 1024


def _too_many(decision: ratelimit.Decision) -> HttpResponse:
    error = FieldError("body", "rate_limited", {"seconds": decision.retry_after})
    response = json_response(errors_payload([error]), 429)
    response["Retry-After"] = str(decision.retry_after)
    return response


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
        decision = ratelimit.consume(ratelimit.LETTER_PDFS, ratelimit.client_key(request))
        if not decision.allowed:
            return _too_many(decision)
    letter = build_letter(letter_request, today=now.date())
    pdf = render_letter_pdf(render_letter_html(letter, language=letter.language, for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(*file_names(letter))
    response["Cache-Control"] = "no-store"
    return response
