"""The site-wide refusals (middleware, the API's own error handlers) in the language the person
chose with the language switch; the browser's Accept-Language alone changes nothing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def _english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_nul_byte_is_refused_in_the_chosen_language() -> None:
    english = _english()
    res = english.get("/api/v1/regions", {"parent": "33\x00"})
    assert res.status_code == 422
    assert res.json()["detail"] == (
        "The request contains an invalid NUL character (0x00): binary content is not accepted."
    )
    res = english.get("/aturan/?q=a%00b")
    assert res.status_code == 400 and "invalid NUL character" in res.content.decode()
    res = Client().get("/api/v1/regions", {"parent": "33\x00"}, HTTP_ACCEPT_LANGUAGE="en")
    assert res.json()["detail"].startswith("Permintaan memuat karakter NUL")


def test_the_apis_own_errors_in_english() -> None:
    english = _english()
    res = english.get("/api/v1/tidak-ada")
    assert (res.status_code, res.json()) == (404, {"detail": "Not found."})
    res = english.delete("/api/v1/regions")
    assert res.status_code == 405
    assert res.json() == {"detail": "This HTTP method is not allowed for this address."}
    res = english.get("/api/v1/intake/queue", HTTP_AUTHORIZATION="Bearer jn_salah")
    assert (res.status_code, res.json()) == (401, {"detail": "A valid API token is required."})
    res = english.get("/api/v1/calendar/add-days", {"start": "kemarin", "days": "1"})
    assert res.status_code == 422 and res.json()["detail"].startswith("Invalid input. start: ")
    assert Client().get("/api/v1/tidak-ada").json() == {"detail": "Tidak ditemukan."}
