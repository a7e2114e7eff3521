"""Values every page template may show: how long answers (and the note that they are gone) are kept, and the law's date."""

from django.conf import settings
from django.http import HttpRequest

from rights_guide.cases.store import GONE_NOTICE_SECONDS
from rights_guide.knowledge import get_knowledge


def site(request: HttpRequest) -> dict:
    return {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "gone_notice_days": GONE_NOTICE_SECONDS // 86400,
        "law_as_of": get_knowledge().version_date,
    }
