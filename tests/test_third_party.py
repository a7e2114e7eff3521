"""Someone called about another person's debt: the same engine, told from their perspective.

The API reads ``perspective`` and ``relationship``; the answer keeps the
engine's codes and severities, words each finding for the person called,
says whether they owe anything (and on what law), gives them a script and
the bodies they can complain to in their own right. Their letter to the
lender goes through the same parser, renderer and PDF as the borrower's.
"""

import json

import pytest

from rights_guide.assessment import InvalidAnswers, answers_to_data, evaluate, parse_answers
from rights_guide.knowledge import KnowledgeError, get_knowledge, load_knowledge
from rights_guide.letters.kinds import KINDS, Situation, offered_kinds
from tests.factories import TODAY, letter_data, make_request
from tests.pdfs import pdf_text, squeezed
from tests.test_api_openapi import assert_valid
from tests.test_registries import problems, without

KNOWLEDGE = get_knowledge()


def called(relationship="friends", *, events=None, **fields) -> dict:
    """A third party's assess request: called six times on the worst day and asked to pay."""
    body = make_request(
        perspective="third_party",
        relationship=relationship,
        lender_type=fields.pop("lender_type", "consumer_finance"),
        events=[{"channel": "call", "times_per_day": 6, "asked_to_pay": True}]
        if events is None
        else events,
    )
    body.update(fields)
    return body


def assess(client, body, lang="zh-hans"):
    return client.post(
        "/api/v1/assess?lang=" + lang, data=json.dumps(body), content_type="application/json"
    )


def codes(response) -> dict[str, str]:
    return {error["field"]: error["code"] for error in response.json()["errors"]}


# The API's new fields.


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (make_request(perspective="third_party"), {"relationship": "required"}),
        (make_request(relationship="friends"), {"relationship": "only_for_third_party"}),
        (
            make_request(perspective="borrower", relationship="friends"),
            {"relationship": "only_for_third_party"},
        ),
        (called("public"), {"relationship": "invalid_choice"}),
        (called("borrower"), {"relationship": "invalid_choice"}),
        (make_request(perspective="bystander"), {"perspective": "invalid_choice"}),
    ],
    ids=[
        "no-relationship",
        "relationship-alone",
        "borrower-with-relationship",
        "public",
        "borrower",
        "unknown",
    ],
)
def test_the_perspective_and_relationship_are_checked(client, body, expected):
    response = assess(client, body)
    assert response.status_code == 400
    assert codes(response) == expected
    assert all(e["message"] for e in response.json()["errors"])


def test_a_third_partys_events_are_about_them_unless_they_say_otherwise():
    answers = parse_answers(
        called(
            "colleagues",
            events=[{"channel": "call"}, {"target": "family", "channel": "sms"}],
        ),
        today=TODAY,
    )
    assert [e.target for e in answers.events] == ["colleagues", "family"]
    assert answers.third_party and answers.relationship == "colleagues"
    again = parse_answers(answers_to_data(answers), today=TODAY)
    assert again == answers
    with pytest.raises(InvalidAnswers) as raised:  # a borrower's events still need a target
        parse_answers(make_request(events=[{"channel": "call"}]), today=TODAY)
    assert [(e.field, e.code) for e in raised.value.errors] == [("events[0].target", "required")]


def test_a_borrowers_request_reads_back_exactly_as_before():
    answers = parse_answers(
        make_request(events=[{"target": "family", "channel": "call"}]), today=TODAY
    )
    assert answers.perspective == "borrower" and answers.relationship is None
    assert "perspective" not in answers_to_data(answers)


def test_same_engine_same_codes_and_severities_as_the_borrowers_story_of_the_same_calls(client):
    event = {"target": "friends", "channel": "call", "times_per_day": 25, "disclosed_debt": True}
    borrower = assess(client, make_request(lender_type="microlender", events=[event])).json()
    third = assess(client, called(lender_type="microlender", events=[event])).json()
    assert [(f["code"], f["severity"]) for f in third["findings"]] == [
        (f["code"], f["severity"]) for f in borrower["findings"]
    ]
    assert [f["citations"] for f in third["findings"]] == [
        f["citations"] for f in borrower["findings"]
    ]


# Their own result.


def test_a_friend_owes_nothing_because_a_contract_binds_only_its_parties(client):
    for lang in ("zh-hans", "en"):
        answer = assess(client, called("friends"), lang).json()
        assert answer["perspective"] == "third_party" and answer["relationship"] == "friends"
        assert answer["owes"]["answer"] == "no"
        assert answer["owes"]["text"] == KNOWLEDGE.vocabulary.targets[
            "friends"
        ].called.owes_text.get(lang)
        cited = answer["owes"]["citations"]
        assert [c["provision"] for c in cited] == ["civil_code_465_2"]
        assert cited[0]["article"] == "第四百六十五条" and cited[0]["item"] == "第二款"
        assert cited[0]["confidence"] == "V1" and cited[0]["note"]
    assert answer["owes"]["text"].startswith("No.")
    assert "不欠" in assess(client, called("friends")).json()["owes"]["text"]


