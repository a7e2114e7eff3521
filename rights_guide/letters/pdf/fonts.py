"""Which fonts a letter PDF uses: the built subsets when present, the system Noto always.

``manage.py build_letter_fonts`` writes the subsets and a manifest into
``var/fonts/`` (see fontbuild.py for why). This module reads the manifest
into a ``FontPlan``: the ``@font-face`` rules of the base faces, a
font-family list on ``html`` that tries the base subset, each extension
subset, then the full system fonts, and the code-point range of each
extension face. The renderer registers the base faces once per process and
an extension face only when a letter first needs one of its characters, so
a process that prints ordinary letters never loads them. Without a manifest
the letter still renders correctly from the system fonts, only larger and a
little slower.

These rules go into a user stylesheet, kept out of the letter's own HTML,
so a stored letter never depends on where one machine keeps its fonts.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MANIFEST_NAME = "letter-fonts.json"
MANIFEST_VERSION = 4
# Installed by fonts-noto-cjk: full coverage, the last resort for any character.
SYSTEM_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
# What the base faces cover besides GB2312 (see fontbuild.py).
BASE_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A
    (0x01CD, 0x01DC),  # pinyin tone marks: ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x2000, 0x206F),  # general punctuation: — … “ ”
    (0x2100, 0x214F),  # letterlike symbols: ℃ №
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。《》「」
    (0x3300, 0x33FF),  # CJK compatibility: ㎡ ㎏ ㎞, common in addresses and amounts
    (0xFF00, 0xFFEF),  # full-width forms: ，：；（）
)


def gb2312_codepoints() -> set[int]:
    """The characters of GB2312: the 6,763 common hanzi and 682 symbols."""
    characters = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


@lru_cache(maxsize=1)
def base_codepoints() -> frozenset[int]:
    codepoints = gb2312_codepoints()
    for low, high in BASE_RANGES:
        codepoints.update(range(low, high + 1))
    return frozenset(codepoints)


def fonts_dir() -> Path:
    """Where the built fonts live: ``var/fonts`` (DJANGO_VAR_DIR moves it with the rest)."""
    return Path(settings.VAR_DIR) / "fonts"


def _css_string(value: str) -> str:
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


def _font_face(directory: Path, face: dict) -> str:
    return "@font-face { font-family: %s; src: url(%s); font-weight: %d; font-style: normal; }" % (
        _css_string(face["family"]),
        _css_string((directory / face["file"]).resolve().as_uri()),
        int(face["weight"]),
    )


@dataclass(frozen=True)
class FontPlan:
    """The fonts stylesheet of the base faces, and the extension faces by code point."""

    base_css: str
    extension_starts: tuple[int, ...]  # first code point of each extension face, ascending
    extension_ends: tuple[int, ...]
    extension_css: tuple[str, ...]

    def extensions_for(self, characters: set[str]) -> list[int]:
        """Indices of the extension faces covering any of ``characters`` beyond the base."""
        if not self.extension_starts:
            return []
        base = base_codepoints()
        needed = set()
        for character in characters:
            codepoint = ord(character)
            if codepoint < 0x80 or codepoint in base:
                continue
            index = bisect.bisect_right(self.extension_starts, codepoint) - 1
            if index >= 0 and codepoint <= self.extension_ends[index]:
                needed.add(index)
        return sorted(needed)


def read_manifest(directory: Path) -> list[dict]:
    """The built faces, or [] when they are missing, incomplete or from another version."""
    try:
        manifest = json.loads((directory / MANIFEST_NAME).read_text())
    except (OSError, ValueError):
        return []
    faces = manifest.get("faces") if isinstance(manifest, dict) else None
    if manifest.get("version") != MANIFEST_VERSION or not isinstance(faces, list):
        return []
    for face in faces:
        name = face.get("file", "") if isinstance(face, dict) else ""
        if "/" in name or not name.endswith((".otf", ".ttf")) or not (directory / name).is_file():
            return []
    return faces


def load_font_plan(directory: Path | None = None) -> FontPlan:
    directory = directory or fonts_dir()
    faces = read_manifest(directory)
    base = [face for face in faces if "first" not in face]
    extensions = sorted((face for face in faces if "first" in face), key=lambda f: f["first"])
    families = list(dict.fromkeys(face["family"] for face in [*base, *extensions]))
    stack = ", ".join(_css_string(family) for family in [*families, *SYSTEM_FAMILIES])
    rules = [_font_face(directory, face) for face in base]
    rules.append("html { font-family: %s, serif; }" % stack)
    return FontPlan(
        base_css="\n".join(rules),
        extension_starts=tuple(int(face["first"]) for face in extensions),
        extension_ends=tuple(int(face["last"]) for face in extensions),
        extension_css=tuple(_font_face(directory, face) for face in extensions),
    )
