"""Downloaded letters are kept once per content and can be found, downloaded again and deleted (D6).

Every download used to store another full copy (with the ID number), and
no page ever showed the link to download one again.
"""

import re

import pytest
from django.test import Client

from rights_guide.models import StoredLetter
from tests.factories import ID_NUMBER, STORY, download, save_details, walk

pytestmark = pytest.mark.django_db


def ready(client) -> None:
    walk(client, STORY)
    save_details(client)


def test_downloading_the_same_letter_again_keeps_one_copy(client):
    ready(client)
    assert download(client).status_code == 200
    assert download(client).status_code == 200
    assert StoredLetter.objects.count() == 1
    # Another text is another letter.
    assert download(client, closing="此致\n敬礼！").status_code == 200
    assert StoredLetter.objects.count() == 2


def test_the_results_page_leads_to_the_letters_which_download_again_without_javascript(client):
    ready(client)
    first = download(client)
    results = client.get("/results/").content.decode()
    assert 'href="/letters/saved/"' in results
    page = client.get("/letters/saved/").content.decode()
    link = re.search(r'href="(/letters/download/[^"]+/)"', page).group(1)
    again = client.get(link)
    assert again.status_code == 200 and again["Content-Type"] == "application/pdf"
    assert again.content[:4] == b"%PDF"
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert ID_NUMBER not in page  # the list shows which letter, not what is in it


def test_the_privacy_page_links_to_the_letters(client):
    assert 'href="/letters/saved/"' in client.get("/privacy/").content.decode()


def test_a_letter_can_be_deleted_from_the_list_and_only_by_its_own_visitor(client):
    ready(client)
    download(client)
    page = client.get("/letters/saved/").content.decode()
    action = re.search(r'action="(/letters/saved/[^"]+/delete/)"', page).group(1)
    assert Client().post(action).status_code == 404  # someone else's case
    assert StoredLetter.objects.count() == 1
    response = client.post(action)
    assert response.status_code == 302 and response["Location"] == "/letters/saved/"
    assert StoredLetter.objects.count() == 0
    page = client.get("/letters/saved/").content.decode()
    assert "已从我们的服务器上删除" in page and "还没有下载过信件" in page


def test_with_no_case_the_page_says_there_are_no_letters():
    assert "还没有下载过信件" in Client().get("/letters/saved/").content.decode()
