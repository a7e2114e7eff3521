"""A case: everything one visitor has entered, in one row that is deleted whole.

The interview answers, the drafts of half-finished pages, the details that
every letter shares, and the paragraphs edited per letter are one JSON
document (``data``); the letters downloaded from it are rows that point at
it and go when it goes (``on_delete=CASCADE``). "Start again", "delete
everything" and expiry therefore each delete one row, and nothing the
visitor entered can outlive it or leak into the next visitor's case.

The visitor's session holds only the case's random ``key``: the session
cookie reaches the case, the case is never addressed by anything a browser
sends. A saved case (resume codes, longer lives) will be this same row.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from rights_guide import housekeeping


class Case(models.Model):
    key = models.CharField(max_length=64, unique=True)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "rights_guide"

    def __str__(self) -> str:
        return "case of %s" % self.created_at.date().isoformat()

    @classmethod
    def live(cls) -> models.QuerySet:
        return cls.objects.filter(expires_at__gt=timezone.now())

    @classmethod
    def expired(cls) -> models.QuerySet:
        """Expired cases: deleting one deletes everything that belongs to it."""
        return cls.objects.filter(expires_at__lte=timezone.now())


housekeeping.register(Case.expired)
