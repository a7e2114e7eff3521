"""The guide's search index: one row per topic and language, rebuilt from the pages.

``key_tokens`` holds the words of the title, the description and the
keywords (both languages' keywords in every row), ``body_tokens`` the words
of the rendered article, each as ``tokens.token_string`` writes them. On
PostgreSQL a GIN index over their weighted text-search vector (the migration
creates it there only) serves full-text queries; elsewhere the columns are
matched as plain text. ``version`` is the page version the row was built
from: rows of another version are rebuilt before a search reads them.
"""

from django.db import models


class SearchEntry(models.Model):
    topic = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    version = models.CharField(max_length=80)
    key_tokens = models.TextField()
    body_tokens = models.TextField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["topic", "language"], name="guide_entry_topic_language"
            ),
        )

    def __str__(self) -> str:
        return "%s (%s)" % (self.topic, self.language)
