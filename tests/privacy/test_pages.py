"""The privacy notice: public, Bahasa Indonesia first (English on request), with the retention
table from the data file; and the admin's retention page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from jaganetral.privacy.retention import schedule
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_is_public_and_lists_every_retention_rule() -> None:
    page = Client().get("/privasi/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Pemberitahuan privasi" in body and "Undang-Undang Nomor 27 Tahun 2022" in body
    assert settings.PRIVACY_CONTROLLER in body
    for rule in schedule().kinds.values():
        assert rule.label.id in body
    assert "/privasi/permintaan/" in body and "3 x 24 jam" in body
    assert Client().post("/privasi/").status_code == 405
    # every page links to it
    assert 'href="/privasi/"' in Client().get("/").content.decode()


def test_the_privacy_notice_in_english() -> None:
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = english.get("/privasi/").content.decode()
    assert "Privacy notice" in body and "How long data is kept" in body
    for rule in schedule().kinds.values():
        assert escape(rule.label.en) in body


def test_the_controller_and_contact_come_from_the_settings(settings: object) -> None:
    settings.PRIVACY_CONTROLLER = "Bawaslu Kabupaten Jepara"  # type: ignore[attr-defined]
    settings.PRIVACY_CONTACT = "ppid@jepara.bawaslu.example"  # type: ignore[attr-defined]
    body = Client().get("/privasi/").content.decode()
    assert "Bawaslu Kabupaten Jepara" in body and "ppid@jepara.bawaslu.example" in body


def test_the_retention_page_shows_each_kind_for_admins(personas: Personas) -> None:
    page = personas.client(personas.admin).get("/petugas/privasi/retensi/")
    assert page.status_code == 200
    body = page.content.decode()
    for name, rule in schedule().kinds.items():
        assert f'id="{name}"' in body and rule.label.id in body
    assert 'data-testid="due-reporter_identity_not_registered"' in body
