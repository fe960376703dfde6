"""The privacy notice and the reporter's data page fit a 360 px phone: no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page, width: int = 360) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"page is {overflow}px wide on a {width}px screen"


def test_the_privacy_notice_fits_a_360px_phone(page: Page, live_server: object) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(str(live_server) + "/privasi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pemberitahuan privasi")
    expect(page.locator("table.retention")).to_be_visible()
    _fits(page)
    page.goto(str(live_server) + "/privasi/permintaan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data pribadi Anda")
    _fits(page)
