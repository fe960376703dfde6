"""GET /api/v1/stats and /api/v1/stats/public: scope, groups, filters, suppression, the extension point."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jaganetral.insights import stats
from jaganetral.insights.filters import Filters
from tests.conftest import Personas
from tests.insights.conftest import World


def _get(personas: Personas, user: Any, **params: str) -> Any:
    token = personas.token(user)
    return Client().get("/api/v1/stats", params, HTTP_AUTHORIZATION=f"Bearer {token}")


def _counts(body: dict[str, Any]) -> dict[str, int]:
    return {i["key"]: i["count"] for i in body["items"]}


@pytest.mark.django_db
def test_admin_counts_every_case_by_province(personas: Personas, world: World) -> None:
    r = _get(personas, personas.admin, group_by="region")
    assert r.status_code == 200, r.content
    body = r.json()
    assert _counts(body) == {"33": 4, "35": 2}
    assert body["total"] == 6
    labels = {i["key"]: i["label"] for i in body["items"]}
    assert labels["33"] == "Jawa Tengah"


@pytest.mark.django_db
def test_region_filter_drills_down_to_regencies(personas: Personas, world: World) -> None:
    body = _get(personas, personas.admin, group_by="region", region="33").json()
    assert _counts(body) == {"33.20": 3, "33.74": 1}


@pytest.mark.django_db
def test_a_regional_supervisor_counts_only_their_region(personas: Personas, world: World) -> None:
    assert _counts(_get(personas, personas.jatim, group_by="region").json()) == {"35": 2}
    assert _counts(_get(personas, personas.jepara, group_by="region").json()) == {"33": 3}
    # asking for another region gives nothing, not the other region's figures
    body = _get(personas, personas.jatim, group_by="status", region="33").json()
    assert body == {"group_by": "status", "unit": "kasus", "items": [], "total": 0}


@pytest.mark.django_db
def test_agency_and_authority_count_only_forwarded_cases(personas: Personas, world: World) -> None:
    for user in (personas.agency, personas.authority):
        body = _get(personas, user, group_by="status").json()
        assert body["total"] == 1, user.username
        people = _get(personas, user, group_by="agency").json()
        assert _counts(people) == {"pemkab-33-20": 1}


@pytest.mark.django_db
def test_roles_without_cases_are_refused(personas: Personas, world: World) -> None:
    for user in (personas.custodian, personas.analyst):
        r = _get(personas, user, group_by="status")
        assert r.status_code == 403
        assert "statistik" in r.json()["detail"]
    assert Client().get("/api/v1/stats").status_code == 401


@pytest.mark.django_db
def test_every_builtin_group_answers(personas: Personas, world: World) -> None:
    for name in (
        "status",
        "rule",
        "region",
        "agency",
        "source",
        "month",
        "person_state",
        "election",
        "position",
    ):
        body = _get(personas, personas.jateng, group_by=name).json()
        assert set(body) == {"group_by", "unit", "items", "total"}, name
        assert all(set(i) == {"key", "label", "count"} for i in body["items"]), name
    statuses = _counts(_get(personas, personas.jateng, group_by="status").json())
    assert statuses == {"received": 3, "forwarded": 1}
    assert _counts(_get(personas, personas.jateng, group_by="rule").json()) == {"N1": 4}
    assert _counts(_get(personas, personas.jateng, group_by="source").json()) == {"laporan": 4}
    people = _get(personas, personas.jateng, group_by="person_state").json()
    assert people["unit"] == "terlapor"
    assert _counts(people) == {"under_review": 3, "forwarded": 1}


@pytest.mark.django_db
def test_unknown_group_is_refused_in_indonesian(personas: Personas, world: World) -> None:
    r = _get(personas, personas.admin, group_by="kesukaan")
    assert r.status_code == 422
    assert r.json()["detail"].startswith("Pengelompokan tidak dikenal: kesukaan.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"region": "99.99"}, "Wilayah tidak dikenal"),
        ({"region": "jawa"}, "bukan kode wilayah"),
        ({"election": "pemilu-1955"}, "Pemilihan tidak dikenal"),
        ({"source": "twitter"}, "Sumber tidak dikenal"),
        ({"from": "2024-13-01"}, "TTTT-BB-HH"),
        ({"from": "1900-01-01"}, "rentang"),
        ({"from": "2024-02-01", "to": "2024-01-01"}, "Tanggal awal"),
        ({"region": "3" * 61}, "Masukan tidak sah"),
        ({"group_by": "x" * 41}, "Masukan tidak sah"),
    ],
)
def test_bad_and_oversized_filters_are_refused(
    personas: Personas, world: World, params: dict[str, str], words: str
) -> None:
    r = _get(personas, personas.admin, **{"group_by": "status", **params})
    assert r.status_code == 422
    assert words in r.json()["detail"]


@pytest.mark.django_db
def test_date_and_source_filters(personas: Personas, world: World) -> None:
    assert _get(personas, personas.admin, group_by="status", **{"from": "2100-01-01"}).json()["total"] == 0
    assert _get(personas, personas.admin, group_by="status", source="temuan").json()["total"] == 0
    assert _get(personas, personas.admin, group_by="status", election="pemilu-2024").json()["total"] == 6


@pytest.mark.django_db
def test_public_view_hides_small_counts_without_a_token(personas: Personas, world: World) -> None:
    r = Client().get("/api/v1/stats/public", {"group_by": "region"})
    assert r.status_code == 200
    body = r.json()
    shown = {i["key"]: (i["count"], i["text"]) for i in body["items"]}
    assert shown == {"33": (None, "<5"), "35": (None, "<5")}
    assert body["total"] == 10  # 6 rounded up: the hidden cells cannot be subtracted back
    assert body["total_approximate"] is True
    assert body["total_text"] == "≈10"


@pytest.mark.django_db
def test_public_view_offers_only_public_groups(world: World) -> None:
    for name in ("agency", "position"):
        r = Client().get("/api/v1/stats/public", {"group_by": name})
        assert r.status_code == 422
        assert "Pengelompokan tidak dikenal" in r.json()["detail"]


@pytest.mark.django_db
def test_a_higher_layer_can_register_a_group(personas: Personas, world: World) -> None:
    seen: list[tuple[Any, Filters]] = []

    def pledges(user: Any, f: Filters) -> list[dict[str, Any]]:
        seen.append((user, f))
        return [{"key": "pemkab-33-20", "label": "Pemkab Jepara", "count": 7}]

    stats.register_group("test_group", pledges, unit="instansi", public=True)
    try:
        body = _get(personas, personas.jepara, group_by="test_group", region="33.20").json()
        assert body == {
            "group_by": "test_group",
            "unit": "instansi",
            "items": [{"key": "pemkab-33-20", "label": "Pemkab Jepara", "count": 7}],
            "total": 7,
        }
        assert seen[0][0] == personas.jepara and seen[0][1].region == "33.20"
        public = Client().get("/api/v1/stats/public", {"group_by": "test_group"}).json()
        assert public["items"][0]["text"] == "7"
        assert seen[1][0] is None
    finally:
        stats._GROUPS.pop("test_group")
