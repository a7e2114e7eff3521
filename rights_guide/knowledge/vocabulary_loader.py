"""Load the vocabularies (vocabulary.yaml) and the complaint bodies (channels.yaml).

Every entry must have each of its words in both languages, known flags
and codes in lower_snake_case, and every code it refers to must exist; the
loader stops start-up otherwise (see loader.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rights_guide.knowledge.checker import ID, Checker, read_yaml
from rights_guide.knowledge.model import CONFIDENCES, PRODUCTS, Channel, ChannelWording
from rights_guide.knowledge.vocabulary import (
    LICENSING,
    OWES,
    TARGET_KINDS,
    ContactMeans,
    EventQuestion,
    LenderType,
    QuestionThirdParty,
    Registry,
    Tactic,
    Target,
    ThirdPartyWords,
    Vocabulary,
)

# What a sentence in a third party's own voice may name: them, and the borrower.
VOICE = {"target", "borrower"}


def load_channels(check: Checker, path: Path) -> Registry[Channel]:
    """The complaint bodies, in the order the results list them."""
    channels = []
    for entry in (read_yaml(path) or {}).get("channels") or []:
        where = "%s: channel %s" % (path.name, entry.get("code", "?"))
        code = str(entry.get("code", ""))
        if not ID.match(code):
            check.fail(where, "code must be lower_snake_case")
        regulator = check.flag(entry.get("regulator"), where + " regulator")
        letter_name = check.optional_text(entry.get("letter_name"), where + " letter_name")
        if regulator and letter_name is None:
            check.fail(where, "a regulator needs the letter_name a letter addresses it by")
        phone = check.flag(entry.get("phone"), where + " phone")
        online_form = check.flag(entry.get("online_form"), where + " online_form")
        next_steps = check.optional_text(entry.get("next_steps"), where + " next_steps")
        if (phone or online_form) and next_steps is None:
            check.fail(where, "a body taking calls or forms needs next_steps: what to expect")
        ask = check.optional_text(entry.get("ask"), where + " ask")
        if (phone or online_form) and not regulator and code != "lender" and ask is None:
            check.fail(where, "a body no letter goes to needs ask: what a complaint asks of it")
        channels.append(
            Channel(
                code=code,
                name=check.text(entry.get("name"), where + " name"),
                contact=check.text(entry.get("contact"), where + " contact"),
                handles=check.text(entry.get("handles"), where + " handles"),
                prepare=check.text(entry.get("prepare"), where + " prepare"),
                confidence=check.choice(entry.get("confidence"), CONFIDENCES, where),
                regulator=regulator,
                letter_name=letter_name,
                safety_first=check.flag(entry.get("safety_first"), where + " safety_first"),
                advertises=tuple(str(item) for item in entry.get("advertises") or ()),
                third_party=_channel_wording(check, entry.get("third_party"), where),
                phone=phone,
                online_form=online_form,
                next_steps=next_steps,
                ask=ask,
            )
        )
    _check_unique(check, path.name, "channel", channels)
    return Registry(channels)


def _channel_wording(check: Checker, raw, where: str) -> ChannelWording | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or set(raw) != {"why", "prepare"}:
        check.fail(where + " third_party", "needs exactly why and prepare")
        return None
    return ChannelWording(
        why=check.text(raw.get("why"), where + " third_party why"),
        prepare=check.text(raw.get("prepare"), where + " third_party prepare"),
    )


def load_third_party_order(check: Checker, path: Path, bodies: Registry[Channel]):
    """The bodies a third party uses in their own right, in order: exactly those with words."""
    order = tuple(str(code) for code in (read_yaml(path) or {}).get("third_party_order") or ())
    worded = {body.code for body in bodies if body.third_party is not None}
    if set(order) != worded or len(order) != len(set(order)):
        check.fail(
            path.name + " third_party_order",
            "must list each channel with third_party words once: %s" % ", ".join(sorted(worded)),
        )
    return tuple(code for code in order if code in worded)


def _target_third_party(check: Checker, raw, place: str, kind: str) -> ThirdPartyWords | None:
    """A person's own answer when called; required for a person, refused for anyone else."""
    where = place + " third_party"
    if raw is None:
        if kind == "person":
            check.fail(where, "a person needs owes, owes_text, owes_provisions and script")
        return None
    if kind != "person":
        check.fail(where, "only a person (kind: person) can be the one called")
        return None
    unknown = set(raw) - {"option", "owes", "owes_text", "owes_provisions", "script"}
    if unknown:
        check.fail(where, "unknown keys %s" % sorted(unknown))
    provisions = tuple(str(item) for item in raw.get("owes_provisions") or ())
    if not provisions:
        check.fail(where, "owes_provisions must name the law the answer rests on")
    return ThirdPartyWords(
        owes=check.choice(raw.get("owes"), OWES, where + " owes"),
        owes_text=check.text(raw.get("owes_text"), where + " owes_text"),
        owes_provisions=provisions,
        script=check.text(raw.get("script"), where + " script"),
        option=check.optional_text(raw.get("option"), where + " option"),
    )


