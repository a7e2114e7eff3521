"""The subset fonts: built once, found by code point, and optional."""

import io
import itertools
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from rights_guide.letters.pdf.fontbuild import build_fonts, find_source_faces
from rights_guide.letters.pdf.fonts import MANIFEST_NAME, base_codepoints, load_font_plan


@pytest.fixture(scope="module")
def built_by_the_command(tmp_path_factory):
    """One build (about 15 s) through the set-up command, shared by this module's tests."""
    var_dir = tmp_path_factory.mktemp("var")
    output = io.StringIO()
    with override_settings(VAR_DIR=var_dir):
        call_command("build_letter_fonts", stdout=output)
    directory = var_dir / "fonts"
    return directory, json.loads((directory / MANIFEST_NAME).read_text()), output.getvalue()


@pytest.fixture(scope="module")
def built(built_by_the_command):
    directory, manifest, _output = built_by_the_command
    return directory, manifest


def test_the_build_writes_a_base_pair_and_extension_faces(built):
    directory, manifest = built
    faces = manifest["faces"]
    assert [(f["family"], f["weight"]) for f in faces[:2]] == [
        ("Letter Serif", 400),
        ("Letter Serif", 700),
    ]
    extensions = faces[2:]
    assert len(extensions) >= 10
    assert all(f["first"] <= f["last"] for f in extensions)
    assert all(a["last"] < b["first"] for a, b in itertools.pairwise(extensions))
    for face in faces:
        assert (directory / face["file"]).stat().st_size > 100_000
    assert json.loads((directory / MANIFEST_NAME).read_text()) == manifest


def _bounds(font: TTFont, character: str):
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(character)]].draw(pen)
    return pen.bounds


def test_the_base_faces_are_truetype_with_the_source_outlines(built):
    """Every letter embeds the base faces: TrueType outlines subset faster and embed smaller."""
    directory, manifest = built
    sources = find_source_faces()
    for face in manifest["faces"][:2]:
        with (
            TTFont(directory / face["file"]) as base,
            TTFont(
                sources[face["weight"]].path, fontNumber=sources[face["weight"]].index
            ) as source,
        ):
            assert "glyf" in base and "CFF " not in base
            for character in "投诉书永，A1":
                converted, original = _bounds(base, character), _bounds(source, character)
                assert converted is not None, character
                # The quadratic curves stay within a unit or two of the cubic originals.
                assert all(abs(a - b) <= 2 for a, b in zip(converted, original, strict=True)), (
                    character
                )


def test_a_second_build_is_skipped_until_forced(built):
    directory, manifest = built
    assert build_fonts(directory) == (False, manifest)


def test_rare_characters_are_found_in_extension_faces_and_common_ones_in_the_base(built):
    directory, _manifest = built
    plan = load_font_plan(directory)
    assert plan.extensions_for(set("投诉书 Letter，。㎡")) == []
    assert len(plan.extensions_for(set("䶮𠮷堃昇"))) == 4
    assert {ord(c) for c in "投诉，㎡"} <= base_codepoints()
    assert "Letter Serif Ext 01" in plan.base_css  # every family is listed up front


def test_without_a_build_only_the_system_fonts_are_listed(tmp_path):
    plan = load_font_plan(tmp_path)
    assert "@font-face" not in plan.base_css
    assert '"Noto Serif CJK SC"' in plan.base_css
    assert plan.extensions_for(set("䶮")) == []


def test_the_command_reports_what_it_did(built_by_the_command, settings, capsys):
    directory, manifest, output = built_by_the_command
    assert output == "Built %d letter font files in %s\n" % (len(manifest["faces"]), directory)
    settings.VAR_DIR = directory.parent
    call_command("build_letter_fonts", verbosity=2)
    assert "up to date" in capsys.readouterr().out
