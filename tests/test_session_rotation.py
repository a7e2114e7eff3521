"""A planted session cookie stops working whenever the visitor sends personal data (D1, D15).

The key used to change only the first time personal data entered a case,
so a cookie planted with a decoy name (or a decoy incident) already in its
case never changed, and its planter read everything typed after.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from rights_guide.evidence.models import LoggedIncident
from tests.factories import (
    ID_NUMBER,
    LOGGED,
    STORY,
    log_contact,
    save_details,
    walk,
)
from tests.test_letter_choices_pages import CONTACT_TERMS

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def planted_with_a_decoy(**decoy) -> tuple[Client, str]:
    """An attacker's session whose case already holds a decoy name or contact."""
    attacker = Client()
    walk(attacker, STORY)
    if decoy.get("details", True):
        save_details(attacker, complainant_name="张三", id_number="")
    if decoy.get("contact"):
        log_contact(attacker)
    return attacker, attacker.cookies[COOKIE].value


def victim_with(planted: str) -> Client:
    victim = Client()
    victim.cookies[COOKIE] = planted
    return victim


def test_details_sent_into_a_planted_case_that_held_a_decoy_name_change_the_key():
    attacker, planted = planted_with_a_decoy()
    victim = victim_with(planted)
    save_details(victim)
    assert victim.cookies[COOKIE].value != planted
    html = attacker.get("/letters/lender/print/").content.decode()
    assert ID_NUMBER not in html


def test_each_contact_logged_changes_the_key_even_when_the_log_was_not_empty():
    attacker, planted = planted_with_a_decoy(details=False, contact=True)
    victim = victim_with(planted)
    log_contact(victim, time="21:40", description="对方说要去我单位")
    assert victim.cookies[COOKIE].value != planted
    assert "对方说要去我单位" not in attacker.get("/log/").content.decode()


def test_editing_a_contact_changes_the_key(client):
    log_contact(client)
    before = client.cookies[COOKIE].value
    key = LoggedIncident.objects.get().pk
    client.post("/log/%d/" % key, {**LOGGED, "description": "改过的描述"})
    assert client.cookies[COOKIE].value != before


def test_a_contact_number_sent_again_on_the_choices_page_changes_the_key_again(client):
    walk(client, STORY)
    client.post("/letters/contact_terms/choices/", CONTACT_TERMS)
    first = client.cookies[COOKIE].value
    client.post("/letters/contact_terms/choices/", {**CONTACT_TERMS, "contact": "13912345678"})
    assert client.cookies[COOKIE].value != first


def production_cookie_names() -> list[str]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "s" * 60,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "rights_guide.settings",
    }
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return output.stdout.split()


def test_production_cookies_carry_the_host_prefix_so_a_sibling_site_cannot_plant_them():
    assert production_cookie_names() == ["__Host-sessionid", "__Host-csrftoken"]
