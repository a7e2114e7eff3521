"""The loader's helpers: a checker that collects every problem, and reading a YAML file.

A legal reviewer edits YAML, not Python, so every problem is collected and
reported with the file and entry it is in, and one run shows them all.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from rights_guide.knowledge.model import LANGUAGES, Text

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ID = re.compile(r"^[a-z][a-z0-9_]*$")
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(Exception):
    """The knowledge files are inconsistent; ``problems`` lists every one found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Knowledge base is invalid:\n  - " + "\n  - ".join(problems))


class Checker:
    """Collects problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append("%s: %s" % (where, message))

    def text(self, raw: Any, where: str, *, placeholders: set[str] | None = None) -> Text:
        """A text in both languages; with ``placeholders``, both must use exactly those."""
        if not isinstance(raw, Mapping):
            self.fail(where, "expected a text with both languages, got %r" % (raw,))
            return Text("", "")
        for language in LANGUAGES:
            value = raw.get(language)
            if not isinstance(value, str) or not value.strip():
                self.fail(where, "missing the %s text" % language)
            elif placeholders is not None and set(PLACEHOLDER.findall(value)) != placeholders:
                self.fail(
                    where,
                    "the %s text must use the placeholders %s"
                    % (language, ", ".join("%%(%s)s" % p for p in sorted(placeholders)) or "none"),
                )
        extra = set(raw) - set(LANGUAGES)
        if extra:
            self.fail(where, "unknown languages %s" % sorted(extra))
        return Text(zh_hans=str(raw.get("zh-hans", "")), en=str(raw.get("en", "")))

    def optional_text(self, raw: Any, where: str, *, placeholders=None) -> Text | None:
        return None if raw is None else self.text(raw, where, placeholders=placeholders)

    def text_within(self, raw: Any, where: str, allowed: set[str]) -> Text | None:
        """An optional text whose placeholders, in each language, are some of ``allowed``."""
        if raw is None:
            return None
        text = self.text(raw, where)
        for language in LANGUAGES:
            used = set(PLACEHOLDER.findall(text.get(language)))
            if not used <= allowed:
                self.fail(
                    where,
                    "the %s text may use only the placeholders %s"
                    % (language, ", ".join("%%(%s)s" % p for p in sorted(allowed)) or "none"),
                )
        return text

    def flag(self, raw: Any, where: str) -> bool:
        if raw is None:
            return False
        if not isinstance(raw, bool):
            self.fail(where, "must be true or false, got %r" % (raw,))
        return bool(raw)

    def date(self, raw: Any, where: str, *, optional: bool = False) -> datetime.date | None:
        if raw is None and optional:
            return None
        if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
            return raw
        self.fail(where, "expected a date YYYY-MM-DD, got %r" % (raw,))
        return datetime.date(1970, 1, 1)

    def choice(self, raw: Any, allowed: Iterable[str], where: str) -> str:
        allowed = tuple(allowed)
        if raw not in allowed:
            self.fail(where, "%r is not one of %s" % (raw, ", ".join(allowed)))
        return str(raw)

    def choices(self, raw: Any, allowed: Iterable[str], where: str) -> frozenset[str]:
        if raw is None:
            return frozenset()
        if not isinstance(raw, list):
            self.fail(where, "expected a list, got %r" % (raw,))
            return frozenset()
        return frozenset(self.choice(item, allowed, where) for item in raw)


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader
