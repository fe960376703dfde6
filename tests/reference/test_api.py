from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_provinces(refdata: None, client: Client) -> None:
    res = client.get("/api/v1/regions", {"level": "province"})
    assert res.status_code == 200
    rows = res.json()
    assert len(rows) == 38
    assert {"code": "33", "name": "Jawa Tengah"}.items() <= rows[
        [r["code"] for r in rows].index("33")
    ].items()


def test_regencies_of_a_province_with_plain_or_dotted_parent(refdata: None, client: Client) -> None:
    rows = client.get("/api/v1/regions", {"level": "regency", "parent": "33"}).json()
    assert len(rows) == 35
    assert any(r["code"] == "33.20" and r["name"] == "Kabupaten Jepara" for r in rows)
    districts = client.get("/api/v1/regions", {"parent": "3320"}).json()
    assert districts and all(r["parent"] == "33.20" and r["level"] == "district" for r in districts)


@pytest.mark.parametrize(
    "params",
    [{"level": "planet"}, {"parent": "abc"}, {"parent": "9" * 500}],
)
def test_bad_region_queries_get_a_clear_4xx(refdata: None, client: Client, params: dict[str, str]) -> None:
    res = client.get("/api/v1/regions", params)
    assert res.status_code == 422
    assert isinstance(res.json()["detail"], str)


def test_election_with_contestants(refdata: None, client: Client) -> None:
    res = client.get("/api/v1/elections/pemilu-2024")
    assert res.status_code == 200
    body = res.json()
    pairs = [c for c in body["contestants"] if c["kind"] == "pair"]
    parties = [c for c in body["contestants"] if c["kind"] == "party"]
    assert [p["number"] for p in pairs] == [1, 2, 3]
    assert len(parties) == 24
    assert body["day_count"] == "working"
    assert pairs[1]["coalition"] == "Koalisi Indonesia Maju"


def test_unknown_election_is_404_json(refdata: None, client: Client) -> None:
    res = client.get("/api/v1/elections/" + "x" * 300)
    assert res.status_code == 404
    assert "tidak ditemukan" in res.json()["detail"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2024-04-05", "days": 7, "working": "true"}, "2024-04-24"),
        ({"start": "2024-04-05", "days": 7, "working": "false"}, "2024-04-12"),
        ({"start": "2024-04-05", "days": 7, "election": "pemilu-2024"}, "2024-04-24"),
        ({"start": "2024-04-05", "days": 7, "election": "pilkada-2024"}, "2024-04-12"),
        ({"start": "2024-04-05", "days": 7, "working": "true", "election": "pilkada-2024"}, "2024-04-24"),
    ],
)
def test_add_days(refdata: None, client: Client, params: dict[str, str], expected: str) -> None:
    res = client.get("/api/v1/calendar/add-days", params)
    assert res.status_code == 200, res.content
    assert res.json()["result"] == expected


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"start": "2024-02-30", "days": 7}, 422),
        ({"start": "2024-04-05", "days": -1}, 422),
        ({"start": "2024-04-05", "days": 10**9}, 422),
        ({"start": "2024-04-05"}, 422),
        ({"start": "2024-04-05", "days": 7, "working": "kadang"}, 422),
        ({"start": "2024-04-05", "days": 7, "election": "tidak-ada"}, 404),
        ({"start": "x" * 5000, "days": 7}, 422),
    ],
)
def test_add_days_bad_input(refdata: None, client: Client, params: dict[str, str], status: int) -> None:
    res = client.get("/api/v1/calendar/add-days", params)
    assert res.status_code == status
    assert isinstance(res.json()["detail"], str)


def test_holidays_of_2024_include_cuti_bersama(refdata: None, client: Client) -> None:
    rows = client.get("/api/v1/calendar/holidays", {"year": 2024}).json()
    kinds = {r["date"]: r["kind"] for r in rows}
    assert kinds["2024-04-10"] == "holiday"
    assert kinds["2024-04-08"] == "cuti_bersama"
    assert kinds["2024-02-14"] == "holiday"  # voting day
    assert client.get("/api/v1/calendar/holidays", {"year": 1500}).status_code == 422


def test_openapi_and_docs_are_served(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/regions" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/api/v1/regions", 405),
        ("delete", "/api/v1/elections/pemilu-2024", 405),
        ("get", "/api/v1/nope", 404),
    ],
)
def test_framework_errors_are_json_too(client: Client, method: str, path: str, status: int) -> None:
    res = getattr(client, method)(path)
    assert res.status_code == status
    assert res["Content-Type"].startswith("application/json")
    assert isinstance(res.json()["detail"], str)
