"""Properties that hold for every valid story, checked on random ones with Hypothesis."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rights_guide.assessment import Answers, Event, answers_to_data, evaluate, parse_answers
from rights_guide.knowledge.model import SEVERITY_RANK
from rights_guide.results import present_assessment
from tests.factories import CHANNELS, LENDER_TYPES, QUESTIONS, TACTICS, TARGETS

times = st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0)))
events = st.builds(
    Event,
    target=st.sampled_from(TARGETS),
    channel=st.sampled_from(CHANNELS),
    times_per_day=st.integers(1, 1000),
    answers=st.frozensets(st.sampled_from(QUESTIONS)),
    time_of_day=times,
)
rates = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False, allow_infinity=False),
)
answers = st.builds(
    Answers,
    lender_type=st.sampled_from(LENDER_TYPES),
    conduct_date=st.dates(datetime.date(2000, 1, 1), datetime.date(2026, 11, 29)),
    events=st.lists(events, max_size=20).map(tuple),
    tactics=st.frozensets(st.sampled_from(TACTICS)),
    annual_rate_percent=rates,
    continued_after_intervention=st.booleans(),
)


def rank(severity: str) -> int:
    return SEVERITY_RANK[severity]


@settings(max_examples=300, deadline=None)
@given(answers)
def test_valid_answers_never_raise_and_overall_is_the_maximum(story):
    result = evaluate(story)
    if result.findings:
        assert result.overall == max((f.severity for f in result.findings), key=rank)
    else:
        assert result.overall == "lawful"
    severities = [rank(f.severity) for f in result.findings]
    assert severities == sorted(severities, reverse=True)
    for finding in result.findings:
        for citation in finding.citations:
            assert citation.provision.in_force_on(story.conduct_date)
            assert citation.provision.instrument.name.zh_hans != "中华人民共和国合同法"


@settings(max_examples=300, deadline=None)
@given(answers, st.sampled_from(TACTICS))
def test_adding_a_tactic_never_lowers_the_overall(story, tactic):
    before = evaluate(story).overall
    after = evaluate(
        Answers(
            lender_type=story.lender_type,
            conduct_date=story.conduct_date,
            events=story.events,
            tactics=story.tactics | {tactic},
            annual_rate_percent=story.annual_rate_percent,
            continued_after_intervention=story.continued_after_intervention,
        )
    ).overall
    assert rank(after) >= rank(before)


@settings(max_examples=200, deadline=None)
@given(answers, events)
def test_adding_an_event_never_lowers_the_overall(story, event):
    before = evaluate(story).overall
    longer = Answers(
        lender_type=story.lender_type,
        conduct_date=story.conduct_date,
        events=(*story.events, event),
        tactics=story.tactics,
        annual_rate_percent=story.annual_rate_percent,
        continued_after_intervention=story.continued_after_intervention,
    )
    assert rank(evaluate(longer).overall) >= rank(before)


@settings(max_examples=150, deadline=None)
@given(answers)
def test_unverified_provisions_never_decide_a_severity(story):
    for finding in evaluate(story).findings:
        counted = [c for c in finding.citations if c.counted]
        assert all(c.provision.confidence != "U" for c in counted)
        if counted and not finding.caveats:
            assert finding.severity == max((c.severity for c in counted), key=rank)


@settings(max_examples=150, deadline=None)
@given(answers)
def test_answers_survive_the_round_trip_through_the_api_format(story):
    data = answers_to_data(story)
    again = parse_answers(data, today=datetime.date(2026, 11, 29))
    assert again.lender_type == story.lender_type
    assert again.events == story.events
    assert again.tactics == story.tactics
    if story.annual_rate_percent is None:
        assert again.annual_rate_percent is None
    else:
        assert again.annual_rate_percent == Decimal(str(float(story.annual_rate_percent)))
    assert evaluate(again).overall == evaluate(story).overall


@settings(max_examples=60, deadline=None)
@given(answers)
def test_presentation_has_the_same_codes_in_both_languages(story):
    result = evaluate(story)
    chinese = present_assessment(result, "zh-hans")
    english = present_assessment(result, "en")
    assert [f["code"] for f in chinese["findings"]] == [f["code"] for f in english["findings"]]
    assert [c["code"] for c in chinese["channels"]] == [c["code"] for c in english["channels"]]
    assert chinese["overall"] == english["overall"]
