"""No legal wording in the letters' Python or in templates: law is named only by the knowledge base.

A message that names a law, an article or the Criminal Law would be legal
text that nobody reviews with the knowledge files, and that does not change
when they do (issue 12, spec §0.8). The one exception is the formatter in
letters/legal.py that lays out instrument names and article numbers taken
from the knowledge base. Messages are found by reading the source: gettext
calls with literal arguments in Python, ``translate`` and ``blocktranslate``
tags in templates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [
    *sorted((ROOT / "rights_guide" / "letters").rglob("*.py")),
    # The pages for the people called about someone else's debt follow the same rule.
    ROOT / "rights_guide" / "interview" / "called.py",
    ROOT / "rights_guide" / "interview" / "called_views.py",
    ROOT / "rights_guide" / "perspective.py",
]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
# (file, function) whose messages format names and numbers from the knowledge base.
FORMATTERS = {("rights_guide/letters/legal.py", "format_citations")}
LEGAL_WORDS = re.compile(r"article|\bLaw\b|\bCriminal\b")
LEGAL_CHINESE = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条|《[^》]*法》")
# Each gettext function, and which of its positional arguments are message ids.
GETTEXT = {
    "_": (0,),
    "gettext": (0,),
    "gettext_lazy": (0,),
    "gettext_noop": (0,),
    "ngettext": (0, 1),
    "ngettext_lazy": (0, 1),
    "pgettext": (1,),
    "pgettext_lazy": (1,),
    "npgettext": (1, 2),
    "npgettext_lazy": (1, 2),
}
TRANSLATE_TAG = re.compile(
    r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?"""
)
BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<options>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}",
    re.S,
)
CONTEXT = re.compile(r"""context\s+(["'])(.*?)\1""")


def _name(function: ast.expr) -> str | None:
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


def _literal(node: ast.expr) -> str | None:
    """A string literal, including implicitly concatenated ones; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def python_messages(path: Path) -> list[tuple[str, str | None, str]]:
    """(msgid, context, where) for every gettext call with literal arguments in a module."""
    relative = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, function: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        name = _name(node.func) if isinstance(node, ast.Call) else None
        if name in GETTEXT and (relative, function) not in FORMATTERS:
            contextual = name.startswith(("pgettext", "npgettext")) and node.args
            context = _literal(node.args[0]) if contextual else None
            for position in GETTEXT[name]:
                message = _literal(node.args[position]) if position < len(node.args) else None
                if message is not None:
                    found.append((message, context, "%s:%d" % (relative, node.lineno)))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, None)
    return found


def template_messages(path: Path) -> list[tuple[str, str | None, str]]:
    relative = path.relative_to(ROOT).as_posix()
    source = path.read_text(encoding="utf-8")
    found = [(m.group(2), m.group(4), relative) for m in TRANSLATE_TAG.finditer(source)]
    for block in BLOCK_TAG.finditer(source):
        context = CONTEXT.search(block["options"])
        for part in re.split(r"{%\s*plural\s*%}", block["body"]):
            message = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", part)
            found.append((message, context.group(2) if context else None, relative))
    return found


MESSAGES = [m for path in PYTHON for m in python_messages(path)] + [
    m for path in TEMPLATES for m in template_messages(path)
]


def test_the_scan_finds_the_messages_it_must_judge():
    """A scan that finds nothing would pass anything: check it sees known messages."""
    ids = {message for message, _context, _where in MESSAGES}
    assert "Legal basis" in ids  # letters/kinds: gettext in Python
    assert "Give me a receipt for this report." in ids
    assert "The letters received" in ids  # pgettext: the message, not the context
    assert "If you are in danger right now, call the police on 110." in ids  # a template tag
    assert len(ids) > 150
    # The formatter's own messages are exempt, and only those.
    assert "article %(articles)s" not in ids
    assert "%(instrument)s, relevant provisions" not in ids


@pytest.mark.parametrize(
    ("message", "where"),
    [(message, where) for message, _context, where in MESSAGES],
    ids=[where for _message, _context, where in MESSAGES],
)
def test_no_message_names_a_law_or_an_article(message, where):
    assert not LEGAL_WORDS.search(message), "%s: %r names the law; use the knowledge base" % (
        where,
        message,
    )


def test_no_chinese_translation_cites_an_article_or_names_a_law():
    """The same in the Chinese catalogue: no 第…条 or 《…法》 in a translation."""
    offending = []
    with translation.override("zh-hans"):
        for message, context, where in MESSAGES:
            chinese = pgettext(context, message) if context else gettext(message)
            if LEGAL_CHINESE.search(chinese):
                offending.append((where, message, chinese))
    assert not offending
