"""Put the visitor's case on every request as ``request.case`` (loaded only if used)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rights_guide.cases.store import VisitorCase


class CaseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.case = VisitorCase(request.session)
        return self.get_response(request)
