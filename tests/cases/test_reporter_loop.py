"""The reporter's loop: each stage of a case opened from their report reaches the status page in
plain words (registered or not and why, forwarded, stopped and why, each civil servant's outcome),
with the notices listed; the optional e-mail is sealed and says only "there is news"."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.models import CaseReportedPerson
from jaganetral.intake import notices, sealing
from jaganetral.intake.models import Report, ReporterNotice
from jaganetral.lib import receipt as receipt_lib
from tests.cases.conftest import make_report, to_forwarded, to_study, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db(transaction=True)
ADDRESS = "siti.pelapor@contoh.id"


@pytest.fixture(autouse=True)
def _locmem(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://jaganetral.contoh.id"


def _status_page(report: Report) -> str:
    """The status page as the reporter sees it (the session the receipt opens)."""
    client = Client()
    session = client.session
    session["intake_report"] = str(report.uid)
    session.save()
    client.cookies["sessionid"] = str(session.session_key)
    resp = client.get("/lapor/status/")
    assert resp.status_code == 200
    return resp.content.decode()


def _with_email(report: Report) -> Report:
    notices.set_notify_email(report=report, email=ADDRESS)
    report.refresh_from_db()
    return report


def _secrets(report: Report) -> list[str]:
    """Everything a notice e-mail or page must never show: the reporter's and the civil servants'
    names, the address of the reporter, the witness, the text of the report."""
    names = [p.name for p in CaseReportedPerson.objects.filter(case__report=report)]
    return [*names, "Siti Pelapor", "Jl. Kartini", "Saksi Satu", report.what, report.place]


def test_each_stage_in_plain_words_and_the_outcome_per_civil_servant(personas: Personas) -> None:
    report = _with_email(make_report())
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    assert "Laporan diterima" in _status_page(report)
    case = walk(case, personas.jepara, "initial_review", "registered")
    page = _status_page(report)
    assert 'Status: <strong data-testid="status">Laporan diregistrasi</strong>' in page
    case = walk(case, personas.jepara, "clarification")
    actions.record_clarification(
        actor=personas.jepara,
        case=case,
        held_on=timezone.localdate(),
        place="Kantor Bawaslu Jepara",
        parties=[actions.PartyInput("saksi", "Saksi Satu", attended=True)],
        oath_offered=True,
        oath_taken=True,
        statement="Saksi membenarkan kejadian.",
    )
    case = walk(case, personas.jepara, "study")
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Terbukti.", rules_found=["N1"], violation=True
    )
    case = walk(case, personas.jepara, "forwarded")
    page = _status_page(report)
    assert "Diteruskan ke BKN" in page and "ASN 1" in page and "Pemerintah Kabupaten Jepara" in page
    assert "Diteruskan ke BKN, menunggu rekomendasi" in page
    person = case.reported.get()
    actions.record_recommendation(
        actor=personas.authority,
        case=case,
        letter_number="B-1/BKN/2026",
        issued_on=timezone.localdate(),
        kinds=["tukin_25_6"],
    )
    actions.record_sanction(
        actor=personas.agency,
        case=case,
        kinds=["tukin_25_6"],
        decree_number="800/1",
        decided_on=timezone.localdate(),
        person_id=person.pk,
    )
    page = _status_page(report)
    assert "Sanksi dijatuhkan oleh PPK" in page
    assert "Selesai: setiap ASN terlapor sudah mendapat keputusan" in page
    kinds = list(ReporterNotice.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["registered", "forwarded", "outcome", "outcome"]
    # the notices listed with date and kind; no name of anyone, no rule code, no letter number
    assert page.count("Hasil tindak lanjut ASN terlapor") >= 2
    for secret in [person.name, "B-1/BKN/2026", "800/1", "Saksi Satu"]:
        assert secret not in page
    # one content-free e-mail per news: registered, forwarded, recommended, sanctioned
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        assert message.to == [ADDRESS]
        assert "https://jaganetral.contoh.id/lapor/status/" in message.body
        for secret in [*_secrets(report), report.reference, "Diregistrasi", "BKN", "sanksi", "N1"]:
            assert secret not in message.body and secret not in message.subject, secret
    assert len({m.body for m in mail.outbox}) == 1  # the same words every time


def test_not_registered_and_stopped_say_why(personas: Personas) -> None:
    first = make_report()
    case = actions.register_case_from_report(actor=personas.jepara, report=first, rules=["N1"])
    walk(case, personas.jepara, "initial_review")
    actions.transition(
        actor=personas.jepara, case=case, target="not_registered", reason="Peristiwa di luar masa pemilihan."
    )
    page = _status_page(first)
    assert "Laporan tidak diregistrasi" in page and "Alasan: Peristiwa di luar masa pemilihan." in page

    second = make_report()
    case = to_study(
        actions.register_case_from_report(actor=personas.jepara, report=second, rules=["N1"]), personas.jepara
    )
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Tidak terbukti.", rules_found=[], violation=False
    )
    actions.transition(
        actor=personas.jepara,
        case=case,
        target="stopped",
        reason="Alat bukti tidak cukup.",
        stop_reason="not_proven",
    )
    page = _status_page(second)
    assert "Penanganan dihentikan" in page and "Alasan: Tidak terbukti. Alat bukti tidak cukup." in page
    assert "Tidak terbukti melanggar" in page  # the civil servant's own line
    assert not mail.outbox  # no address left: nothing sent


def test_the_api_gives_the_same_words(personas: Personas) -> None:
    code_report = make_report()
    case = actions.register_case_from_report(actor=personas.jepara, report=code_report, rules=["N1"])
    to_forwarded(case, personas.jepara)
    # a receipt the test knows: set a fresh one on the report
    code = receipt_lib.generate()
    Report.objects.filter(pk=code_report.pk).update(
        receipt_prefix=receipt_lib.prefix(code), receipt_hash=sealing.hash_receipt(code)
    )
    body = Client().get("/api/v1/reports/status", HTTP_X_RECEIPT=code).json()
    assert body["stage"] == "forwarded" and body["status_label"] == "Diteruskan ke BKN"
    assert [s["kind"] for s in body["stages"]] == ["received", "registered", "forwarded"]
    assert body["people"] == [
        {
            "asn": "ASN 1",
            "agency": "Pemerintah Kabupaten Jepara",
            "outcome": "forwarded",
            "outcome_label": "Diteruskan ke BKN, menunggu rekomendasi",
        }
    ]
    assert [n["kind"] for n in body["notices"]] == ["registered", "forwarded"]
    assert body["notify_email"] is False
    # leave an address through the API, then remove it
    api = Client(HTTP_X_RECEIPT=code)
    assert api.post("/api/v1/reports/status/notify-email", {"notify_email": "bukan surel"}).status_code == 400
    assert (
        api.post("/api/v1/reports/status/notify-email", {"notify_email": "x" * 300 + "@a.id"}).status_code
        == 400
    )
    assert api.post("/api/v1/reports/status/notify-email", {"notify_email": ADDRESS}).status_code == 201
    assert api.get("/api/v1/reports/status").json()["notify_email"] is True
    assert api.delete("/api/v1/reports/status/notify-email").status_code == 200
    assert api.get("/api/v1/reports/status").json()["notify_email"] is False
    assert Client(HTTP_X_RECEIPT="AAAA-BBBB-CCCC-DDDD").delete(
        "/api/v1/reports/status/notify-email"
    ).status_code in (
        401,
        404,
    )


def test_the_address_is_sealed_at_rest_and_can_be_removed(personas: Personas) -> None:
    report = _with_email(make_report())
    with connection.cursor() as cur:
        cur.execute("SELECT notify_email_sealed FROM intake_report WHERE id = %s", [report.pk])
        (stored,) = cur.fetchone()
    assert stored and ADDRESS not in stored and "pelapor" not in stored
    # nowhere in the database in clear (every text column of every table)
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            assert ADDRESS not in repr(cur.fetchall()), table
    assert sealing.open_json(stored, aad=sealing.notify_email_aad(report.uid)) == ADDRESS
    # the reporter removes it on the status page: nothing is sent afterwards
    client = Client()
    session = client.session
    session["intake_report"] = str(report.uid)
    session.save()
    client.cookies["sessionid"] = str(session.session_key)
    assert client.post("/lapor/status/surel/", {"notify_email": "salah"}).status_code == 400
    assert "Simpan alamat surel" in client.get("/lapor/status/").content.decode()
    resp = client.post("/lapor/status/surel/hapus/")
    assert resp.status_code == 302
    report.refresh_from_db()
    assert report.notify_email_sealed == ""
    actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    walk(report.case, personas.jepara, "initial_review", "registered")
    assert not mail.outbox
    # without the receipt's session the pages refuse
    assert Client().post("/lapor/status/surel/", {"notify_email": ADDRESS}).status_code == 404
    assert Client().post("/lapor/status/surel/hapus/").status_code == 404


def test_the_address_given_with_the_report_is_sealed_and_used(personas: Personas) -> None:
    from jaganetral.intake.forms import ReportForm

    form = ReportForm(
        {
            "anonymity": "anonymous",
            "reported_name": "Budi Santoso",
            "region": "33.20",
            "place": "Balai desa",
            "event_date": timezone.localdate().isoformat(),
            "known_date": timezone.localdate().isoformat(),
            "what": "Camat mengajak memilih.",
            "notify_email": ADDRESS,
        }
    )
    assert form.is_valid(), form.errors
    from jaganetral.intake.actions import submit_report

    report, _ = submit_report(data=form.to_input(), files=[])
    assert report.notify_email_sealed and ADDRESS not in report.notify_email_sealed
    bad = ReportForm({**form.data, "notify_email": "tidak-sah"})
    assert not bad.is_valid() and "notify_email" in bad.errors
