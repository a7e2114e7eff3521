"""Words for the guide's search index, the same for a page and for a query.

Chinese is written without spaces, so a search engine's usual word splitting
finds nothing in it. Each run of Chinese characters becomes its overlapping
two-character pieces ("联系家人" → 联系, 系家, 家人), the usual way to search
Chinese without a dictionary: a query matches a page when they share
pieces, whatever the words are. A lone character between punctuation is
kept as it is. Latin words are lowercased, and a plural "s" is dropped so
that "parents" finds "parent"; a few English words that say nothing about
the topic ("my", "the") are left out, and so is a lone Latin letter or digit
(the "1" of ``alert(1)``): it is in every page and says nothing.

Chinese pieces are stored as ASCII codes (z + five hex digits per
character): PostgreSQL's text-search parser drops characters it does not
know as letters, which depends on the database's locale (a ``C`` locale
knows only ASCII), and a code is a plain word in any locale. No Django here.
"""

from __future__ import annotations

import re
import unicodedata

# CJK ideographs: the extension A block, the unified block, compatibility
# ideographs and the supplementary planes (rare name characters such as 𠮷).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
PIECES = re.compile(r"([%s]+)|([a-z0-9]+)" % CJK)
APOSTROPHES = str.maketrans("", "", "'\u2019")  # mother's → mothers → mother
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from"}
    | {"i", "if", "in", "is", "it", "me", "my", "of", "on", "or", "so", "the", "their"}
    | {"them", "they", "this", "to", "we", "what", "when", "who", "will", "with", "you", "your"}
)


def _code(characters: str) -> str:
    return "z" + "".join("%05x" % ord(character) for character in characters)


def _stem(word: str) -> str:
    """Plural to singular, simply: replies → reply, parents → parent, address stays."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """The index words of a text, in order, repeats kept (they count towards rank)."""
    normal = unicodedata.normalize("NFKC", text).casefold().translate(APOSTROPHES)
    words: list[str] = []
    for chinese, latin in PIECES.findall(normal):
        if chinese:
            if len(chinese) == 1:
                words.append(_code(chinese))
            else:
                words.extend(_code(chinese[i : i + 2]) for i in range(len(chinese) - 1))
        elif len(latin) > 1 and latin not in STOP_WORDS:
            words.append(_stem(latin))
    return words


def token_string(text: str) -> str:
    """The words as stored: separated by spaces, with a space at each end.

    The outer spaces let a plain substring match (``" word "``) find whole
    words on databases without full-text search.
    """
    return " %s " % " ".join(tokenize(text))
