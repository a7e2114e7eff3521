"""HTTP for the JSON API: the request's language, a JSON body within a size limit, JSON answers.

Every API view reads its body with ``read_json_body`` and answers with
``json_response``; a request that cannot be processed raises
``RequestRejected`` carrying its 4xx answer, so views stay a few lines.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse
from django.utils.translation.trans_real import parse_accept_lang_header

from rights_guide.messages import errors_payload
from rights_guide.reading import FieldError

JSON_TYPE = "application/json; charset=utf-8"
SUPPORTED = ("zh-hans", "en")


class RequestRejected(Exception):
    """A request that cannot be processed; carries the response to send."""

    def __init__(self, response: HttpResponse):
        self.response = response


def request_language(request: HttpRequest) -> str:
    """``?lang=`` first, then Accept-Language, else Simplified Chinese."""
    candidates = [request.GET.get("lang", "")]
    candidates += [
        code for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", ""))
    ]
    for candidate in candidates:
        code = candidate.strip().lower()
        if code.startswith("en"):
            return "en"
        if code.startswith("zh"):
            return "zh-hans"
    return "zh-hans"


def json_response(data: Any, status: int = 200) -> HttpResponse:
    """JSON in UTF-8 (Chinese as itself, not \\u escapes), never cached.

    orjson encodes a full assessment (about 60 KB) roughly seven times faster
    than the standard library, which is most of the API's own cost.
    """
    response = HttpResponse(orjson.dumps(data), status=status, content_type=JSON_TYPE)
    response["Cache-Control"] = "no-store"
    return response


def _problem(status: int, code: str, field: str = "body", **params: Any) -> RequestRejected:
    return RequestRejected(json_response(errors_payload([FieldError(field, code, params)]), status))


def check_json_headers(request: HttpRequest, max_bytes: int) -> None:
    """Refuse from the headers alone: a declared body over the limit (413), not JSON (415).

    Called before anything is read or charged, so an oversized upload costs nothing.
    """
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        raise _problem(413, "body_too_large", max=max_bytes)
    if (request.content_type or "").lower() != "application/json":
        raise _problem(415, "invalid_json")


def read_json_body(request: HttpRequest, max_bytes: int) -> Any:
    """Decode the body as JSON within the size limit, or raise RequestRejected."""
    check_json_headers(request, max_bytes)
    body = request.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise _problem(413, "body_too_large", max=max_bytes)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _problem(415, "invalid_encoding") from error
    try:
        return orjson.loads(text)  # strict: NaN and Infinity are not JSON
    except orjson.JSONDecodeError as error:
        raise _problem(415, "invalid_json") from error


def method_not_allowed() -> HttpResponse:
    response = json_response(errors_payload([FieldError("method", "method_not_allowed")]), 405)
    response["Allow"] = "POST"
    return response