@pytest.mark.parametrize(
    ("relationship", "provisions", "words"),
    [
        (
            "guarantor",
            [
                "guarantee_law_19",
                "guarantee_interpretation_25_2",
                "civil_code_686_2",
                "civil_code_687_2",
                "civil_code_688_2",
                "civil_code_692",
                "civil_code_693",
            ],
            ["担保", "连带责任保证", "一般保证", "保证期间"],
        ),
        ("spouse", ["civil_code_1064"], ["夫妻共同债务", "事后认可"]),
    ],
)
def test_a_guarantor_and_a_spouse_may_owe_it_depending_on_the_guarantee_or_a_joint_debt(
    client, relationship, provisions, words
):
    answer = assess(client, called(relationship)).json()
    assert answer["owes"]["answer"] == "depends"
    assert [c["provision"] for c in answer["owes"]["citations"]] == provisions
    assert all(word in answer["owes"]["text"] for word in words)
    assert "不欠" not in answer["owes"]["text"]


def test_the_new_provision_is_verified_and_says_what_the_code_says():
    provision = KNOWLEDGE.provisions["civil_code_465_2"]
    assert provision.confidence == "V1" and provision.article == "第四百六十五条"
    assert (
        provision.summary.zh_hans
        == "依法成立的合同，仅对当事人具有法律约束力，但是法律另有规定的除外。"
    )
    assert "合同编" in provision.note.zh_hans


def test_each_finding_is_worded_for_the_person_called_but_keeps_its_code(client):
    body = called(
        events=[
            {
                "channel": "call",
                "times_per_day": 6,
                "asked_to_pay": True,
                "disclosed_debt": True,
                "after_stop_request": True,
                "borrower_unreachable": False,
            },
        ],
        tactics=["insults", "threat_violence"],
    )
    for lang in ("zh-hans", "en"):
        answer = assess(client, body, lang).json()
        rules = {rule.code: rule for rule in KNOWLEDGE.rules}
        assert {f["code"] for f in answer["findings"]} >= {
            "CONTACT__THIRD_PARTY_ASKED_TO_PAY",
            "CONTACT__THIRD_PARTY_AFTER_STOP",
            "TACTIC__THREAT_VIOLENCE",
        }
        for finding in answer["findings"]:
            words = rules[finding["code"]].third_party
            assert finding["title"] == words.title.get(lang)
            assert finding["explanation"] == words.explanation.get(lang)
            assert finding["actions"] == [a.get(lang) for a in words.actions]
            assert finding["target_labels"] in ([], [KNOWLEDGE.texts["third_party_you"].get(lang)])
    assert "要求您替借款人还钱" in [f["title"] for f in assess(client, body).json()["findings"]]


def test_every_rule_a_third_party_can_get_has_their_words():
    from rights_guide.knowledge.rules_loader import concerns_third_parties

    concerned = {rule.code for rule in KNOWLEDGE.rules if concerns_third_parties(rule)}
    assert {
        "CONTACT__EMERGENCY_CONTACT_TO_LOCATE",
        "CONTACT__EMERGENCY_CONTACT_BEYOND_LOCATING",
        "CONTACT__THIRD_PARTY_DISCLOSURE",
        "CONTACT__CONTACT_LIST_USED",
        "CONTACT__BOMBARDMENT",
        "CONTACT__NIGHT_HOURS",
        "CONTACT__MINOR",
        "CONTACT__PUBLIC_EXPOSURE",
        "VISIT__HOME",
        "VISIT__WORKPLACE",
        "CONTACT__GUARANTOR",
        "CONTACT__GUARANTOR_PRESSED",
        "CONTACT__SPOUSE",
        "TACTIC__INSULTS",
    } <= concerned
    assert all(rule.third_party is not None for rule in KNOWLEDGE.rules if rule.code in concerned)
    assert not any(
        rule.code.startswith("CONTACT__BORROWER")
        for rule in KNOWLEDGE.rules
        if rule.code in concerned
    )


def test_a_script_for_the_next_call_in_both_languages(client):
    assert "12321" in assess(client, called("emergency_contact")).json()["script"]
    assert "12321" in assess(client, called("emergency_contact"), "en").json()["script"]
    assert "书面" in assess(client, called("spouse")).json()["script"]


