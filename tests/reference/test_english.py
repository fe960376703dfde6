"""Reference refusals in English: the API with the language switch's cookie, and the staff commands
when English is active."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_the_reference_api_refuses_in_english(refdata: None) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    res = client.get("/api/v1/elections/pilkada-atlantis")
    assert (res.status_code, res.json()) == (404, {"detail": "Election 'pilkada-atlantis' not found."})
    res = client.get("/api/v1/regions", {"parent": "abc"})
    # the form of a region code is declared in the OpenAPI document, so the API refuses it itself
    assert (res.status_code, res.json()) == (422, {"detail": "Invalid input. parent: the form is not valid"})
    res = client.get("/api/v1/calendar/add-days", {"start": "2024-01-01", "days": "3", "election": "nope"})
    assert res.json() == {"detail": "Election 'nope' not found."}


def test_the_calendar_command_refuses_in_english(refdata: None) -> None:
    with translation.override("en"):
        with pytest.raises(CommandError, match=r"^the year must be between 2000 and 2100$"):
            call_command("calendar", "holidays", "1999")
        with pytest.raises(CommandError, match=r"^invalid date: '1-2-2024' \(use the format YYYY-MM-DD\)$"):
            call_command("calendar", "add-days", "1-2-2024", "3")
    with pytest.raises(CommandError, match=r"^tahun harus antara 2000 dan 2100$"):
        call_command("calendar", "holidays", "1999")
