"""App configuration: load and check the knowledge base once, at start-up."""

import ctypes.util
import logging

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured

from rights_guide.erasure import keep_reserve

logger = logging.getLogger(__name__)


class RightsGuideConfig(AppConfig):
    name = "rights_guide"
    verbose_name = "Collection Rights Guide"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rights_guide.knowledge import KnowledgeError, get_knowledge

        try:
            get_knowledge()
        except KnowledgeError as error:
            raise ImproperlyConfigured(str(error)) from error
        warn_if_slow_pdf_fonts()
        keep_reserve()


def warn_if_slow_pdf_fonts() -> None:
    """Without HarfBuzz's subsetter WeasyPrint falls back to fontTools: ~9 s per Chinese letter."""
    if ctypes.util.find_library("harfbuzz-subset") is None:
        logger.warning(
            "libharfbuzz-subset0 is not installed: Chinese PDF letters will take about 9 s "
            "each instead of 0.25 s. Install it with: apt-get install libharfbuzz-subset0"
        )
