"""What the legal review fixed in the knowledge itself, so it cannot drift back.

Confidence labels come from the checked fact sheets: the fixture
tests/data/fact_sheet_labels.json holds the label of every provision, and a
change to a label must change the fixture too, in the same review. The
wording lints catch the overreach the review found: crimes stated as
certain, "courts never call", and a no-contact order promised where the law
gives none.
"""

import json
import re
from pathlib import Path

import pytest

from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from tests.test_knowledge import broken_copy

KNOWLEDGE = get_knowledge()
LABELS = json.loads((Path(__file__).parent / "data" / "fact_sheet_labels.json").read_text())


def test_every_provision_carries_the_label_the_fact_sheets_give_it():
    loaded = {pid: p.confidence for pid, p in KNOWLEDGE.provisions.items()}
    assert loaded == LABELS


@pytest.mark.parametrize(
    ("provision", "label"),
    [
        ("cba_22", "V2"),  # "at least two staff" (art 22); the premises ban is separate
        ("cba_private_premises", "V2"),
        ("civil_code_675", "V1"),
        ("civil_code_676", "V1"),
        ("credit_card_70", "V2-weak"),
        ("microloan_37_1", "V2-weak"),
        ("microloan_37_2", "V2-weak"),
        ("microloan_37_4", "V2-weak"),
        ("microloan_37_5", "V2-weak"),
        ("consumer_protection_41", "V2-weak"),
        ("financial_trials_24", "V2-weak"),
    ],
)
def test_the_labels_the_review_corrected(provision, label):
    assert KNOWLEDGE.provisions[provision].confidence == label


def test_a_label_read_by_the_review_is_not_inherited_silently():
    for provision in ("civil_code_675", "civil_code_676"):
        assert KNOWLEDGE.provisions[provision].note is not None


def test_the_banking_guidelines_article_22_is_about_staff_not_homes():
    assert "住宅" not in KNOWLEDGE.provisions["cba_22"].summary.zh_hans
    assert "住宅" in KNOWLEDGE.provisions["cba_private_premises"].summary.zh_hans


def test_item_5_of_article_50_no_longer_promises_a_no_contact_order():
    provision = KNOWLEDGE.provisions["psapl_2025_50_5"]
    assert "禁止接触" not in provision.summary.zh_hans
    assert provision.item == "第一款第（五）项"
    assert "禁止接触" in KNOWLEDGE.provisions["psapl_2025_50_para2"].summary.zh_hans


def test_the_reply_duty_includes_the_right_to_sue():
    summary = KNOWLEDGE.provisions["pipl_50"].summary
    assert "起诉" in summary.zh_hans and "sue" in summary.en


def _explanations_and_actions():
    for rule in KNOWLEDGE.rules:
        yield rule.code, rule.explanation
        for action in rule.actions:
            yield rule.code, action


CERTAIN_CRIME = re.compile(r"构成[^，。；、]{0,12}罪")


def test_crimes_are_never_stated_as_certain():
    """构成…罪 only after 可能 or 不 (provision summaries paraphrase the statute and are exempt)."""
    for code, text in _explanations_and_actions():
        for match in CERTAIN_CRIME.finditer(text.zh_hans):
            before = text.zh_hans[max(0, match.start() - 4) : match.start()]
            assert "可能" in before or "不" in before, (code, text.zh_hans[match.start() - 8 :])


def test_no_text_tells_people_that_courts_or_police_never_phone():
    for code, text in _explanations_and_actions():
        assert "不会打电话" not in text.zh_hans, code
        assert not re.search(r"never (phone|call)|do not phone you", text.en), code


def test_a_no_contact_order_is_mentioned_only_with_pestering_or_stalking():
    for code, text in _explanations_and_actions():
        for sentence in re.split(r"[。；]", text.zh_hans):
            if "禁止接触" in sentence:
                assert "跟踪" in sentence or "纠缠" in sentence, (code, sentence)


def test_what_the_police_channel_advertises_is_cited_by_some_rule():
    cited = {ground.provision.id for rule in KNOWLEDGE.rules for ground in rule.grounds}
    police = KNOWLEDGE.vocabulary.bodies["police"]
    assert "criminal_253_1" in police.advertises and "psapl_2025_56" in police.advertises
    for body in KNOWLEDGE.vocabulary.bodies:
        assert set(body.advertises) <= cited, body.code


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        (
            "channels.yaml",
            "      - criminal_280\n",
            "      - criminal_280\n      - criminal_246\n      - criminal_293\n      - civil_code_995\n",
            "advertises civil_code_995, which no rule cites",
        ),
        (
            "rules_tactics.yaml",
            "    - {provision: civil_code_997, severity: unlawful, role: remedy}\n",
            "    - {provision: civil_code_997, severity: unlawful, role: redress}\n",
            "'redress' is not one of conduct, remedy, context",
        ),
        (
            "rules_tactics.yaml",
            'licensed: "yes", caveats: [caveat_via_funder]}',
            "licensed: yes, caveats: [caveat_via_funder]}",
            'quote "yes" and "no"',
        ),
        (
            "rules_tactics.yaml",
            "caveats: [caveat_via_funder]}",
            "caveats: [caveat_via_fundr]}",
            "unknown caveat 'caveat_via_fundr'",
        ),
        (
            "rules_tactics.yaml",
            "    - {ref: verify_court_action}\n",
            "    - {ref: verify_the_court}\n",
            "refers to unknown text 'verify_the_court'",
        ),
        (
            "letters.yaml",
            "        bases: [pipl_46, civil_code_1037]\n",
            "        bases: [pipl_460, civil_code_1037]\n",
            "unknown provision 'pipl_460'",
        ),
        (
            "meta.yaml",
            "您填写的年利率%(rate)s%%没有超过这个上限。",
            "您填写的年利率%(rate)s没有超过这个上限（%(cap)s）。",
            "placeholders",
        ),
        (
            "rules_rate.yaml",
            "licensed: [true], at_most_percent: 24}",
            "licensed: [true, null], at_most_percent: 24}",
            "fixed rate lines are for licensed lenders only",
        ),
    ],
    ids=[
        "advertises-what-no-rule-finds",
        "unknown-role",
        "unquoted-yes",
        "unknown-caveat",
        "unknown-shared-text",
        "letter-basis-unknown",
        "rate-template-placeholders",
        "fixed-line-for-unknown-licence",
    ],
)
def test_a_mistake_in_the_review_data_stops_start_up(tmp_path, filename, old, new, message):
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(broken_copy(tmp_path, filename, old, new))
    assert any(message in problem for problem in raised.value.problems), raised.value.problems
