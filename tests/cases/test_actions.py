from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from jaganetral.cases import actions, rulecodes
from jaganetral.cases.models import Case, CaseEvent, CaseLink, Clock, Recommendation, Source
from jaganetral.core.models import AuditEvent
from jaganetral.reference.models import Agency, Election, Region
from tests.cases.conftest import make_case, make_report, to_study, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_register_from_report_copies_the_report_but_no_identity(personas: Personas) -> None:
    report = make_report()
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["n1"])
    assert case.source == Source.LAPORAN
    assert case.state == "received"
    assert case.alleged_rules == ["N1"]
    assert case.rulebook_version == rulecodes.current_rulebook()[0]  # the rulebook in force
    assert [p.name for p in case.reported.all()] == ["Budi Santoso"]
    assert case.office == "33.20"
    assert list(case.clocks.filter(stopped_at=None).values_list("name", flat=True)) == ["initial_review"]
    # The reporting window ran before the case existed and stopped when the report came in.
    assert list(case.clocks.exclude(stopped_at=None).values_list("name", flat=True)) == ["reporting"]
    assert CaseEvent.objects.filter(case=case, kind="opened_from_report").exists()
    assert AuditEvent.objects.filter(action="cases.opened_from_report").exists()
    with pytest.raises(actions.CaseError, match="sudah dibuka"):
        actions.register_case_from_report(actor=personas.jepara, report=report)


def test_registration_needs_an_election(personas: Personas) -> None:
    with pytest.raises(actions.CaseError, match="pemilihan"):
        actions.register_case_from_report(actor=personas.jepara, report=make_report(election=None))
    assert not Case.objects.exists()


def test_wrong_people_cannot_register(personas: Personas) -> None:
    report = make_report()
    with pytest.raises(Http404):
        actions.register_case_from_report(actor=personas.jatim, report=report)
    for who in (personas.analyst, personas.custodian, personas.authority, personas.agency):
        with pytest.raises(actions.Forbidden):
            actions.register_case_from_report(actor=who, report=report)
    assert not Case.objects.exists()


def test_unknown_rule_codes_are_refused(personas: Personas) -> None:
    with pytest.raises(actions.CaseError, match="Kode aturan"):
        actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["Z99"])
    if rulecodes.current_rulebook()[1] is not None:
        with pytest.raises(actions.CaseError, match="katalog"):
            actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["E99"])
    assert not Case.objects.exists()


def test_record_finding(personas: Personas) -> None:
    data = actions.FindingInput(
        election=Election.objects.get(code="pilkada-2024"),
        region=Region.objects.get(pk="33.20"),
        summary="Kepala desa memasang foto bersama calon di akun resmi desa.",
        persons=[
            actions.PersonInput(
                "Sutrisno", position="Kepala Desa", agency=Agency.objects.get(code="pemkab-33-20")
            )
        ],
        lhp_number="LHP/01/2024",
        rules=["N1"],
    )
    case = actions.record_finding(actor=personas.jepara, data=data)
    assert case.source == Source.TEMUAN and case.assignee == personas.jepara
    with pytest.raises(actions.Forbidden):
        actions.record_finding(actor=personas.jatim, data=data)
    with pytest.raises(actions.Forbidden):
        actions.record_finding(actor=personas.analyst, data=data)
    data.persons = []
    with pytest.raises(actions.CaseError, match="terlapor"):
        actions.record_finding(actor=personas.jepara, data=data)
    data.persons = [actions.PersonInput("x" * 300)]
    with pytest.raises(actions.CaseError, match="terlalu panjang"):
        actions.record_finding(actor=personas.jepara, data=data)
    assert Case.objects.count() == 1


