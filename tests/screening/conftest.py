"""Screening tests start, and leave, in the site's default language (Indonesian)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """A request carrying the language cookie leaves its language active in the thread
    (LocaleMiddleware activates it and nothing switches it back), so a test that ran earlier on
    this worker (here or in another folder) could make the refusals asserted here English."""
    translation.deactivate()
    yield
    translation.deactivate()
