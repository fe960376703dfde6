from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_the_service_in_indonesian(client: Client) -> None:
    res = client.get("/")
    assert res.status_code == 200
    html = res.content.decode()
    assert '<html lang="id"' in html
    assert "Jaga netralitas ASN" in html
    assert "Lapor pelanggaran" in html


def test_english_is_switchable(client: Client) -> None:
    res = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert res.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Report a violation" in html


def test_security_headers(client: Client) -> None:
    res = client.get("/")
    assert "default-src 'self'" in res["Content-Security-Policy"]
    assert res["X-Frame-Options"] == "DENY"
    assert res["X-Content-Type-Options"] == "nosniff"


def test_static_assets_are_local(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "https://" not in html.split("<body")[0]
    assert "/static/vendor/pico/pico.min.css" in html


def test_unknown_page_is_404_not_500(client: Client) -> None:
    assert client.get("/tidak-ada/").status_code == 404


def test_an_english_browser_still_gets_indonesian_until_it_switches(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id"' in html


@pytest.mark.parametrize(
    ("method", "path", "data"),  # forms sent url-encoded, as browsers send them
    [
        ("get", "/aturan/?q=a%00b", None),
        ("get", "/api/v1/rules?q=%00", None),
        ("post", "/cek/", {"q": "boleh\x00kah"}),
        ("post", "/api/v1/reports", {"x\x00": "1"}),
    ],
)
def test_a_nul_character_is_bad_input_everywhere(
    client: Client, method: str, path: str, data: object
) -> None:
    """PostgreSQL text cannot hold NUL: refused as 400 up front, never a 500 inside a query."""
    if method == "get":
        res = client.get(path)
    else:
        res = client.post(path, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert res.status_code == (422 if path.startswith("/api/") else 400)
    if path.startswith("/api/"):
        assert res.json()["detail"].startswith("Permintaan memuat karakter NUL")
    else:
        assert "karakter NUL" in res.content.decode()


def test_an_ordinary_query_and_form_pass_the_nul_check(client: Client) -> None:
    assert client.get("/aturan/?q=kampanye").status_code == 200
    assert client.post("/cek/", {"q": "bolehkah saya like postingan capres?"}).status_code == 200