def test_the_full_path_with_an_absent_party(personas: Personas) -> None:
    case = make_case(personas.jepara)
    case = walk(case, personas.jepara, "initial_review", "registered")
    assert case.number.startswith("001/REG/LP/PL/33.20/")
    assert case.number.endswith(f"/{timezone.localdate().year}")
    case = walk(case, personas.jepara, "clarification")
    with pytest.raises(actions.CaseError, match="sesi klarifikasi"):
        walk(case, personas.jepara, "study")
    clar = actions.record_clarification(
        actor=personas.jepara,
        case=case,
        held_on=timezone.localdate(),
        place="Kantor",
        parties=[
            actions.PartyInput("terlapor", "Budi", attended=False),
            actions.PartyInput("pelapor", "Nama Asli", True),
        ],
    )
    assert [p["name"] for p in clar.parties] == ["Budi", "Pelapor"]  # the reporter is never named
    case = walk(case, personas.jepara, "study")
    with pytest.raises(actions.CaseError, match="kajian"):
        walk(case, personas.jepara, "forwarded")
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Terbukti", rules_found=["N1"], violation=True
    )
    case = walk(case, personas.jepara, "forwarded")
    assert case.forwarded_at is not None
    person = case.reported.get()
    person.refresh_from_db()
    assert person.state == "forwarded" and person.proven
    with pytest.raises(actions.Forbidden):  # the supervisor does not speak for BKN
        actions.record_recommendation(
            actor=personas.jepara,
            case=case,
            letter_number="B-1/BKN/2024",
            issued_on=timezone.localdate(),
            kinds=["tukin_25_6"],
        )
    actions.record_recommendation(
        actor=personas.authority,
        case=case,
        letter_number="B-1/BKN/2024",
        issued_on=timezone.localdate(),
        kinds=["tukin_25_6"],
    )
    case.refresh_from_db()
    assert case.state == "recommendation_received"  # one action per decision: the case follows
    actions.record_sanction(
        actor=personas.agency,
        case=case,
        kinds=["tukin_25_6"],
        decree_number="800/1",
        decided_on=timezone.localdate(),
        person_id=person.pk,
    )
    case.refresh_from_db()
    person.refresh_from_db()
    assert person.state == "sanctioned" and case.state == "closed"  # every path has ended
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds.count("transition") == 7 and kinds.count("person_step") == 3
    clocks = {c.name: c for c in Clock.objects.filter(case=case)}
    assert set(clocks) == {"reporting", "initial_review", "handling", "authority_response", "ppk_follow_up"}
    assert all(c.stopped_at for c in clocks.values())
    assert clocks["ppk_follow_up"].person == person and clocks["authority_response"].person == person


def test_stop_needs_a_reason_and_a_stop_reason(personas: Personas) -> None:
    case = to_study(make_case(personas.jepara), personas.jepara)
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Tidak", rules_found=[], violation=False
    )
    with pytest.raises(actions.CaseError, match="tidak menyatakan"):
        walk(case, personas.jepara, "forwarded")
    with pytest.raises(actions.CaseError, match="alasan"):
        actions.transition(actor=personas.jepara, case=case, target="stopped", stop_reason="not_proven")
    with pytest.raises(actions.CaseError, match="alasan penghentian"):
        actions.transition(
            actor=personas.jepara, case=case, target="stopped", reason="x", stop_reason="withdrawn"
        )
    with pytest.raises(actions.CaseError, match="tidak dikenal"):
        actions.transition(actor=personas.jepara, case=case, target="bogus")
    case = actions.transition(
        actor=personas.jepara,
        case=case,
        target="stopped",
        reason="Saksi tidak mendukung",
        stop_reason="not_proven",
    )
    assert case.stop_reason == "not_proven"


def test_wrong_people_on_every_action(personas: Personas) -> None:
    case = make_case(personas.jepara)
    other = make_case(personas.jatim, region="35.78")
    outsiders = (personas.jatim, personas.analyst, personas.custodian, personas.authority, personas.agency)
    for who in outsiders:
        with pytest.raises((Http404, actions.Forbidden)):
            actions.transition(actor=who, case=case, target="initial_review")
        with pytest.raises((Http404, actions.Forbidden)):
            actions.set_allegation(actor=who, case=case, rules=["N2"])
        with pytest.raises((Http404, actions.Forbidden)):
            actions.assign(actor=who, cases=[case], user=personas.jepara)
        with pytest.raises((Http404, actions.Forbidden)):
            actions.link_cases(actor=who, case=case, other=other, kind="related")
    with pytest.raises(Http404):
        actions.link_cases(actor=personas.jepara, case=case, other=other, kind="related")
    study = to_study(case, personas.jepara)
    for who in outsiders:
        with pytest.raises((Http404, actions.Forbidden)):
            actions.record_study(actor=who, case=study, conclusion="x", rules_found=[], violation=False)
        with pytest.raises((Http404, actions.Forbidden)):
            actions.extend_handling(actor=who, case=study, reason="perlu waktu")
    # the authority sees the case only once forwarded, and the agency only when it names its staff
    actions.record_study(
        actor=personas.jepara, case=study, conclusion="Terbukti", rules_found=["N1"], violation=True
    )
    fwd = walk(study, personas.jepara, "forwarded")
    for who in (personas.jatim, personas.analyst, personas.custodian, personas.jepara, personas.agency):
        with pytest.raises((Http404, actions.Forbidden)):
            actions.record_recommendation(
                actor=who, case=fwd, letter_number="1", issued_on=timezone.localdate(), kinds=["ptdh"]
            )
    assert not Recommendation.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, kind="person_step", data__person_to="recommended").exists()


