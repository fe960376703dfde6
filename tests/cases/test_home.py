"""The staff home: what waits for me (by deadline), what is overdue in my scope, what I asked
others and have not heard back; each line only for the people who may see it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.models import Clock
from jaganetral.intake.actions import ask_reporter, request_identity_access
from tests.cases.conftest import make_case, make_report, to_forwarded
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def _section(html: str, name: str) -> str:
    start = html.index(f'data-home="{name}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_login_lands_on_the_home(personas: Personas) -> None:
    response = Client().post("/akun/masuk/", {"username": "pengawas-jepara", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/akun/"
    assert Client().get("/akun/").status_code == 302  # anonymous: to the login


def test_assigned_case_waits_for_its_supervisor_with_its_deadline(personas: Personas) -> None:
    case = make_case(personas.jepara)
    actions.assign(actor=personas.jepara, cases=[case], user=personas.jepara)
    html = personas.client(personas.jepara).get("/akun/").content.decode()
    waiting = _section(html, "waiting")
    assert case.reference in waiting
    assert "Kajian awal" in waiting or "Penanganan" in waiting  # the clock's name, not its key
    assert "Mulai kajian awal" in waiting  # the next step in words
    # another supervisor of the same province does not have it waiting for them
    assert case.reference not in _section(
        personas.client(personas.jateng).get("/akun/").content.decode(), "waiting"
    )


def test_overdue_cases_show_only_inside_the_scope(personas: Personas) -> None:
    case = make_case(personas.jepara)
    Clock.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(days=1))
    for who in (personas.jepara, personas.jateng, personas.admin):
        overdue = _section(personas.client(who).get("/akun/").content.decode(), "overdue")
        assert case.reference in overdue, who
        assert "lewat batas waktu" in overdue
    for who in (personas.jatim, personas.authority, personas.agency, personas.analyst, personas.custodian):
        html = personas.client(who).get("/akun/").content.decode()
        assert case.reference not in html, who


def test_forwarded_case_is_asked_of_bkn_then_ppk(personas: Personas) -> None:
    case = make_case(personas.jepara)
    actions.assign(actor=personas.jepara, cases=[case], user=personas.jepara)
    case = to_forwarded(case, personas.jepara)
    sup = personas.client(personas.jepara).get("/akun/").content.decode()
    assert case.reference in _section(sup, "asked") and "Menunggu rekomendasi BKN" in _section(sup, "asked")
    assert case.reference not in _section(sup, "waiting")
    bkn = personas.client(personas.authority).get("/akun/").content.decode()
    assert case.reference in _section(bkn, "waiting")
    assert "Rekomendasi BKN" in _section(bkn, "waiting")  # the deadline's name
    # the agency (PPK) has nothing to do yet
    assert case.reference not in personas.client(personas.agency).get("/akun/").content.decode()
    # a supervisor elsewhere never sees it
    assert case.reference not in personas.client(personas.jatim).get("/akun/").content.decode()


def test_new_reports_and_questions_to_the_reporter(personas: Personas) -> None:
    report = make_report()
    sup = personas.client(personas.jepara).get("/akun/").content.decode()
    assert report.reference in _section(sup, "waiting")
    assert report.reference not in personas.client(personas.jatim).get("/akun/").content.decode()
    ask_reporter(actor=personas.jepara, report=report, body="Kapan tepatnya kejadian itu?")
    request_identity_access(
        actor=personas.jepara, report=report, reason="Perlu menghubungi pelapor untuk klarifikasi saksi."
    )
    sup = personas.client(personas.jepara).get("/akun/").content.decode()
    asked = _section(sup, "asked")
    assert "Pertanyaan kepada pelapor belum dijawab" in asked
    assert "Menunggu keputusan penjaga identitas" in asked
    custodian = personas.client(personas.custodian).get("/akun/").content.decode()
    waiting = _section(custodian, "waiting")
    assert report.reference in waiting and "menunggu keputusan Anda" in waiting
    # another supervisor did not ask
    assert "Pertanyaan kepada pelapor" not in personas.client(personas.jateng).get("/akun/").content.decode()
