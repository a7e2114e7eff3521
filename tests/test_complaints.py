"""Complaining by phone or online: the script and texts state only answered facts, fit forms.

For stories against a bank, a consumer-finance company, a loan app whose
funder is unknown and a private lender, every body offered for phone or
online complaints gets a phone script and three paste-ready texts in both
languages; each text is within its bound (counted as forms count, len()),
names the body it goes to, and every fact clause it uses is traced to the
answers (as in test_letters_truthful). A ticket number recorded on the page
is listed on the results page.
"""

from __future__ import annotations

import re

import pytest

from rights_guide.assessment import evaluate
from rights_guide.complaints.texts import LENGTHS, build_complaint, offered
from rights_guide.knowledge.loader import DATA_DIR
from rights_guide.letters import parse_letter_request
from tests.factories import STORY, TODAY, letter_data, log_contact, walk
from tests.test_registries import problems, without
from tests.test_third_party_pages import FRIEND, answer

STORIES = {
    "bank": "regulator",
    "consumer_finance": "regulator",
    "lending_platform": "regulator",
    "private_lender": "police",
}


def holds(claim, answers) -> bool:
    """Whether one clause's claim is what the answers say."""
    events = answers.events
    kind = claim[0]
    if kind == "contact":
        return any(e.target == claim[1] and e.channel == claim[2] for e in events)
    if kind == "count":
        return any(
            e.target == claim[1] and e.channel == claim[2] and e.times_per_day == claim[3]
            for e in events
        )
    if kind == "time":
        return any(
            e.target == claim[1]
            and e.time_of_day is not None
            and e.time_of_day.strftime("%H:%M") == claim[2]
            for e in events
        )
    if kind == "yes":
        return any(e.target == claim[1] and e.said_yes(claim[2]) for e in events)
    if kind == "no":
        return any(e.target == claim[1] and e.said_no(claim[2]) for e in events)
    if kind == "tactic":
        return claim[1] in answers.tactics
    if kind == "rate":
        return answers.annual_rate_percent == claim[1]
    return kind == "continued_after_intervention" and answers.continued_after_intervention


@pytest.mark.parametrize("lender_type", STORIES)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_script_and_texts_fit_name_the_body_and_state_only_answers(lender_type, language):
    data = letter_data(kind=STORIES[lender_type])
    data["assessment"]["lender_type"] = lender_type
    request = parse_letter_request(data, today=TODAY)
    bodies = [code for code in evaluate(request.answers).channels if offered(code)]
    assert bodies
    if lender_type == "private_lender":  # no financial regulator, no complaint desk
        assert not {"nfra_12378", "local_financial_regulator", "lender"} & set(bodies)
    else:
        assert "nfra_12378" in bodies or "local_financial_regulator" in bodies
    for body in bodies:
        complaint = build_complaint(request, body, language)
        assert complaint.script and complaint.next_steps
        assert [bound for bound, _ in complaint.texts] == list(LENGTHS)
        for bound, text in complaint.texts:
            assert 0 < len(text) <= bound, (body, bound, len(text))
            # addressed to the body, or for the lender's own desk, to the lender
            if body != "lender":
                assert complaint.body_name in text
            assert request.respondent in text
        longest = complaint.texts[-1][1]
        assert any(clause.text in longest for clause in complaint.clauses)
        for clause in complaint.clauses:
            assert clause.claims and all(holds(c, request.answers) for c in clause.claims)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_recorded_ticket_appears_on_the_results_page(client, prefix):
    walk(client, STORY, prefix=prefix)
    page = client.get(prefix + "/complain/nfra_12378/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<textarea") >= 3 and "readonly" in html
    results = client.get(prefix + "/results/").content.decode()
    assert "/complain/nfra_12378/" in results
    bad = client.post(prefix + "/complain/nfra_12378/", {"ticket": "", "date": "32/13", "how": "x"})
    assert bad.status_code == 400
    assert "32/13" in bad.content.decode()  # what was typed is kept
    saved = client.post(
        prefix + "/complain/nfra_12378/",
        {"ticket": "GD-2026-0042", "date": "2026-12-01", "how": "phone"},
    )
    assert saved.status_code == 302
    assert "GD-2026-0042" in client.get(prefix + "/results/").content.decode()


@pytest.mark.django_db
def test_a_body_not_for_this_story_or_unknown_is_not_found(client):
    walk(client, STORY)
    assert client.get("/complain/court/").status_code == 404
    assert client.get("/complain/local_financial_regulator/").status_code == 404


def test_a_body_taking_calls_without_what_to_expect_stops_start_up(tmp_path):
    text = (DATA_DIR / "channels.yaml").read_text(encoding="utf-8")
    start = text.index("  - code: nifa\n")
    entry = text[start : text.index("\n  - code: ", start + 1)]
    block = entry[entry.index("    next_steps:") : entry.index("    confidence:")]
    found = problems(without(tmp_path / "a", "channels.yaml", block, ""))
    assert any("nifa" in p and "needs next_steps" in p for p in found), found
    found = problems(
        without(
            tmp_path / "b", "channels.yaml", "    online_form: true\n", "    online_form: web\n"
        )
    )
    assert any("online_form" in p and "true or false" in p for p in found), found
    ask = '    ask: {zh-hans: "请核查并处理上述骚扰电话和短信。"'
    line = text[text.index(ask) : text.index("\n", text.index(ask)) + 1]
    found = problems(without(tmp_path / "c", "channels.yaml", line, ""))
    assert any("miit_12321" in p and "needs ask" in p for p in found), found


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_12321_report_lists_each_logged_number_with_its_count_and_asks_only_its_own(
    client, prefix
):
    walk(client, STORY, prefix=prefix)
    for time in ("22:30", "23:10"):
        assert log_contact(client, prefix, time=time, caller="17100001111").status_code == 302
    assert log_contact(client, prefix, time="21:00", caller="").status_code == 302
    html = client.get(prefix + "/complain/miit_12321/").content.decode()
    lines = re.search(r'<textarea id="report-lines"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "17100001111" in lines and lines.count("\n") == 0  # one number, one line
    assert ("共2次" if prefix == "" else ": 2 contacts") in lines
    text = re.search(r'<textarea id="text-1000"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "受案回执" not in text and "case receipt" not in text  # not the police letter's asks


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_someone_called_about_a_debt_complains_in_their_own_name_and_sees_their_number(
    client, prefix
):
    answer(client, FRIEND, prefix)
    results = client.get(prefix + "/called/results/").content.decode()
    assert "/called/complain/miit_12321/" in results
    assert "/called/complain/nfra_12378/" not in results  # no letter or ask of theirs for it
    page = client.get(prefix + "/called/complain/lender/").content.decode()
    assert ("贵方就他人的欠款联系我" if prefix == "" else "contact me about another person") in page
    assert ("借款合同号" if prefix == "" else "loan or account number") not in page
    saved = client.post(
        prefix + "/called/complain/miit_12321/",
        {"ticket": "R-2026-9", "date": "2026-12-01", "how": "online"},
    )
    assert saved["Location"].endswith("/called/results/#complaints-made")
    assert "R-2026-9" in client.get(prefix + "/called/results/").content.decode()
    assert "R-2026-9" not in client.get(prefix + "/results/").content.decode()