def test_assign_and_link(personas: Personas) -> None:
    a, b = make_case(personas.jepara), make_case(personas.jepara)
    assert actions.assign(actor=personas.jateng, cases=[a, b], user=personas.jepara) == 2
    assert set(Case.objects.values_list("assignee", flat=True)) == {personas.jepara.pk}
    with pytest.raises(actions.CaseError, match="wilayah"):
        actions.assign(actor=personas.admin, cases=[a], user=personas.jatim)
    with pytest.raises(actions.CaseError, match="pengawas"):
        actions.assign(actor=personas.admin, cases=[a], user=personas.analyst)
    actions.link_cases(actor=personas.jepara, case=a, other=b, kind="duplicate")
    with pytest.raises(actions.CaseError, match="sudah"):
        actions.link_cases(actor=personas.jepara, case=b, other=a, kind="related")
    with pytest.raises(actions.CaseError, match="dirinya"):
        actions.link_cases(actor=personas.jepara, case=a, other=a, kind="related")
    with pytest.raises(actions.CaseError, match="Jenis"):
        actions.link_cases(actor=personas.jepara, case=a, other=make_case(personas.jepara), kind="x")
    assert CaseLink.objects.count() == 1


def test_registration_numbers_count_per_office_and_year(personas: Personas) -> None:
    first = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    second = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    other = walk(make_case(personas.jateng), personas.jateng, "initial_review", "registered")
    assert first.number.startswith("001/") and second.number.startswith("002/")
    assert other.number.startswith("001/REG/LP/PL/33/")


def test_events_cannot_be_changed_in_code(personas: Personas) -> None:
    case = make_case(personas.jepara)
    event = CaseEvent.objects.filter(case=case).first()
    assert event is not None
    event.reason = "diubah"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_extension_once_and_only_before_the_deadline(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    clock = actions.extend_handling(actor=personas.jepara, case=case, reason="perlu keterangan tambahan")
    assert clock.extended and clock.days == 14
    with pytest.raises(actions.CaseError, match="sudah pernah"):
        actions.extend_handling(actor=personas.jepara, case=case, reason="lagi")
    with pytest.raises(actions.CaseError, match="wajib"):
        actions.extend_handling(actor=personas.jepara, case=make_case(personas.jepara), reason=" ")


def test_oversized_and_bad_record_input(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered", "clarification")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(actions.CaseError, match="masa depan"):
        actions.record_clarification(
            actor=personas.jepara,
            case=case,
            held_on=tomorrow,
            place="x",
            parties=[actions.PartyInput("saksi", "A", True)],
        )
    with pytest.raises(actions.CaseError, match="terlalu panjang"):
        actions.record_clarification(
            actor=personas.jepara,
            case=case,
            held_on=timezone.localdate(),
            place="x",
            parties=[actions.PartyInput("saksi", "A", True)],
            statement="x" * 30_000,
        )
    with pytest.raises(actions.CaseError, match="Sumpah"):
        actions.record_clarification(
            actor=personas.jepara,
            case=case,
            held_on=timezone.localdate(),
            place="x",
            parties=[actions.PartyInput("saksi", "A", True)],
            oath_taken=True,
        )
    with pytest.raises(actions.CaseError, match="Peran pihak"):
        actions.record_clarification(
            actor=personas.jepara,
            case=case,
            held_on=timezone.localdate(),
            place="x",
            parties=[actions.PartyInput("hakim", "A", True)],
        )
    assert not case.clarifications.exists()


def test_registration_reaches_the_reporter_through_intake(personas: Personas) -> None:
    from jaganetral.intake.models import ReportStatus

    report = make_report()
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["E4"])
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED
    walk(case, personas.jepara, "initial_review", "registered")
    report.refresh_from_db()
    assert report.status == ReportStatus.REGISTERED
    assert report.events.filter(kind="registered").exists()


def test_not_registered_reaches_the_reporter_with_the_reason(personas: Personas) -> None:
    from jaganetral.intake.models import ReportStatus

    report = make_report()
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["E4"])
    walk(case, personas.jepara, "initial_review")
    actions.transition(actor=personas.jepara, case=case, target="not_registered", reason="Bukan ASN")
    report.refresh_from_db()
    assert report.status == ReportStatus.NOT_REGISTERED


def test_registration_number_format_and_authority_are_configuration(
    personas: Personas, settings: Any
) -> None:
    from jaganetral.cases import documents

    settings.CASES_REGISTRATION_FORMAT = "{office}/{year}/{source}-{seq:04d}"
    settings.CASES_AUTHORITY_NAME = "Kepala Lembaga Pengawas ASN"
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered")
    assert case.number == f"33.20/{timezone.localdate().year}/LP-0001"
    assert documents.authority_name() == "Kepala Lembaga Pengawas ASN"