def _question_third_party(check: Checker, raw, place: str, ask) -> QuestionThirdParty | None:
    where = place + " third_party"
    if raw is None:
        if "person" in ask:
            check.fail(where, "a question asked about a person needs its words for that person")
        return None
    options = raw.get("options")
    if options is not None and set(options) != {"yes", "no", "unsure"}:
        check.fail(where, "options must give words for yes, no and unsure")
    return QuestionThirdParty(
        question=check.text(raw.get("question"), where + " question"),
        options=(
            {key: check.text(value, where + " options") for key, value in options.items()}
            if isinstance(options, Mapping)
            else None
        ),
        letter_yes=check.text_within(raw.get("letter_yes"), where + " letter_yes", VOICE),
        letter_no=check.text_within(raw.get("letter_no"), where + " letter_no", VOICE),
    )


def _check_unique(check: Checker, where: str, what: str, entries) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.code in seen:
            check.fail(where, "duplicate %s %r" % (what, entry.code))
        seen.add(entry.code)


def _entries(check: Checker, raw: Mapping, key: str, where: str) -> list[tuple[str, str, Mapping]]:
    """(code, place for messages, entry) for each entry of one vocabulary."""
    found = []
    for entry in raw.get(key) or []:
        code = str(entry.get("code", "")) if isinstance(entry, Mapping) else ""
        place = "%s: %s %s" % (where, key, code or "?")
        if not ID.match(code):
            check.fail(place, "code must be lower_snake_case")
            continue
        found.append((code, place, entry))
    if not found:
        check.fail(where, "no %s" % key)
    return found


