from __future__ import annotations

import logging

import pytest
from django.test import Client

from jaganetral.core.models import AuditEvent
from jaganetral.rulebook.actions import load_rulebook_text
from jaganetral.rulebook.rule_file import SHIPPED_FILE, parse_rulebook
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
RULES = len(parse_rulebook(SHIPPED_FILE.read_text(encoding="utf-8")).rules)
QUESTION = "sy ngelike postingan capres 02 boleh gak?"


def test_list_rules(client: Client) -> None:
    res = client.get("/api/v1/rules")
    assert res.status_code == 200
    rows = res.json()
    assert len(rows) == RULES and rows[0]["code"] == "E1"
    assert {"code", "track", "title", "title_en", "sanction", "url"} <= rows[0].keys()
    etik = client.get("/api/v1/rules", {"track": "etik"}).json()
    assert [r["code"] for r in etik] == [f"E{i}" for i in range(1, 8)]
    found = client.get("/api/v1/rules", {"q": "baliho"}).json()
    assert {"E1", "D1"} <= {r["code"] for r in found}


def test_one_rule_with_basis_and_sanction(client: Client) -> None:
    res = client.get("/api/v1/rules/D5")
    assert res.status_code == 200
    body = res.json()
    assert body["code"] == "D5" and body["track"] == "disiplin" and body["version"] == "2026.2"
    assert body["sanction"]["level"] == "ptdh"
    assert any("Pasal 52 ayat (3) huruf j" in b["article"] for b in body["basis"])  # UU 20/2023
    assert body["title"]["en"] and body["explanation"]["id"]
    assert body["url"] == "/aturan/versi/2026.2/D5/"
    p = client.get("/api/v1/rules/P-UU10-71").json()
    assert "Pasal 188" in p["sanction"]["penalty"]["id"]
    assert client.get("/api/v1/rules/D8").json()["disputed"]["id"]


def test_an_older_version_stays_readable(client: Client) -> None:
    text = SHIPPED_FILE.read_text(encoding="utf-8").replace('version: "2026.2"', 'version: "2025.1"', 1)
    load_rulebook_text(text.replace("Menjadi anggota", "Tercatat sebagai anggota", 1), actor=None)
    assert client.get("/api/v1/rules/D5").json()["title"]["id"].startswith("Tercatat")
    old = client.get("/api/v1/rules/D5", {"version": "2026.2"}).json()
    assert old["title"]["id"].startswith("Menjadi") and old["version"] == "2026.2"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/rules/X99", {}),
        ("/api/v1/rules/" + "E" * 500, {}),
        ("/api/v1/rules/E4", {"version": "1999.9"}),
        ("/api/v1/rules", {"version": "1999.9"}),
    ],
)
def test_unknown_rules_and_versions_are_404_json(client: Client, path: str, params: dict[str, str]) -> None:
    res = client.get(path, params)
    assert res.status_code == 404
    assert "tidak ditemukan" in res.json()["detail"]


def test_check_returns_the_documented_shape(client: Client) -> None:
    res = client.get("/api/v1/rules/check", {"q": QUESTION})
    assert res.status_code == 200
    body = res.json()
    assert body["verdict"] == "violation"
    matches = body["matches"]
    assert matches[0]["code"] in {"E4", "D6"}
    assert all(set(m) >= {"code", "score", "title"} and 0.0 <= m["score"] <= 1.0 for m in matches)
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    allowed = client.get("/api/v1/rules/check", {"q": "nyoblos di tps"}).json()
    assert allowed["verdict"] == "allowed" and allowed["matches"][0]["code"] == "A1"
    unclear = client.get("/api/v1/rules/check", {"q": "makan siang di kantin"}).json()
    assert unclear["verdict"] == "unclear"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "kosong"),
        ({"q": ""}, "kosong"),
        ({"q": "   "}, "kosong"),
        ({"q": "x" * 2001}, "terlalu panjang"),
        ({"q": "abc\x00"}, "biner"),
        ({"q": "1234 5678"}, "tidak berisi kata"),
    ],
)
def test_check_bad_input_is_a_clear_422(client: Client, params: dict[str, str], message: str) -> None:
    res = client.get("/api/v1/rules/check", params)
    assert res.status_code == 422
    assert message in res.json()["detail"]


def test_check_refuses_invalid_utf8(client: Client) -> None:
    res = client.get("/api/v1/rules/check?q=%ff%fe%fd")
    assert res.status_code == 422
    assert "biner" in res.json()["detail"]


def test_check_stores_and_logs_nothing(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    before = AuditEvent.objects.count()
    secret = "rahasia-unik-12345 like postingan capres"
    with caplog.at_level(logging.DEBUG):
        assert client.get("/api/v1/rules/check", {"q": secret}).status_code == 200
    assert AuditEvent.objects.count() == before
    assert "rahasia-unik" not in caplog.text


def test_the_api_is_the_same_for_staff_and_anonymous(client: Client, personas: Personas) -> None:
    token = personas.token(personas.jepara)
    anon = client.get("/api/v1/rules/check", {"q": QUESTION}).json()
    staff = client.get("/api/v1/rules/check", {"q": QUESTION}, HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert anon == staff
    bad = client.get("/api/v1/rules/check", {"q": QUESTION}, HTTP_AUTHORIZATION="Bearer jn_salah")
    assert bad.status_code == 200  # public endpoint: a wrong token is ignored, not an error


def test_openapi_lists_the_rule_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/rules", "/api/v1/rules/check", "/api/v1/rules/{code}"} <= set(paths)
