"""Values every page template may show: how long answers are kept, the law's date, WeChat.

``wechat``: the page is open in WeChat's own browser, where downloads
often fail; pages with downloads show a hint (``_wechat_hint.html``).
"""

from django.conf import settings
from django.http import HttpRequest

from rights_guide.knowledge import get_knowledge


def site(request: HttpRequest) -> dict:
    return {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "law_as_of": get_knowledge().version_date,
        "wechat": "MicroMessenger" in request.headers.get("User-Agent", ""),
    }
