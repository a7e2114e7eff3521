"""Build the letter fonts once: small subsets of the installed Noto Serif CJK SC.

Why not embed the system font directly? WeasyPrint keeps every glyph ID up
to the highest one a document uses when it embeds a font, so a letter that
uses one character from the end of a 65,535-glyph CJK font carries the
skeleton of the whole font: about 400 KB for a two-page letter, and 110 KB
more for a single rare name character such as 䶮. So we cut the font into:

- a base face, regular and bold: GB2312 (the 6,763 common hanzi and its
  symbols), Latin, pinyin and punctuation, about 7,900 glyphs;
- extension faces of about 2,000 characters each, covering everything else
  the Noto SC face has (rarer hanzi, Extension A and B, ㎡ …) except Hangul,
  so a rare character costs a few kilobytes instead of a hundred.

Each face gets its own family name ("Letter Serif", "Letter Serif Ext 01" …)
and is listed in that order in the font-family of the PDF; the system Noto
fonts stay last as the fallback for anything else. Faces sharing a family
name with unicode-range slices would collide in the PDF, and woff2 would be
decoded on every render, so these are plain OpenType files.

Subsetting uses HarfBuzz's subsetter (libharfbuzz-subset0, which WeasyPrint
already needs): cutting all the faces takes seconds, where fontTools takes
minutes. fontTools renames the families and converts the base faces' CFF
outlines to TrueType (quadratic) outlines. Every letter embeds the base
faces, and WeasyPrint subsets them again for each PDF: measured on the
two-page reference letter, TrueType outlines subset in about 4.5 ms instead
of 11 ms per face and embed far smaller (the whole PDF went from 167 KB to
113 KB), because HarfBuzz must desubroutinise CFF glyphs when it subsets
them. The conversion costs about 7 s per face, once, so the two base faces
convert in parallel; the extension faces, rarely embedded, stay CFF.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cffi
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from rights_guide.letters.pdf.fonts import MANIFEST_NAME, MANIFEST_VERSION, base_codepoints

SOURCE_FAMILY = "Noto Serif CJK SC"
BASE_FAMILY = "Letter Serif"
EXTENSION_FAMILY = "Letter Serif Ext %02d"
EXTENSION_SIZE = 2000
# Shaping features Latin and CJK text need; "locl" and the vertical forms
# would pull in thousands of glyphs for other languages and vertical text.
LAYOUT_FEATURES = ("ccmp", "kern", "liga", "calt")
DROPPED_TABLES = ("vhea", "vmtx", "VORG", "BASE", "DSIG")
# Largest distance, in font units (1,000 to the em), between a cubic curve
# and the quadratic curves that replace it: the value font compilers use,
# far below what a printer can show.
QUADRATIC_MAX_ERROR = 1.0
BASE_FILES = {400: "letter-serif-regular.ttf", 700: "letter-serif-bold.ttf"}
HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))

_FFI = cffi.FFI()
_FFI.cdef(
    """
    typedef struct hb_blob_t hb_blob_t;
    typedef struct hb_face_t hb_face_t;
    typedef struct hb_set_t hb_set_t;
    typedef struct hb_subset_input_t hb_subset_input_t;
    typedef uint32_t hb_codepoint_t;
    typedef uint32_t hb_tag_t;
    hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
    void hb_blob_destroy(hb_blob_t *blob);
    const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
    hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
    void hb_face_destroy(hb_face_t *face);
    hb_blob_t *hb_face_reference_blob(hb_face_t *face);
    void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
    void hb_set_clear(hb_set_t *set);
    hb_tag_t hb_tag_from_string(const char *str, int len);
    hb_subset_input_t *hb_subset_input_create_or_fail(void);
    void hb_subset_input_destroy(hb_subset_input_t *input);
    hb_set_t *hb_subset_input_unicode_set(hb_subset_input_t *input);
    hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
    void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
    hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
    """
)
HB_SUBSET_SETS_DROP_TABLE_TAG = 3
HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6
HB_SUBSET_FLAGS_NO_HINTING = 0x01
HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40


class FontBuildError(Exception):
    """The source fonts or the HarfBuzz subsetter are missing."""


@dataclass(frozen=True)
class SourceFace:
    path: Path
    index: int

    def fingerprint(self) -> str:
        stat = self.path.stat()
        return "%s:%d:%d:%d" % (self.path, self.index, stat.st_size, int(stat.st_mtime))


def find_source_faces() -> dict[int, SourceFace]:
    """Noto Serif CJK SC regular (400) and bold (700), as fontconfig knows them."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FontBuildError("fc-list (fontconfig) is not installed")
    try:
        listing = subprocess.run(  # noqa: S603 - fixed arguments, no user input
            [fc_list, "-f", "%{file}|%{index}|%{weight}\n", ":family=%s" % SOURCE_FAMILY],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise FontBuildError("fc-list failed: %s" % error) from error
    faces = {}
    for line in listing.splitlines():
        path, index, weight = line.split("|")
        # fontconfig weights: 80 regular, 200 bold.
        css_weight = {"80": 400, "200": 700}.get(weight.strip())
        if css_weight:
            faces[css_weight] = SourceFace(Path(path), int(index))
    missing = {400, 700} - set(faces)
    if missing:
        raise FontBuildError(
            "%s is not installed (apt-get install fonts-noto-cjk); missing weights %s"
            % (SOURCE_FAMILY, sorted(missing))
        )
    return faces


def _harfbuzz():
    try:
        return _FFI.dlopen("libharfbuzz.so.0"), _FFI.dlopen("libharfbuzz-subset.so.0")
    except OSError as error:
        raise FontBuildError(
            "HarfBuzz's subsetter is missing: apt-get install libharfbuzz-subset0"
        ) from error


def subset_face(face: SourceFace, codepoints: Iterable[int]) -> bytes:
    """The face cut down to ``codepoints`` (plus what shaping them needs), as OpenType bytes."""
    hb, hb_subset = _harfbuzz()
    blob = hb.hb_blob_create_from_file_or_fail(str(face.path).encode())
    if blob == _FFI.NULL:
        raise FontBuildError("cannot read %s" % face.path)
    source = hb.hb_face_create(blob, face.index)
    plan = hb_subset.hb_subset_input_create_or_fail()
    try:
        unicodes = hb_subset.hb_subset_input_unicode_set(plan)
        for codepoint in codepoints:
            hb.hb_set_add(unicodes, codepoint)
        dropped = hb_subset.hb_subset_input_set(plan, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in DROPPED_TABLES:
            hb.hb_set_add(dropped, hb.hb_tag_from_string(tag.encode(), -1))
        features = hb_subset.hb_subset_input_set(plan, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        hb.hb_set_clear(features)
        for tag in LAYOUT_FEATURES:
            hb.hb_set_add(features, hb.hb_tag_from_string(tag.encode(), -1))
        hb_subset.hb_subset_input_set_flags(
            plan, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        )
        result = hb_subset.hb_subset_or_fail(source, plan)
        if result == _FFI.NULL:
            raise FontBuildError("HarfBuzz could not subset %s" % face.path)
        out = hb.hb_face_reference_blob(result)
        length = _FFI.new("unsigned int *")
        data = _FFI.unpack(hb.hb_blob_get_data(out, length), length[0])
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
        return data
    finally:
        hb_subset.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(source)
        hb.hb_blob_destroy(blob)


def rename(data: bytes, family: str, bold: bool, *, truetype: bool = False) -> bytes:
    """Give a subset its own family name, so it never stands in for the full system font.

    With ``truetype``, also replace its CFF outlines by TrueType outlines.
    """
    font = TTFont(io.BytesIO(data))
    style = "Bold" if bold else "Regular"
    names = {
        1: family,
        2: style,
        4: "%s %s" % (family, style) if bold else family,
        6: "%s-%s" % (family.replace(" ", ""), style),
        16: family,
        17: style,
    }
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    if truetype:
        _cff_to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cff_to_truetype(font: TTFont) -> None:
    """Redraw every glyph as quadratic curves in a ``glyf`` table, in place of ``CFF``."""
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # TrueType contours run clockwise, PostScript ones anticlockwise.
        glyph_set[name].draw(Cu2QuPen(pen, QUADRATIC_MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]  # version 1.0 carries TrueType's limits, recounted on save
    maxp.tableVersion = 0x00010000
    for field in (
        "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
        "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: PDFs map glyphs through ToUnicode
    font.sfntVersion = "\x00\x01\x00\x00"


def _base_face(face: SourceFace, bold: bool) -> bytes:
    """One base face, subset, renamed and converted (run in a worker process)."""
    data = subset_face(face, sorted(base_codepoints()))
    return rename(data, BASE_FAMILY, bold, truetype=True)


def extension_chunks(face: SourceFace, base: set[int]) -> list[list[int]]:
    """Everything else the face maps, minus Hangul, in code-point order and fixed-size chunks."""
    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
        mapped = font.getBestCmap()
    rest = sorted(
        codepoint
        for codepoint in mapped
        if codepoint not in base and not any(low <= codepoint <= high for low, high in HANGUL)
    )
    return [rest[start : start + EXTENSION_SIZE] for start in range(0, len(rest), EXTENSION_SIZE)]


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name("%s.%d.tmp" % (path.name, os.getpid()))  # builds may race
    temporary.write_bytes(data)
    os.replace(temporary, path)


def sources_fingerprint(faces: dict[int, SourceFace]) -> str:
    text = "|".join(faces[weight].fingerprint() for weight in sorted(faces))
    return hashlib.sha256(("%d|%s" % (MANIFEST_VERSION, text)).encode()).hexdigest()


def build_fonts(directory: Path, *, force: bool = False) -> tuple[bool, dict]:
    """Build the fonts into ``directory`` unless they are already there; (built?, manifest)."""
    faces = find_source_faces()
    fingerprint = sources_fingerprint(faces)
    manifest_path = directory / MANIFEST_NAME
    if not force and manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text())
        except ValueError:
            manifest = {}
        files_present = all((directory / f["file"]).exists() for f in manifest.get("faces", []))
        if manifest.get("sources") == fingerprint and files_present:
            return False, manifest
    directory.mkdir(parents=True, exist_ok=True)
    base = base_codepoints()
    entries = []
    weights = sorted(BASE_FILES)
    with ProcessPoolExecutor(max_workers=min(len(weights), os.cpu_count() or 1)) as pool:
        built = pool.map(_base_face, [faces[w] for w in weights], [w == 700 for w in weights])
        for weight, data in zip(weights, built, strict=True):
            _write(directory / BASE_FILES[weight], data)
            entries.append({"family": BASE_FAMILY, "weight": weight, "file": BASE_FILES[weight]})
    for number, chunk in enumerate(extension_chunks(faces[400], base), start=1):
        family = EXTENSION_FAMILY % number
        file_name = "letter-serif-ext-%02d.otf" % number
        _write(directory / file_name, rename(subset_face(faces[400], chunk), family, False))
        entries.append(
            {
                "family": family,
                "weight": 400,
                "file": file_name,
                "first": chunk[0],
                "last": chunk[-1],
            }
        )
    manifest = {"version": MANIFEST_VERSION, "sources": fingerprint, "faces": entries}
    _write(manifest_path, json.dumps(manifest, indent=2).encode())
    current = {entry["file"] for entry in entries}
    for stale in directory.glob("letter-serif-*"):  # left by an older build
        if stale.name not in current and not stale.name.endswith(".tmp"):
            stale.unlink(missing_ok=True)
    return True, manifest
