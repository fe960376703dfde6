"""The public statistics page and its JSON: no login, live data, no count from 1 to 4 ever shown,
totals beside hidden cells rounded up."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from jaganetral.insights.public import suppressed
from tests.cases.conftest import make_case
from tests.conftest import Personas
from tests.insights.conftest import World


def _numbers(html: str) -> list[int]:
    cells = re.findall(r'<t[dh] class="num">([^<]*)</t[dh]>', html)
    assert cells
    return [int(c.lstrip("≈")) for c in cells if c.lstrip("≈").isdigit()]


@pytest.mark.django_db
def test_public_page_never_shows_one_to_four(world: World) -> None:
    client = Client()
    for params in ({}, {"region": "33"}, {"region": "33.20"}, {"region": "35"}, {"source": "laporan"}):
        r = client.get("/statistik/", params)
        assert r.status_code == 200
        html = r.content.decode()
        assert all(not 1 <= n <= 4 for n in _numbers(html)), params
        assert "&lt;5" in html
    regencies = client.get("/statistik/", {"region": "33"}).context["groups"]["region"]
    assert [(i["key"], i["text"]) for i in regencies["items"]] == [("33.20", "<5"), ("33.74", "<5")]
    assert regencies["total_text"] == "≈5"


@pytest.mark.django_db
def test_public_figures_are_live(personas: Personas, world: World) -> None:
    def surabaya() -> str:
        body = Client().get("/api/v1/stats/public", {"group_by": "region", "region": "35"}).json()
        return next(i["text"] for i in body["items"] if i["key"] == "35.78")

    assert surabaya() == "<5"
    for _ in range(3):
        make_case(personas.admin, "35.78")
    assert surabaya() == "5"


@pytest.mark.django_db
def test_public_page_offers_no_staff_figures(world: World) -> None:
    html = Client().get("/statistik/").content.decode()
    assert "Terlapor menurut instansi" not in html and "Terlapor menurut jabatan" not in html
    assert "Budi Santoso" not in html  # no civil servant's name


@pytest.mark.django_db
def test_bad_and_oversized_public_filters(world: World) -> None:
    r = Client().get("/statistik/", {"region": "9" * 80})
    assert r.status_code == 400 and "terlalu panjang" in r.content.decode()
    r = Client().get("/statistik/", {"to": "31-12-2024"})
    assert r.status_code == 400 and 'value="31-12-2024"' in r.content.decode()


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=12))
def test_suppression_never_reveals_one_to_four(counts: list[int]) -> None:
    items = [{"key": str(i), "label": str(i), "count": n} for i, n in enumerate(counts)]
    shown = suppressed({"group_by": "x", "unit": "kasus", "items": items})
    for item in shown["items"]:
        assert item["count"] is None or not 1 <= item["count"] <= 4
        assert item["text"] == "<5" or not 1 <= int(item["text"]) <= 4
    hidden = [n for n in counts if 1 <= n <= 4]
    if hidden:
        assert shown["total_approximate"] and shown["total"] % 5 == 0 and shown["total"] >= sum(counts)
    else:
        assert shown["total"] == sum(counts)
