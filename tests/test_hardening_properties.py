"""Whatever is typed into any form or sent to any API field, the answer is never a 500.

A property test (Hypothesis) for issue 20 item 2: random text, numerals far
beyond Python's 4,300-digit int limit, ``1e5000``, other scripts' digits,
control characters and lone carriage returns, posted to every field of
every interview page (the borrower's and the third party's), the evidence
log, people reached, the letter details and each letter's choices; and
put in place of every field of the assess and letters API requests.
"""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rights_guide.evidence.web.forms import FILE_ROWS, IncidentForm, PeopleForm
from rights_guide.interview import called, steps
from rights_guide.letters.kinds import KINDS
from rights_guide.letters.web.choices import ChoicesForm
from rights_guide.letters.web.forms import DetailsForm
from tests.factories import STORY, letter_data, log_contact, make_request, walk

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000
# The cases that once answered 500 come first: Hypothesis tries them early.
SPECIAL = st.sampled_from(
    [
        HUGE,
        "1e5000",
        "-" + HUGE,
        HUGE + "." + HUGE,
        "-1e5000",
        "1e-5000",
        "NaN",
        "Infinity",
        "0x1f",
        "１２３",
        "²",
        "٣",
        "1,5,0,0",
        "a\rb",
        "\x00",
        "2026-02-30",
        "0000-00-00",
        "99:99",
        "",
    ]
)
TYPED = st.one_of(
    SPECIAL,
    st.text(max_size=60),
    st.from_regex(r"-?[0-9]{1,40}(\.[0-9]{1,40})?", fullmatch=True),
)
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        TYPED,
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
RAW_NUMBERS = st.sampled_from([HUGE, "-" + HUGE, "1e5000", "-1e400", "1" + "0" * 400 + ".5"])
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fields(form) -> list[str]:
    return list(form.fields)


def interview_pages() -> list[tuple[str, list[str]]]:
    pages = []
    for prefix, flow_steps in (
        ("/interview/", steps.all_steps()),
        ("/called/", called.all_steps()),
    ):
        for slug, step in flow_steps.items():
            try:
                form = step.make_form({})
            except KeyError:  # a page about one person: any person will do for its fields
                form = step.form(**dict.fromkeys(step.form_kwargs({}), "family"))
            pages.append((prefix + slug + "/", _fields(form)))
    return pages


def other_pages() -> list[tuple[str, list[str]]]:
    files = [
        "file_%s_%d" % (part, row)
        for row in FILE_ROWS
        for part in ("name", "size", "date", "sha256")
    ]
    pages = [
        ("/log/", _fields(IncidentForm()) + files),
        ("/log/people/", _fields(PeopleForm())),
        ("/letters/details/?next=lender", _fields(DetailsForm())),
    ]
    for kind in KINDS:
        if kind.choices is not None:
            pages.append(("/letters/%s/choices/" % kind.code, _fields(ChoicesForm(kind.choices))))
    return pages


PAGES = interview_pages() + other_pages()
VISITORS: dict[str, Client] = {}


@pytest.fixture(autouse=True)
def _new_visitors():
    VISITORS.clear()


@pytest.mark.parametrize(("url", "fields"), PAGES, ids=[url for url, _ in PAGES])
@FUZZ
@given(data=st.data())
def test_no_form_field_answers_500(url, fields, data):
    # one visitor per page, answered once: every example of a test shares its database
    client = VISITORS.get(url)
    if client is None:
        client = VISITORS[url] = Client(raise_request_exception=False)
        walk(client, STORY)
        log_contact(client)
    typed = data.draw(st.fixed_dictionaries(dict.fromkeys(fields, TYPED)))
    response = client.post(url, {**typed, "nav": "next"})
    assert response.status_code < 500, (url, response.status_code)


def leaf_paths(value, path=()):
    """Every place in a JSON document a value could be replaced, as key/index paths."""
    if isinstance(value, dict):
        paths = [(*path, key) for key in value]
        for key, item in value.items():
            paths += leaf_paths(item, (*path, key))
        return paths
    if isinstance(value, list):
        paths = []
        for index, item in enumerate(value[:2]):
            paths += [(*path, index), *leaf_paths(item, (*path, index))]
        return paths
    return []


def replaced(document, path, value):
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


BODIES = {
    "/api/v1/assess": make_request(
        events=[{"target": "family", "channel": "call", "times_per_day": 3, "at_night": True}],
        annual_rate_percent=24,
        contract_date="2025-01-01",
    ),
    "/api/v1/letters": letter_data(),
}


@pytest.mark.parametrize("url", list(BODIES))
@FUZZ
@given(data=st.data())
def test_no_api_field_answers_500(url, data):
    body = BODIES[url]
    path = data.draw(st.sampled_from(leaf_paths(body)))
    if data.draw(st.booleans()):  # a raw numeral no JSON library would write
        text = json.dumps(replaced(body, path, "__NUMBER__"))
        text = text.replace('"__NUMBER__"', data.draw(RAW_NUMBERS))
    else:
        text = json.dumps(replaced(body, path, data.draw(JSON_VALUES)))
    response = Client(raise_request_exception=False).post(
        url, data=text, content_type="application/json"
    )
    assert response.status_code < 500 or response.status_code == 503, (path, response.status_code)
