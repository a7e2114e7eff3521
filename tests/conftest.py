"""Shared fixtures: every test starts in Simplified Chinese, the default language."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese_by_default():
    with translation.override("zh-hans"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _render_slots_of_this_test_process(tmp_path_factory):
    """Each test process gets its own render slots, as each machine does in production.

    Test processes run side by side; sharing one machine's slots would make
    one process's letters wait for the other's.
    """
    from django.conf import settings

    settings.LETTER_SLOTS_DIR = tmp_path_factory.mktemp("render-slots")
