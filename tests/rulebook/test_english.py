"""The self-check in English: its refusals, the guided questions' choices and the concepts it
recognised follow the language switch."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def _english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_api_refuses_a_bad_question_in_english() -> None:
    res = _english().get("/api/v1/rules/check", {"q": "x" * 2001})
    assert res.status_code == 422
    assert res.json() == {"detail": "The question is too long (2001 characters); at most 2000."}
    res = _english().get("/api/v1/rules/X99")
    assert (res.status_code, res.json()) == (404, {"detail": "Rule 'X99' not found."})
    res = Client().get("/api/v1/rules/check", {"q": "123 456"})
    assert res.json()["detail"].startswith("Pertanyaan tidak berisi kata.")


def test_the_page_speaks_english_after_the_switch() -> None:
    client = _english()
    html = client.get("/cek/").content.decode()
    assert "Liking (like/love), commenting on or sharing a post" in html
    assert "Menyukai (like/love)" not in html
    html = client.post("/cek/", {"q": "sy ngelike postingan capres 02 boleh gak?"}).content.decode()
    assert "What we recognised in your question:" in html and "liking (like/love)" in html
    html = client.post("/cek/", {"act": "like", "target": "candidate"}).content.decode()
    assert 'data-verdict="violation"' in html and "liking (like/love)" in html
    html = Client().post("/cek/", {"act": "like", "target": "candidate"}).content.decode()
    assert "menyukai (like/love)" in html


def test_the_rulebook_command_refuses_in_english() -> None:
    with translation.override("en"), pytest.raises(CommandError, match=r"^The question contains no words\."):
        call_command("rulebook", "check", "123")
