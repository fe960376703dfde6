"""Need to know: witnesses' names and the reporter's identity never reach the authority (BKN) or the
agency (PPK) — not on the case page, not in the documents, not through the API — including names a
supervisor typed into the clarification's statement or the study (cases/needtoknow.py)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.accounts.models import User
from jaganetral.cases import actions, documents, selectors
from jaganetral.cases.models import Case
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.reference.models import Agency, Election, Region
from tests.cases.conftest import REPORTER, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db

WITNESS = "Rudi Hartono"  # named at the clarification
SEALED_WITNESS = "Ahmad Wijaya"  # named by the reporter, sealed in the report
PROTECTED = ("Rudi", "Hartono", "Ahmad", "Wijaya", REPORTER["name"], "Siti")


def _forwarded_case(sup: User) -> Case:
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity="confidential",
            identity=dict(REPORTER),
            region=Region.objects.get(pk="33.20"),
            place="Balai desa Tahunan",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat mengajak warga memilih nomor 2; Ahmad Wijaya ikut melihat.",
            reported=[
                ReportedInput(
                    name="Budi Santoso",
                    nip="198609262015051001",
                    agency=Agency.objects.get(code="pemkab-33-20"),
                    position="Camat",
                )
            ],
            election=Election.objects.get(code="pemilu-2024"),
            witnesses=[f"{SEALED_WITNESS}, 081234567890"],
        ),
        files=[],
    )
    case = actions.register_case_from_report(actor=sup, report=report, rules=["N1"])
    case = walk(case, sup, "initial_review", "registered", "clarification")
    actions.record_clarification(
        actor=sup,
        case=case,
        held_on=today,
        place="Kantor Bawaslu Jepara",
        parties=[
            actions.PartyInput("terlapor", "Budi Santoso", attended=True),
            actions.PartyInput("saksi", WITNESS, attended=True),
            actions.PartyInput("pelapor", "", attended=False),
        ],
        statement=(
            "Saksi Rudi Hartono membenarkan ajakan itu. Rudi melihatnya bersama ahmad wijaya. "
            "Pelapor Siti Pelapor tidak hadir."
        ),
    )
    case = walk(case, sup, "study")
    actions.record_study(
        actor=sup,
        case=case,
        conclusion="Keterangan Rudi Hartono menguatkan laporan; Budi Santoso terbukti.",
        rules_found=["N1"],
        violation=True,
    )
    return walk(case, sup, "forwarded")


def _assert_hidden(text: str, who: str) -> None:
    for name in PROTECTED:
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
        assert found is None, (who, name, text[max(0, found.start() - 120) : found.end() + 60])


def test_bkn_and_ppk_never_read_witness_or_reporter_names(personas: Personas) -> None:
    case = _forwarded_case(personas.jepara)
    record = case.clarifications.get()
    for user in (personas.authority, personas.agency):
        who = user.username
        client = personas.client(user)
        page = client.get(f"/petugas/kasus/{case.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        for step in ("klarifikasi", "kajian"):  # the records sit under their step of the procedure
            shown = client.get(f"/petugas/kasus/{case.pk}/?langkah={step}")
            assert shown.status_code == 200
            html += shown.content.decode()
        _assert_hidden(html, who)
        assert "Saksi 1 (dirahasiakan)" in html and "Budi Santoso" in html  # the reported person stays
        assert "[nama dirahasiakan]" in html
        api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}").get(f"/api/v1/cases/{case.pk}")
        assert api.status_code == 200
        _assert_hidden(json.dumps(api.json(), ensure_ascii=False), who)
        full = selectors.case_detail(user, case.pk)
        _assert_hidden(documents.clarification_html(full, record, user), who)
        _assert_hidden(documents.form_html(full, user), who)
        pdf = client.get(f"/petugas/kasus/{case.pk}/dokumen/klarifikasi-{record.pk}.pdf")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # the letter to the authority never names them, whoever prints it
    _assert_hidden(documents.referral_letter_html(selectors.case_detail(personas.jepara, case.pk)), "letter")


def test_bawaslu_reads_the_names(personas: Personas) -> None:
    case = _forwarded_case(personas.jepara)
    record = case.clarifications.get()
    for user in (personas.jepara, personas.admin):
        html = personas.client(user).get(f"/petugas/kasus/{case.pk}/?langkah=klarifikasi").content.decode()
        assert WITNESS in html and "Rudi melihatnya bersama ahmad wijaya" in html
        api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}").get(f"/api/v1/cases/{case.pk}")
        assert WITNESS in json.dumps(api.json(), ensure_ascii=False)
        assert WITNESS in documents.clarification_html(selectors.case_detail(user, case.pk), record, user)


def test_other_roles_still_see_nothing(personas: Personas) -> None:
    case = _forwarded_case(personas.jepara)
    for user in (personas.jatim, personas.analyst, personas.custodian):
        page = personas.client(user).get(f"/petugas/kasus/{case.pk}/")
        assert page.status_code in (403, 404)
        assert WITNESS not in page.content.decode()