def load_vocabulary(check: Checker, path: Path, bodies: Registry[Channel]) -> Vocabulary:
    """Every vocabulary, each entry with all its words: what the whole guide speaks."""
    raw = read_yaml(path) or {}
    target = {"target"}
    lender_types = [
        LenderType(
            code=code,
            name=check.text(entry.get("name"), place + " name"),
            option=check.text(entry.get("option"), place + " option"),
            hint=check.text(entry.get("hint"), place + " hint"),
            complain_to=tuple(
                check.choice(body, bodies.codes, place + " complain_to")
                for body in entry.get("complain_to") or []
            ),
            desk=check.flag(entry.get("desk"), place + " desk"),
            licensed=check.choice(entry.get("licensed"), LICENSING, place + " licensed"),
            products=tuple(
                check.choice(product, PRODUCTS, place + " products")
                for product in entry.get("products") or []
            )
            or ("loan",),
            lends_to_public=check.flag(entry.get("lends_to_public"), place + " lends_to_public"),
        )
        for code, place, entry in _entries(check, raw, "lender_types", path.name)
    ]
    targets = [
        Target(
            code=code,
            kind=check.choice(entry.get("kind"), TARGET_KINDS, place + " kind"),
            name=check.text(entry.get("name"), place + " name"),
            option=check.text(entry.get("option"), place + " option"),
            step_title=check.text(entry.get("step_title"), place + " step_title"),
            letter=check.text(entry.get("letter"), place + " letter"),
            liable=check.flag(entry.get("liable"), place + " liable"),
            called=_target_third_party(check, entry.get("third_party"), place, entry.get("kind")),
        )
        for code, place, entry in _entries(check, raw, "targets", path.name)
    ]
    means = []
    for code, place, entry in _entries(check, raw, "contact_means", path.name):
        count_field = entry.get("count_field")
        other = check.optional_text(entry.get("other_option"), place + " other_option")
        if (count_field is None) == (other is None):
            check.fail(place, "needs either count_field and count_label, or other_option")
        means.append(
            ContactMeans(
                code=code,
                name=check.text(entry.get("name"), place + " name"),
                incident=check.text(entry.get("incident"), place + " incident"),
                letter=check.text(entry.get("letter"), place + " letter", placeholders=target),
                count_field=str(count_field) if count_field is not None else None,
                count_label=check.optional_text(entry.get("count_label"), place + " count_label"),
                other_option=other,
                answered_field=entry.get("answered_field"),
                answered_label=check.optional_text(
                    entry.get("answered_label"), place + " answered_label"
                ),
                letter_third_party=check.text_within(
                    entry.get("letter_third_party"), place + " letter_third_party", VOICE
                ),
            )
        )
        if (entry.get("answered_field") is None) != (means[-1].answered_label is None):
            check.fail(place, "answered_field and answered_label go together")
        if entry.get("answered_field") is not None and count_field is None:
            check.fail(place, "only a counted means of contact can ask how many were answered")
    tactics = []
    for code, place, entry in _entries(check, raw, "tactics", path.name):
        letter = check.optional_text(entry.get("letter"), place + " letter", placeholders=set())
        conduct = check.optional_text(entry.get("conduct"), place + " conduct")
        if (letter is None) != (conduct is None):
            check.fail(place, "a tactic complained of needs both letter and conduct")
        tactics.append(
            Tactic(
                code=code,
                name=check.text(entry.get("name"), place + " name"),
                option=check.text(entry.get("option"), place + " option"),
                hint=check.text(entry.get("hint"), place + " hint"),
                letter=letter,
                conduct=conduct,
                safety_first=check.flag(entry.get("safety_first"), place + " safety_first"),
                threatens=check.flag(entry.get("threatens"), place + " threatens"),
                needs_visit=check.flag(entry.get("needs_visit"), place + " needs_visit"),
                letter_third_party=check.text_within(
                    entry.get("letter_third_party"), place + " letter_third_party", {"borrower"}
                ),
            )
        )
    questions = []
    for code, place, entry in _entries(check, raw, "event_questions", path.name):
        options = entry.get("options")
        if options is not None and set(options) != {"yes", "no", "unsure"}:
            check.fail(place, "options must give words for yes, no and unsure")
        questions.append(
            EventQuestion(
                code=code,
                ask=check.choices(entry.get("ask"), TARGET_KINDS, place + " ask"),
                question=check.text(entry.get("question"), place + " question"),
                question_borrower=check.optional_text(
                    entry.get("question_borrower"), place + " question_borrower"
                ),
                options=(
                    {key: check.text(value, place + " options") for key, value in options.items()}
                    if isinstance(options, Mapping)
                    else None
                ),
                unsure_means=check.flag(entry.get("unsure_means"), place + " unsure_means"),
                letter_yes=check.optional_text(
                    entry.get("letter_yes"), place + " letter_yes", placeholders=None
                ),
                letter_yes_borrower=check.optional_text(
                    entry.get("letter_yes_borrower"), place + " letter_yes_borrower"
                ),
                letter_no=check.optional_text(entry.get("letter_no"), place + " letter_no"),
                third_party=_question_third_party(
                    check, entry.get("third_party"), place, entry.get("ask") or ()
                ),
            )
        )
    for what, entries in (
        ("lender type", lender_types),
        ("target", targets),
        ("means of contact", means),
        ("tactic", tactics),
        ("event question", questions),
    ):
        _check_unique(check, path.name, what, entries)
    return Vocabulary(
        lender_types=Registry(lender_types),
        targets=Registry(targets),
        contact_means=Registry(means),
        tactics=Registry(tactics),
        event_questions=Registry(questions),
        bodies=bodies,
        third_party_bodies=load_third_party_order(check, path.parent / "channels.yaml", bodies),
    )
