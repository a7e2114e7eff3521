"""Every registry is total: each code has its words in both languages, its place, its phrasing.

A registry entry that lacks a word, or a code that something uses but no
registry defines, stops start-up with a message naming the entry; these
tests remove one and read the message. Letter kinds are a registry in code:
each renders in both languages with its own title and file name.
"""

import shutil

import pytest
from django.utils import translation

from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from rights_guide.knowledge.loader import DATA_DIR
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.snapshot import file_names
from tests.factories import letter_data, make_letter


def without(tmp_path, filename, old, new=""):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, "test set-up: %r not in %s" % (old, filename)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def problems(copy) -> list[str]:
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    return raised.value.problems


def tactic_entry(code: str) -> str:
    text = (DATA_DIR / "vocabulary.yaml").read_text(encoding="utf-8")
    start = text.index("  - code: %s\n" % code)
    end = text.index("\n  - code: ", start + 1)
    return text[start : end + 1]


@pytest.mark.parametrize(
    ("filename", "old", "new", "expected"),
    [
        # A tactic removed from the registry while a rule still uses it.
        ("vocabulary.yaml", tactic_entry("insults"), "", "tactics: 'insults' is not one of"),
        # A word missing from an entry: the letter's phrase for a person.
        (
            "vocabulary.yaml",
            '    letter: {zh-hans: "我的家人", en: "my family"}\n',
            "",
            "targets family letter: expected a text with both languages",
        ),
        # One language missing from a question.
        (
            "vocabulary.yaml",
            ', en: "Did they ask them to pay it?"}',
            "}",
            "event_questions asked_to_pay question: missing the en text",
        ),
        # A sentence whose placeholder differs between the languages.
        (
            "vocabulary.yaml",
            'en: "They phoned %(target)s."',
            'en: "They phoned them."',
            "contact_means call letter: the en text must use the placeholders %(target)s",
        ),
        # A complaint body that a lender type names but no longer exists.
        (
            "channels.yaml",
            "  - code: nifa\n",
            "  - code: nifa_gone\n",
            "lender_types microlender complain_to: 'nifa' is not one of",
        ),
        # A regulator with no name to address a letter to.
        (
            "channels.yaml",
            '    letter_name: {zh-hans: "国家金融监督管理总局（投诉热线12378）", en: "the National Financial Regulatory Administration (complaint line 12378)"}\n',
            "",
            "a regulator needs the letter_name",
        ),
        # A flag misspelt as text.
        (
            "vocabulary.yaml",
            "    safety_first: true\n",
            "    safety_first: yes please\n",
            "must be true or false",
        ),
        # A contact means asked neither as a number nor as a checkbox.
        (
            "vocabulary.yaml",
            "    count_field: calls\n",
            "",
            "contact_means call: needs either count_field and count_label, or other_option",
        ),
    ],
    ids=[
        "tactic-removed",
        "letter-word-missing",
        "language-missing",
        "placeholder-differs",
        "body-removed",
        "regulator-unnamed",
        "flag-not-boolean",
        "means-not-asked",
    ],
)
def test_a_registry_with_an_entry_or_a_word_removed_stops_start_up(
    tmp_path, filename, old, new, expected
):
    found = problems(without(tmp_path, filename, old, new))
    assert any(expected in problem for problem in found), found


def test_every_vocabulary_has_every_word_in_both_languages_and_a_place():
    vocabulary = get_knowledge().vocabulary
    for registry in (
        vocabulary.lender_types,
        vocabulary.targets,
        vocabulary.contact_means,
        vocabulary.tactics,
        vocabulary.event_questions,
        vocabulary.bodies,
    ):
        assert len(registry) == len(set(registry.codes)) > 0
        for position, entry in enumerate(registry):
            assert registry.position(entry.code) == position
    for tactic in vocabulary.tactics:
        assert (tactic.letter is None) == (tactic.conduct is None), tactic.code
    regulators = [body for body in vocabulary.bodies if body.regulator]
    assert regulators and all(body.letter_name for body in regulators)


@pytest.mark.parametrize("kind", KINDS.codes)
def test_every_letter_kind_is_complete_in_both_languages(kind):
    entry = KINDS[kind]
    titles = {}
    for language in ("zh-hans", "en"):
        letter = make_letter(letter_data(kind=kind, language=language))
        assert letter.title and letter.sections and letter.texts["facts"]
        with translation.override(language):
            titles[language] = (str(entry.title), str(entry.purpose), str(entry.letter_title))
        ascii_name, name = file_names(letter)
        assert ascii_name.startswith(entry.file_name) and ascii_name.isascii()
        assert name.startswith(titles[language][2])
    # Translated: the Chinese words are not the English message IDs.
    assert all(zh != en for zh, en in zip(titles["zh-hans"], titles["en"], strict=True))


def test_every_letter_kind_has_its_law_in_letters_yaml_and_nothing_else_does():
    """A kind without its letters.yaml entry could not say what it cites; an entry without a
    kind would be law nobody prints."""
    from rights_guide.knowledge import get_knowledge

    assert set(get_knowledge().letters.kinds) == set(KINDS.codes)
