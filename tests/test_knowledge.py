"""The knowledge files: complete, bilingual, resolvable, and refused when broken."""

import os
import shutil
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from rights_guide.knowledge.loader import DATA_DIR
from rights_guide.knowledge.model import Text
from rights_guide.knowledge.vocabulary import Registry
from tests.factories import TACTICS, TARGETS

ROOT = Path(__file__).resolve().parent.parent


def all_texts(value, path="knowledge", seen=None):
    """Yield (path, Text) for every Text reachable from the knowledge object."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield path, value
    elif is_dataclass(value):
        for f in fields(value):
            yield from all_texts(getattr(value, f.name), "%s.%s" % (path, f.name), seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from all_texts(item, "%s[%s]" % (path, key), seen)
    elif isinstance(value, Registry):
        for entry in value:
            yield from all_texts(entry, "%s[%s]" % (path, entry.code), seen)
    elif isinstance(value, list | tuple | frozenset):
        for index, item in enumerate(value):
            yield from all_texts(item, "%s[%d]" % (path, index), seen)


def test_every_shipped_text_has_both_languages():
    texts = list(all_texts(get_knowledge()))
    assert len(texts) > 400
    for path, text in texts:
        assert text.zh_hans.strip(), path
        assert text.en.strip(), path
        assert text.zh_hans != text.en, path


def test_every_citation_resolves_to_a_known_provision():
    knowledge = get_knowledge()
    for rule in knowledge.rules:
        for ground in rule.grounds:
            assert knowledge.provisions[ground.provision.id] is ground.provision, rule.code


def test_every_tactic_and_target_in_the_spec_is_recognised():
    knowledge = get_knowledge()
    assert set(TACTICS) <= set().union(*(r.tactics for r in knowledge.rules))
    assert set(TARGETS) <= {t for r in knowledge.rules for m in r.events for t in m.targets}


def test_the_repealed_contract_law_is_nowhere():
    for instrument in get_knowledge().instruments.values():
        assert "合同法" not in instrument.name.zh_hans


def test_both_public_security_texts_are_present_and_do_not_overlap():
    instruments = get_knowledge().instruments
    old, new = instruments["psapl_2012"], instruments["psapl_2025"]
    assert str(old.in_force_until) == "2025-12-31"
    assert str(new.in_force_from) == "2026-01-01"
    provisions = get_knowledge().provisions
    assert provisions["psapl_2012_42_1"].article == "第四十二条"
    assert provisions["psapl_2025_50_1"].article == "第五十条"
    assert provisions["psapl_2025_56"].article == "第五十六条"


def test_unverified_channel_is_labelled():
    assert get_knowledge().vocabulary.bodies["legal_aid_12348"].confidence == "U"


def test_the_version_changes_when_a_file_changes(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = load_knowledge(copy).version
    path = copy / "rules_rate.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert load_knowledge(copy).version != before


def broken_copy(tmp_path, filename, old, new):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, "test set-up: %r not found in %s" % (old, filename)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        (
            "rules_contact.yaml",
            "{provision: civil_code_1032, severity: unlawful}",
            "{provision: civil_code_9999, severity: unlawful}",
            "rule CONTACT__THIRD_PARTY_DISCLOSURE ground 1: cites unknown provision 'civil_code_9999'",
        ),
        (
            "rules_tactics.yaml",
            "    en: Insults and abuse\n",
            "",
            "rule TACTIC__INSULTS title: missing the en text",
        ),
        (
            "instruments_civil.yaml",
            "  in_force_from: 2021-11-01\n",
            "  in_force_from: 2021-11-01\n  in_force_until: 2021-10-01\n",
            "instrument pipl: in_force_until is before in_force_from",
        ),
        (
            "instruments_civil.yaml",
            "name: {zh-hans: 中华人民共和国民法典,",
            "name: {zh-hans: 中华人民共和国合同法,",
            "the Contract Law was repealed on 2021-01-01",
        ),
        (
            "rules_tactics.yaml",
            "  tactics: [detention]\n",
            "  tactics: [kidnap]\n",
            "rule TACTIC__DETENTION tactics: 'kidnap' is not one of",
        ),
        (
            "rules_tactics.yaml",
            "code: TACTIC__CREDIT_REPORT_NOTICE_PRIVATE",
            "code: TACTIC__CREDIT_REPORT_NOTICE",
            "duplicate rule code",
        ),
        (
            "rules_tactics.yaml",
            "    - {provision: criminal_238, severity: criminal}\n",
            "",
            "rule TACTIC__DETENTION: fallback criminal is higher than any verified ground",
        ),
    ],
    ids=[
        "broken-citation",
        "missing-translation",
        "dates-reversed",
        "contract-law",
        "bad-tactic",
        "duplicate-code",
        "fallback-beyond-grounds",
    ],
)
def test_a_broken_file_is_refused_with_a_message_naming_the_entry(
    tmp_path, filename, old, new, message
):
    copy = broken_copy(tmp_path, filename, old, new)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    assert any(message in problem for problem in raised.value.problems), raised.value.problems


def test_a_citation_of_an_article_that_ceased_before_our_period_is_refused(tmp_path):
    copy = broken_copy(
        tmp_path,
        "instruments_criminal.yaml",
        "  in_force_from: 2006-03-01\n  in_force_until: 2025-12-31\n",
        "  in_force_from: 2006-03-01\n  in_force_until: 2012-12-31\n",
    )
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(copy)
    assert any("ceased to apply before 2021-01-01" in p for p in raised.value.problems)


def test_a_broken_file_stops_start_up(tmp_path):
    copy = broken_copy(
        tmp_path,
        "rules_contact.yaml",
        "{provision: civil_code_1032, severity: unlawful}",
        "{provision: civil_code_9999, severity: unlawful}",
    )
    env = {**os.environ, "RIGHTS_GUIDE_KNOWLEDGE_DIR": str(copy)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "civil_code_9999" in result.stderr
    assert "CONTACT__THIRD_PARTY_DISCLOSURE" in result.stderr