# Where they can complain in their own right.


def channel_codes(client, body) -> list[str]:
    return [c["code"] for c in assess(client, body).json()["channels"]]


def test_a_third_party_is_sent_to_12321_first_and_only_to_bodies_they_can_use(client):
    found = channel_codes(client, called())
    assert found[0] == "miit_12321"
    assert set(found) <= set(KNOWLEDGE.vocabulary.third_party_bodies)
    assert "court" not in found
    answer = assess(client, called()).json()
    why = {c["code"]: c["why"] for c in answer["channels"]}
    assert why["miit_12321"] == KNOWLEDGE.vocabulary.bodies["miit_12321"].third_party.why.zh_hans
    assert answer["channels"][0]["findings"]  # which findings it is for


@pytest.mark.parametrize(
    ("lender_type", "regulators", "not_listed"),
    [
        ("consumer_finance", {"nfra_12378"}, {"local_financial_regulator"}),
        ("microlender", {"local_financial_regulator"}, {"nfra_12378"}),
        ("unknown", {"nfra_12378", "local_financial_regulator"}, set()),
        ("private_lender", set(), {"nfra_12378", "local_financial_regulator"}),
    ],
)
def test_the_regulator_is_the_lenders_when_known_and_every_one_when_not(
    client, lender_type, regulators, not_listed
):
    found = set(channel_codes(client, called(lender_type=lender_type)))
    assert regulators <= found and not (not_listed & found)


def test_the_police_come_first_for_threats_and_12377_for_posts_online(client):
    assert channel_codes(client, called(tactics=["threat_violence"]))[0] == "police"
    posted = called(events=[{"channel": "online_post"}])
    assert "cac_12377" in channel_codes(client, posted)


def test_a_third_partys_answer_matches_the_openapi_document(client):
    for relationship in KNOWLEDGE.vocabulary.relationships:
        for lang in ("zh-hans", "en"):
            answer = assess(client, called(relationship, tactics=["insults"]), lang)
            assert answer.status_code == 200
            assert_valid("Assessment", answer.json())
    assert_valid("AssessRequest", called())
    assert_valid("LetterRequest", letter_data(kind="third_party"))


# Their letter.


