"""Log-in abuse (issue 15): growing delays per account instead of a lock a stranger can trigger; the
owner with the right password and two-factor code always gets in; no address or user agent kept;
two-factor mandatory by default for administrators and identity custodians; tokens that end and
tokens that may only read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts import throttle
from jaganetral.accounts.models import ApiToken, LoginThrottle, Role, RolePolicy
from jaganetral.core import challenge
from jaganetral.lib import pow as pow_lib
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db

WRONG = "salah-salah-salah"
ADDRESS = "203.0.113.77"
AGENT = "UjiPeramban/9.9 (penanda-agen-unik)"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _post(client: Client, username: str, password: str, **extra: str) -> object:
    return client.post(
        "/akun/masuk/",
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT=AGENT,
    )


def test_delays_grow_and_are_capped() -> None:
    delays = [throttle.delay_after(n) for n in range(12)]
    assert delays[: throttle.FREE_FAILURES] == [0] * throttle.FREE_FAILURES
    assert delays[3:7] == [2, 4, 8, 16]
    assert max(delays) <= throttle.MAX_DELAY and delays == sorted(delays)


def test_a_stranger_slows_an_account_down_but_cannot_lock_its_owner_out(personas: Personas) -> None:
    device = TOTPDevice.objects.create(user=personas.jatim, name="hp", confirmed=True)
    stranger = Client()
    answers = [_post(stranger, "pengawas-jatim", WRONG).status_code for _ in range(throttle.FREE_FAILURES)]
    assert answers == [200, 200, 429]  # the third failure makes the next attempt wait
    page = _post(stranger, "pengawas-jatim", WRONG)
    assert page.status_code == 429 and "Tunggu" in page.content.decode()
    # the right password alone is not even checked while the account waits
    owner = Client()
    res = _post(owner, "pengawas-jatim", PASSWORD)
    assert res.status_code == 429 and "_auth_user_id" not in owner.session
    # ... a wrong code with it neither
    res = _post(owner, "pengawas-jatim", PASSWORD, token="000000")
    assert res.status_code == 429 and "_auth_user_id" not in owner.session
    # the right password with the current two-factor code gets in at once
    device.refresh_from_db()
    device.throttle_reset()
    res = _post(owner, "pengawas-jatim", PASSWORD, token=_code(device))
    assert res.status_code == 302 and res["Location"] == "/akun/"
    assert owner.get("/akun/").status_code == 200
    assert not LoginThrottle.objects.exists()  # the success forgets the failures


def test_after_the_wait_the_password_alone_works_again(personas: Personas) -> None:
    client = Client()
    for _ in range(throttle.FREE_FAILURES + 2):
        _post(client, "analis", WRONG)
    assert throttle.state("analis").waiting
    LoginThrottle.objects.update(wait_until=timezone.now() - timedelta(seconds=1))
    res = _post(client, "analis", PASSWORD, altcha=pow_lib.solve(challenge.issue()) or "")
    assert res.status_code == 302


def test_unknown_names_are_throttled_alike(personas: Personas) -> None:
    client = Client()
    statuses = [_post(client, "tidak-ada", WRONG).status_code for _ in range(throttle.FREE_FAILURES + 1)]
    assert statuses[-1] == 429


def test_no_address_user_agent_or_name_is_stored_by_log_ins(personas: Personas) -> None:
    for _ in range(4):
        _post(Client(), "pengawas-jepara", WRONG)
    LoginThrottle.objects.update(wait_until=None, failures=0)
    assert _post(Client(), "pengawas-jepara", PASSWORD).status_code == 302
    _post(Client(), "analis", WRONG)
    found = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            for row in cur.fetchall():
                text = " ".join(str(v) for v in row)
                if ADDRESS in text or "penanda-agen-unik" in text:
                    found.append(table)
    assert found == []
    assert not any("analis" in t.key for t in LoginThrottle.objects.all())
    assert not any(t.startswith("axes_") for t in connection.introspection.table_names())


def test_two_factor_is_mandatory_by_default_for_admin_and_custodian(personas: Personas) -> None:
    assert RolePolicy.requires_two_factor(Role.ADMIN)
    assert RolePolicy.requires_two_factor(Role.CUSTODIAN)
    assert not RolePolicy.requires_two_factor(Role.SUPERVISOR)
    for username in ("admin-nasional", "penjaga"):
        client = Client()
        assert _post(client, username, PASSWORD).status_code == 302
        res = client.get("/akun/")
        assert res.status_code == 302 and res["Location"].startswith("/akun/2fa/")
    # an administrator may decide otherwise for a role
    RolePolicy.objects.create(role=Role.CUSTODIAN, require_two_factor=False)
    client = Client()
    _post(client, "penjaga", PASSWORD)
    assert client.get("/akun/").status_code == 200


def test_tokens_end_and_read_tokens_only_read(personas: Personas) -> None:
    token = personas.token(personas.jepara)
    stored = ApiToken.objects.get(user=personas.jepara)
    assert timedelta(days=89) < stored.expires_at - timezone.now() <= timedelta(days=90)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert Client().get("/api/v1/me", **auth).status_code == 200
    ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/v1/me", **auth).status_code == 401

    from jaganetral.accounts.actions import issue_api_token

    read = issue_api_token(actor=None, user=personas.jepara, name="dasbor", scope="read", days=1)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {read}"}
    assert Client().get("/api/v1/cases", **auth).status_code == 200
    res = Client().post("/api/v1/cases", {"report_id": 1}, content_type="application/json", **auth)
    assert res.status_code == 403 and "membaca" in res.json()["detail"]


def test_users_create_issues_a_scoped_short_token(refdata: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command(
        "users",
        "create",
        "analis-baru",
        "--role",
        "analyst",
        "--token",
        "--token-scope",
        "read",
        "--token-days",
        "7",
    )
    raw = capsys.readouterr().out.strip()
    stored = ApiToken.objects.get(user__username="analis-baru")
    assert raw.startswith("jn_") and stored.scope == "read"
    assert timedelta(days=6) < stored.expires_at - timezone.now() <= timedelta(days=7)
