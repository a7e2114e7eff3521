"""The evidence log: every contact on record, judged one by one, charted, carried into letters.

``record`` is what an incident is and the one reader for it (the log's
pages, its CSV import and the letters API all read incidents there);
``models`` keeps a visitor's incidents as rows of their case; ``log`` adds,
changes and removes them; ``facts`` and ``chart`` derive the summary and
the timeline; ``judge`` runs each incident through the engine; ``csvio``
reads and writes the log as CSV; ``web`` holds the pages.
"""