@pytest.mark.django_db
def test_their_letter_as_a_pdf_holds_their_name_the_lender_and_the_articles(client):
    body = letter_data(kind="third_party", complainant={"name": "周晓梅", "phone": "13912345678"})
    response = client.post(
        "/api/v1/letters", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="not-the-borrower-')
    text = squeezed(pdf_text(response.content))
    assert "周晓梅" in text
    assert "某某消费金融有限公司" in text  # the lender they write to
    assert "李四" in text  # the borrower, named
    for article in ("第四百六十五条第二款", "第一千零三十三条", "第四十七条", "第五十条"):
        assert article in text, article
    assert "对方要求我本人替李四还款" not in text and "对方要求我替李四还款" in text  # their voice


@pytest.mark.django_db
@pytest.mark.parametrize("phone", [None, "", "   "], ids=["left-out", "empty", "blank"])
def test_their_letter_needs_the_number_it_asks_them_to_delete(client, phone):
    complainant = {"name": "周晓梅"} if phone is None else {"name": "周晓梅", "phone": phone}
    body = letter_data(kind="third_party", complainant=complainant)
    response = client.post(
        "/api/v1/letters", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("complainant.phone", "phone_required")
    ]


@pytest.mark.django_db
def test_their_deletion_request_names_the_number_in_the_pdf(client):
    body = letter_data(kind="third_party", complainant={"name": "周晓梅", "phone": "139 1234 5678"})
    response = client.post(
        "/api/v1/letters", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    text = squeezed(pdf_text(response.content))
    assert "删除贵方及贵方委托的催收机构所持有的我的电话号码（13912345678）" in text


def test_their_letter_cites_only_what_protects_them_for_the_conduct():
    from rights_guide.letters.legal import cited_law
    from tests.factories import make_letter

    letter = make_letter(kind="third_party")
    assessment = evaluate(letter.request.answers)
    law = cited_law(assessment, kind="third_party", requests=(), written_on=TODAY)
    cited = {p.id for p in law.conduct}
    assert "civil_code_1033" in cited
    assert not cited & {
        "civil_code_1032",
        "civil_code_1038",
        "pipl_10",
        "pipl_28",
    }  # the borrower's


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"assessment": {**called("guarantor")}}, "kind", "kind_not_available_for_relationship"),
        ({"assessment": make_request()}, "kind", "kind_not_available_for_perspective"),
        (
            {"assessment": called(), "kind": "lender", "borrower_name": ""},
            "kind",
            "kind_not_available_for_perspective",
        ),
        (
            {"assessment": make_request(), "kind": "police", "borrower_name": "李四"},
            "borrower_name",
            "only_for_third_party",
        ),
    ],
    ids=["guarantor", "borrowers-story", "borrowers-letter", "borrower-name"],
)
@pytest.mark.django_db  # a letter request is charged to the allowance before it is read
def test_letters_refused_for_the_wrong_writer(client, changes, field, code):
    body = letter_data(kind=changes.pop("kind", "third_party"))
    body.update(changes)
    response = client.post(
        "/api/v1/letters", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert codes(response)[field] == code


def test_the_letter_is_offered_to_the_people_called_but_not_to_a_guarantor_or_the_borrower():
    def offers(body):
        assessment = evaluate(parse_answers(body, today=TODAY))
        return [
            kind.code
            for kind in offered_kinds(
                Situation(
                    lender_type=assessment.answers.lender_type,
                    overall=assessment.overall,
                    channels=assessment.channels,
                    vocabulary=KNOWLEDGE.vocabulary,
                    perspective=assessment.answers.perspective,
                    relationship=assessment.answers.relationship,
                )
            )
        ]

    assert offers(called("friends")) == ["third_party"]
    assert offers(called("spouse")) == ["third_party"]
    assert offers(called("guarantor")) == []
    borrower = make_request(
        events=[{"target": "family", "channel": "call", "disclosed_debt": True}]
    )
    assert "third_party" not in offers(borrower)
    assert KINDS["third_party"].perspective == "third_party"


def test_a_spouse_asks_for_the_evidence_of_a_joint_debt_instead_of_saying_they_owe_nothing():
    from tests.factories import make_letter

    data = letter_data(kind="third_party")
    data["assessment"]["relationship"] = "spouse"
    spouse = make_letter(data)
    friend = make_letter(kind="third_party")
    assert "civil_code_1064" in {p.id for p in _bases(spouse)}
    assert "civil_code_465_2" not in {p.id for p in _bases(spouse)}
    assert "civil_code_465_2" in {p.id for p in _bases(friend)}


def _bases(letter):
    from rights_guide.letters.kinds import KINDS as kinds
    from rights_guide.letters.legal import cited_law

    draft = kinds["third_party"].build(letter.request, evaluate(letter.request.answers))
    return cited_law(
        evaluate(letter.request.answers),
        kind="third_party",
        requests=draft.requests,
        written_on=TODAY,
    ).bases


# The knowledge files say it, and the loader checks it.


@pytest.mark.parametrize(
    ("filename", "old", "new", "expected"),
    [
        (
            "rules_contact.yaml",
            '  third_party:\n    title: {zh-hans: "要求您替借款人还钱"',
            '  third_party_gone:\n    title: {zh-hans: "要求您替借款人还钱"',
            "CONTACT__THIRD_PARTY_ASKED_TO_PAY: can fire for a third party",
        ),
        (
            "vocabulary.yaml",
            "      owes_provisions: [civil_code_1064]\n",
            "      owes_provisions: [civil_code_9999]\n",
            "owes_provisions names unknown provision 'civil_code_9999'",
        ),
        (
            "channels.yaml",
            "third_party_order: [miit_12321, ",
            "third_party_order: [",
            "third_party_order: must list each channel with third_party words once",
        ),
        (
            "vocabulary.yaml",
            '      owes: depends\n      owes_text:\n        zh-hans: "只有',
            '      owes: maybe\n      owes_text:\n        zh-hans: "只有',
            "'maybe' is not one of no, depends",
        ),
    ],
    ids=["rule-words-missing", "owes-unknown-provision", "channel-order", "owes-unknown"],
)
def test_the_loader_refuses_third_party_knowledge_that_is_incomplete(
    tmp_path, filename, old, new, expected
):
    found = problems(without(tmp_path, filename, old, new))
    assert any(expected in problem for problem in found), found


def test_every_person_has_an_answer_and_a_script_and_the_public_has_none():
    for target in KNOWLEDGE.vocabulary.targets:
        assert (target.called is not None) == (target.kind == "person"), target.code
    assert KNOWLEDGE.vocabulary.relationships == tuple(
        t.code for t in KNOWLEDGE.vocabulary.targets if t.kind == "person"
    )
    with pytest.raises(KnowledgeError):
        load_knowledge(without_copy_of_person_words())


def without_copy_of_person_words():
    import shutil
    import tempfile
    from pathlib import Path

    from rights_guide.knowledge.loader import DATA_DIR

    copy = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    third_party:\n", text.index("  - code: colleagues\n"))
    end = text.index("  - code: public\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return copy
