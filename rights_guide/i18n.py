"""Vocabulary words in the reader's language, for places Django reads lazily (form labels)."""

from django.utils.functional import lazy
from django.utils.translation import get_language

from rights_guide.knowledge.model import Text


def _in_active_language(text: Text) -> str:
    return text.get(get_language() or "zh-hans")


def localized(text: Text) -> str:
    """A lazy string: the text in whatever language is active when it is shown."""
    return lazy(_in_active_language, str)(text)
