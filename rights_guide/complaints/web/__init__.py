"""The complaint pages: a body's phone script, texts to paste and its ticket record."""
