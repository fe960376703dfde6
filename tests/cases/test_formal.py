"""The formal requirements of a laporan (Perbawaslu 7/2022 Ps 15: the reporter's name and address,
within the time limit) are checked at registration; a report that fails them is not registered and
can become initial information for a finding, linked both ways, with the reporter told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.cases import actions
from jaganetral.cases.errors import FormalRequirementsNotMet
from jaganetral.cases.models import Case, CaseLink
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.intake.models import Message, Report
from jaganetral.reference.models import Agency, Election, Region
from tests.cases.conftest import make_report, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def _report(
    *, anonymity: str = "anonymous", identity: dict[str, str] | None = None, days_ago: int = 1
) -> tuple[Report, str]:
    today = timezone.localdate()
    return submit_report(
        data=ReportInput(
            anonymity=anonymity,
            identity=identity or {},
            region=Region.objects.get(pk="33.20"),
            place="Balai desa",
            event_date=today - dt.timedelta(days=days_ago),
            known_date=today - dt.timedelta(days=days_ago),
            what="Camat mengajak warga memilih pasangan calon nomor 2.",
            reported=[ReportedInput(name="Budi Santoso", agency=Agency.objects.get(code="pemkab-33-20"))],
            election=Election.objects.get(code="pemilu-2024"),
        ),
        files=[],
    )


def _in_review(p: Personas, report: Report) -> Case:
    case = actions.register_case_from_report(actor=p.jepara, report=report, rules=["N1"])
    return walk(case, p.jepara, "initial_review")


@pytest.mark.parametrize(
    ("anonymity", "identity", "days_ago", "why"),
    [
        ("anonymous", None, 1, "identitas pelapor"),
        ("confidential", {"name": "Siti"}, 1, "identitas pelapor"),  # no address
        ("confidential", {"name": "Siti", "address": "Jl. Kartini 1"}, 30, "melewati batas waktu"),
    ],
)
def test_a_report_that_fails_the_formal_requirements_is_not_registered(
    personas: Personas, anonymity: str, identity: dict[str, str] | None, days_ago: int, why: str
) -> None:
    report, _code = _report(anonymity=anonymity, identity=identity, days_ago=days_ago)
    case = _in_review(personas, report)
    before = case.events.count()
    with pytest.raises(FormalRequirementsNotMet, match=why):
        actions.transition(actor=personas.jepara, case=case, target="registered")
    case.refresh_from_db()
    assert case.state == "initial_review" and not case.number and case.events.count() == before
    page = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "Syarat formil laporan tidak terpenuhi" in page and why in page
    # through the API: 422 with the reason
    api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jepara)}")
    resp = api.post(
        f"/api/v1/cases/{case.pk}/transitions", {"target": "registered"}, content_type="application/json"
    )
    assert resp.status_code == 422 and why in resp.json()["detail"]


def test_a_report_that_meets_them_is_registered(personas: Personas) -> None:
    case = walk(
        actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["N1"]),
        personas.jepara,
        "initial_review",
        "registered",
    )
    assert case.number and actions.formal_problems(case) == []
    with pytest.raises(actions.CaseError, match="memenuhi syarat formil"):
        actions.convert_to_initial_information(actor=personas.jepara, case=make_case_in_review(personas))


def make_case_in_review(p: Personas) -> Case:
    return _in_review(p, make_report())


def test_it_becomes_initial_information_for_a_finding(personas: Personas) -> None:
    report, code = _report()
    case = _in_review(personas, report)
    finding = actions.convert_to_initial_information(actor=personas.jepara, case=case, reason="Ditelusuri.")
    case.refresh_from_db()
    report.refresh_from_db()
    assert case.state == "not_registered" and report.status == "not_registered"
    assert finding.source == "temuan" and finding.state == "received" and finding.report is None
    assert [p.name for p in finding.reported.all()] == ["Budi Santoso"]
    assert finding.summary.startswith(f"Informasi awal dari laporan {report.reference}")
    link = CaseLink.objects.get()
    assert (link.case, link.other, link.kind) == (finding, case, "info_awal")
    assert finding.events.first().data["source_case"] == case.pk
    assert case.events.filter(kind="became_initial_information", data__finding=finding.pk).exists()
    assert case.reported.get().state == "stopped"
    # the reporter reads it with the receipt
    message = Message.objects.get(report=report)
    assert message.author_kind == "staff" and "informasi awal" in message.body
    reporter = Client()
    assert reporter.post("/lapor/status/", {"receipt": code}).status_code == 302
    assert "dijadikan informasi awal" in reporter.get("/lapor/status/").content.decode()
    # both case pages link to each other
    page = personas.client(personas.jepara).get(f"/petugas/kasus/{finding.pk}/").content.decode()
    assert case.reference in page
    page = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert finding.reference in page


def test_the_conversion_page_and_api_refuse_the_wrong_person(personas: Personas) -> None:
    case = _in_review(personas, _report()[0])
    url = f"/petugas/kasus/{case.pk}/informasi-awal/"
    assert personas.client(personas.jatim).post(url).status_code == 404
    assert personas.client(personas.analyst).post(url).status_code == 403
    resp = personas.client(personas.jepara).post(url, {"reason": "Ditelusuri."})
    finding = Case.objects.get(source="temuan")
    assert resp.status_code == 302 and resp["Location"] == f"/petugas/kasus/{finding.pk}/"
    again = personas.client(personas.jepara).post(url)
    assert again.status_code == 400  # already decided: not registered
    api = Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jepara)}")
    other = _in_review(personas, _report()[0])
    resp = api.post(
        f"/api/v1/cases/{other.pk}/initial-information", {"reason": "x"}, content_type="application/json"
    )
    assert resp.status_code == 201 and resp.json()["source"] == "temuan"
