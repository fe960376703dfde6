from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts and ends in the site's language. A page asked for in English leaves English
    active in the thread (LocaleMiddleware activates each request's language and never resets it),
    so the next test's refusals would come out in English."""
    translation.deactivate()
    yield
    translation.deactivate()
