"""GET /api/v1/prevention/stats: public figures without a token, scoped ones with a token, a bad
token or bad input refused."""

from __future__ import annotations

import pytest
from django.test import Client

from jaganetral.prevention.actions import pledges
from jaganetral.prevention.models import Campaign, Signer
from tests.conftest import Personas
from tests.prevention.conftest import nip

pytestmark = pytest.mark.django_db
URL = "/api/v1/prevention/stats"


def test_public_and_scoped_pledge_coverage(rostered: Campaign, personas: Personas) -> None:
    budi = Signer.objects.get(campaign=rostered, nip=nip(1))
    pledges.sign(signer=budi, nip=nip(1), name="Budi Santoso")
    public = Client().get(URL, {"group_by": "pledge_coverage"})
    assert public.status_code == 200
    body = public.json()
    assert body["public"] is True
    assert body["items"][0]["count"] is None and body["items"][0]["text"] == "<5"
    officer = Client().get(
        URL, {"group_by": "pledge_coverage"}, HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.agency)}"
    )
    assert officer.status_code == 200
    assert [(i["key"], i["count"], i["total"]) for i in officer.json()["items"]] == [("pemkab-33-20", 1, 3)]
    other = Client().get(
        URL, {"group_by": "pledge_coverage"}, HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jatim)}"
    )
    assert other.json()["items"] == []


def test_bad_tokens_and_bad_input_are_refused(refdata: None) -> None:
    assert (
        Client().get(URL, {"group_by": "pledge_coverage"}, HTTP_AUTHORIZATION="Bearer jn_fake").status_code
        == 401
    )
    assert Client().get(URL, {"group_by": "people"}).status_code == 422
    assert Client().get(URL).status_code == 422
    assert Client().get(URL, {"group_by": "quiz_gain", "region": "3" * 500}).status_code == 422
    r = Client().get(URL, {"group_by": "quiz_gain", "by": "region"})
    assert r.status_code == 200 and r.json()["items"] == []
