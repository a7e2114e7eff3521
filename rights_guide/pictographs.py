"""Emoji in text meant for a printed letter: found, refused in names, removed from free text.

Measured (WeasyPrint 70, Debian 12's fonts-noto-color-emoji 2.042 given as
an @font-face): the colour font does print, about 10 KB per distinct emoji
in the PDF. But neither the servers nor this project install that font
(the letters use Noto CJK and their own subsets, var/fonts), so every emoji
prints as a box today; and a name, address or lender's name with an emoji
in it is not one a regulator, a court or the police can use. So the letter
fields refuse emoji with a clear message (``Reader.line``), and free text
(the paragraphs a visitor rewrites) loses them, with a notice that says so
and asks for words instead where the emoji mattered (a knife sent as a
threat). No Django here: the reader uses it too.

What counts: the pictographic blocks (U+1F000–U+1FAFF, miscellaneous
symbols and dingbats U+2600–U+27BF, U+2B00–U+2BFF, technical U+2300–U+23FF)
except the symbols GB2312 has and the letter fonts print (★ ☆ ♀ ♂ ⌒),
with what emoji are built from: variation selectors, the keycap mark, tag
characters, and a zero-width joiner next to an emoji.
"""

from __future__ import annotations

from functools import lru_cache

PICTOGRAPHIC = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x2300, 0x23FF),
)
# Parts of an emoji that are not one by themselves: variation selectors, the
# keycap mark, skin tones, tag characters.
BUILDING = (
    frozenset({0xFE0E, 0xFE0F, 0x20E3})
    | frozenset(range(0x1F3FB, 0x1F400))
    | frozenset(range(0xE0020, 0xE0080))
)
REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)  # two make one flag
JOINER = "\u200d"


@lru_cache(maxsize=1)
def _printable_symbols() -> frozenset[int]:
    """GB2312's symbols inside those blocks: the letter fonts have them."""
    found = set()
    for high in range(0xA1, 0xAA):
        for low in range(0xA1, 0xFF):
            try:
                code = ord(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
            if any(start <= code <= end for start, end in PICTOGRAPHIC):
                found.add(code)
    return frozenset(found)


def is_emoji(character: str) -> bool:
    code = ord(character)
    if code in BUILDING:
        return True
    return (
        any(start <= code <= end for start, end in PICTOGRAPHIC)
        and code not in _printable_symbols()
    )


def first_emoji(text: str) -> tuple[int, str] | None:
    """(position from 1, the emoji) of the first emoji in ``text``, or None."""
    for position, character in enumerate(text, start=1):
        if is_emoji(character):
            return position, character
    return None


def remove_emoji(text: str) -> tuple[str, int]:
    """``text`` without its emoji (and their joiners), and how many were taken out."""
    kept: list[str] = []
    removed = 0
    previous_emoji = False
    half_flag = False
    for index, character in enumerate(text):
        if is_emoji(character):
            code = ord(character)
            flag_part = code in REGIONAL_INDICATORS
            if code not in BUILDING and not (flag_part and half_flag):
                removed += 1
            half_flag = flag_part and not half_flag
            previous_emoji = True
            continue
        half_flag = False
        if character == JOINER:
            following = text[index + 1 : index + 2]
            if previous_emoji or (following and is_emoji(following)):
                continue
        kept.append(character)
        previous_emoji = False
    return "".join(kept), removed
