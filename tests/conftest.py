"""Shared fixtures: every test starts in Simplified Chinese, the default language."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _chinese_by_default():
    with translation.override("zh-hans"):
        yield
