from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts.models import Role, RolePolicy
from jaganetral.core.models import AuditEvent
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_the_login_page_is_indonesian(client: Client) -> None:
    res = client.get("/akun/masuk/")
    assert res.status_code == 200
    assert "Masuk petugas" in res.content.decode()


def test_a_supervisor_logs_in_with_password(client: Client, personas: Personas) -> None:
    res = client.post("/akun/masuk/", {"username": "pengawas-jepara", "password": PASSWORD})
    assert res.status_code == 302
    assert res["Location"] == "/akun/"
    page = client.get("/akun/").content.decode()
    assert "Kabupaten Jepara" in page
    assert AuditEvent.objects.filter(action="user.login", actor=personas.jepara).exists()


def test_a_wrong_password_is_refused_in_indonesian(client: Client, personas: Personas) -> None:
    res = client.post("/akun/masuk/", {"username": "pengawas-jepara", "password": "salah-salah-salah"})
    assert res.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in res.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_open_redirect_is_not_followed(client: Client, personas: Personas) -> None:
    res = client.post(
        "/akun/masuk/", {"username": "analis", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert res["Location"] == "/akun/"


def test_staff_pages_need_login(client: Client) -> None:
    res = client.get("/akun/")
    assert res.status_code == 302
    assert res["Location"].startswith("/akun/masuk/")


def test_the_admin_is_for_admins_only(personas: Personas) -> None:
    assert personas.client(personas.admin).get("/admin/").status_code == 200
    res = personas.client(personas.jepara).get("/admin/", follow=True)
    assert res.status_code == 403  # a clear page, not a redirect loop
    assert len(res.redirect_chain) == 1
    assert "hanya dapat dibuka oleh administrator" in res.content.decode()
    assert Client().get("/admin/login/?next=/admin/")["Location"] == "/akun/masuk/?next=/admin/"


def test_mandatory_two_factor_forces_enrolment_then_verifies(personas: Personas) -> None:
    RolePolicy.objects.create(role=Role.SUPERVISOR, require_two_factor=True)
    client = Client()
    client.post("/akun/masuk/", {"username": "pengawas-jateng", "password": PASSWORD})
    res = client.get("/akun/")
    assert res.status_code == 302
    assert res["Location"].startswith("/akun/2fa/")
    page = client.get(res["Location"])
    assert "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=personas.jateng, confirmed=False)
    wrong = client.post("/akun/2fa/", {"token": "000000"})
    assert wrong.status_code == 200
    assert "Kode salah" in wrong.content.decode()
    throttled = client.post("/akun/2fa/", {"token": _code(device)})
    assert "Terlalu banyak kode salah" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    res = client.post("/akun/2fa/", {"token": _code(device)})
    assert res.status_code == 302
    assert client.get("/akun/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # Next login asks for the code before the session exists.
    fresh = Client()
    res = fresh.post("/akun/masuk/", {"username": "pengawas-jateng", "password": PASSWORD})
    assert res["Location"].startswith("/akun/masuk/kode/")
    assert "_auth_user_id" not in fresh.session
    assert fresh.post("/akun/masuk/kode/", {"token": "12"}).status_code == 200
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    device.throttle_reset()
    res = fresh.post("/akun/masuk/kode/", {"token": _code(device)})
    assert res.status_code == 302
    assert fresh.get("/akun/").status_code == 200


def test_two_factor_optional_for_roles_without_policy(personas: Personas) -> None:
    RolePolicy.objects.create(role=Role.SUPERVISOR, require_two_factor=True)
    client = personas.client(personas.analyst)
    assert client.get("/akun/").status_code == 200
