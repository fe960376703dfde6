from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from jaganetral.accounts.models import ApiToken, User
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_a_token_identifies_its_user(client: Client, personas: Personas) -> None:
    token = personas.token(personas.jepara)
    res = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert res.status_code == 200
    assert res.json() == {
        "username": "pengawas-jepara",
        "role": "supervisor",
        "region_scope": "33.20",
        "agency_id": None,
    }
    stored = ApiToken.objects.get(user=personas.jepara)
    assert token not in (stored.key_hash, stored.prefix)


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer jn_wrong", "Bearer " + "x" * 5000, "Basic abc"])
def test_the_wrong_token_is_refused(client: Client, personas: Personas, header: str) -> None:
    res = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert res.status_code == 401
    assert res.json() == {"detail": "Perlu token API yang sah."}


def test_a_revoked_token_or_inactive_user_is_refused(client: Client, personas: Personas) -> None:
    token = personas.token(personas.analyst)
    ApiToken.objects.filter(user=personas.analyst).update(revoked_at="2024-01-01T00:00:00Z")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    token = personas.token(personas.custodian)
    User.objects.filter(pk=personas.custodian.pk).update(is_active=False)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_users_create_prints_a_working_token(
    refdata: None, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("users", "create", "pengawas-batang", "--role", "supervisor", "--region", "3325", "--token")
    token = capsys.readouterr().out.strip()
    assert token.startswith("jn_")
    body = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["region_scope"] == "33.25"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x1", "--role", "supervisor", "--region", "99"], "tidak ada"),
        (["x2", "--role", "supervisor", "--region", "jateng"], "kode wilayah"),
        (["x3", "--role", "agency", "--agency", "999999"], "instansi"),
        (["x5", "--role", "agency", "--agency", "pemkab-tidak-ada"], "instansi"),
        (["x4", "--role", "analyst", "--password", "123"], "kata sandi terlalu pendek"),
    ],
)
def test_users_create_refuses_bad_input(refdata: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=f"(?i){message}"):
        call_command("users", "create", *args)
    assert not User.objects.filter(username=args[0]).exists()


def test_a_taken_username_is_refused(personas: Personas) -> None:
    with pytest.raises(CommandError, match="sudah dipakai"):
        call_command("users", "create", "analis", "--role", "analyst")


def test_users_create_takes_an_agency_code(refdata: None) -> None:
    call_command(
        "users", "create", "bkd-jepara-2", "--role", "agency", "--region", "33.20", "--agency", "pemkab-33-20"
    )
    user = User.objects.get(username="bkd-jepara-2")
    assert user.agency is not None
    assert user.agency.code == "pemkab-33-20"
