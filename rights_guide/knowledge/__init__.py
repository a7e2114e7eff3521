"""The legal knowledge base: instruments, provisions, rules and channels, loaded once.

``get_knowledge()`` returns the validated knowledge, loading it on first use;
the app loads it at start-up (apps.py) so a broken file stops the server with
a message naming the entry, instead of failing a user later.
"""

import os
from functools import lru_cache
from pathlib import Path

from rights_guide.knowledge.loader import KnowledgeError, load_knowledge
from rights_guide.knowledge.model import Knowledge

__all__ = ["Knowledge", "KnowledgeError", "get_knowledge", "load_knowledge"]


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The knowledge base, loaded once per process.

    RIGHTS_GUIDE_KNOWLEDGE_DIR points at another data folder; reviewers use it
    to try an edited copy, and the tests use it to prove a broken file stops
    start-up.
    """
    override = os.environ.get("RIGHTS_GUIDE_KNOWLEDGE_DIR")
    return load_knowledge(Path(override)) if override else load_knowledge()
