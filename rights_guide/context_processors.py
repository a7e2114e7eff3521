"""Values every page template may show: how long answers (and the note that they are gone)
are kept, the law's date, WeChat.

``wechat``: the page is open in WeChat's own browser, where downloads
often fail; pages with downloads show a hint (``_wechat_hint.html``).
"""

from django.conf import settings
from django.http import HttpRequest

from rights_guide.cases.store import GONE_NOTICE_SECONDS
from rights_guide.knowledge import get_knowledge


def site(request: HttpRequest) -> dict:
    return {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "gone_notice_days": GONE_NOTICE_SECONDS // 86400,
        "law_as_of": get_knowledge().version_date,
        "wechat": "MicroMessenger" in request.headers.get("User-Agent", ""),
    }
