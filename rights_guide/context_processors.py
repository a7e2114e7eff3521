"""Values every page template may show: how long answers are kept, and the law's date."""

from django.conf import settings
from django.http import HttpRequest

from rights_guide.knowledge import get_knowledge


def site(request: HttpRequest) -> dict:
    return {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "law_as_of": get_knowledge().version_date,
    }
