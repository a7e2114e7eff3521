"""Database sessions whose stored size is capped.

A session holds a pointer to the visitor's case and, rarely, a message for
the next page; nothing a visitor types is stored in it. The cap turns any
future mistake that would let a session grow (a 32 MB row once made every
request of that visitor take 0.6 s) into a refused request instead.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import SuspiciousOperation

MAX_SESSION_BYTES = 4096


class SessionTooLarge(SuspiciousOperation):
    """A session would be stored larger than ``MAX_SESSION_BYTES``."""


class SessionStore(DatabaseSessionStore):
    def encode(self, session_dict):
        encoded = super().encode(session_dict)
        if len(encoded) > MAX_SESSION_BYTES:
            raise SessionTooLarge("session data over %d bytes" % MAX_SESSION_BYTES)
        return encoded
