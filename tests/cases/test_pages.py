from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.cases.models import Case, Clarification
from tests.cases.conftest import make_case, make_report, to_study, walk
from tests.conftest import Personas

pytestmark = pytest.mark.django_db


def test_queue_and_detail_pages_are_scoped(personas: Personas) -> None:
    case = make_case(personas.jepara)
    url = f"/petugas/kasus/{case.pk}/"
    assert Client().get(url).status_code == 302
    assert Client().get("/petugas/kasus/").status_code == 302
    jepara = personas.client(personas.jepara)
    page = jepara.get("/petugas/kasus/?tab=all")
    assert page.status_code == 200 and case.reference in page.content.decode()
    detail = jepara.get(url)
    assert detail.status_code == 200
    assert "Mulai kajian awal" in detail.content.decode()
    for who in (personas.jatim, personas.authority, personas.agency):
        c = personas.client(who)
        assert c.get(url).status_code == 404
        assert case.reference not in c.get("/petugas/kasus/?tab=all").content.decode()
        assert c.post(f"{url}langkah/", {"target": "initial_review"}).status_code == 404
    for who in (personas.analyst, personas.custodian):
        c = personas.client(who)
        assert c.get(url).status_code == 403
        assert c.get("/petugas/kasus/").status_code == 403
        assert c.post(f"{url}langkah/", {"target": "initial_review"}).status_code == 403
    assert jepara.get("/petugas/kasus/999999/").status_code == 404
    assert Case.objects.get().state == "received"


def test_register_from_the_incoming_list_and_walk_with_forms(personas: Personas) -> None:
    report = make_report()
    jepara = personas.client(personas.jepara)
    page = jepara.get("/petugas/kasus/laporan-masuk/")
    assert report.reference in page.content.decode()
    assert (
        personas.client(personas.jatim)
        .post(f"/petugas/kasus/laporan-masuk/{report.pk}/buka/", {})
        .status_code
        == 404
    )
    resp = jepara.post(f"/petugas/kasus/laporan-masuk/{report.pk}/buka/", {"rules": "N1"})
    assert resp.status_code == 302
    case = Case.objects.get()
    assert (
        f"/laporan-masuk/{report.pk}/buka/"
        not in jepara.get("/petugas/kasus/laporan-masuk/").content.decode()
    )
    base = f"/petugas/kasus/{case.pk}/"
    for target in ("initial_review", "registered", "clarification"):
        assert jepara.post(f"{base}langkah/", {"target": target}).status_code == 302
    bad = jepara.post(f"{base}langkah/", {"target": "closed"})
    assert bad.status_code == 400 and "tidak dapat dipindah" in bad.content.decode()
    bad = jepara.post(
        f"{base}klarifikasi/",
        {
            "held_on": "2024-01-01",
            "place": "x",
            "party_role_0": "hakim",
            "party_name_0": "A",
            "party_attended_0": "on",
        },
    )
    assert bad.status_code == 400
    bad = jepara.post(
        f"{base}klarifikasi/",
        {
            "held_on": "2024-01-01",
            "place": "x" * 400,
            "party_role_0": "saksi",
            "party_name_0": "A",
            "party_attended_0": "on",
        },
    )
    assert bad.status_code == 400
    assert not Clarification.objects.exists()
    ok = jepara.post(
        f"{base}klarifikasi/",
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "Kantor Bawaslu Jepara",
            "party_role_0": "terlapor",
            "party_name_0": "Budi Santoso",
            "party_role_1": "saksi",
            "party_name_1": "Ahmad",
            "party_attended_1": "on",
            "oath_offered": "on",
        },
    )
    assert ok.status_code == 302
    detail = jepara.get(base).content.decode()
    assert "Budi Santoso (terlapor)" in detail


def test_finding_page(personas: Personas) -> None:
    jepara = personas.client(personas.jepara)
    assert jepara.get("/petugas/kasus/temuan/baru/").status_code == 200
    from jaganetral.reference.models import Election

    election = Election.objects.get(code="pilkada-2024")
    data = {
        "election": election.pk,
        "region": "33.20",
        "summary": "Kepala desa berfoto dengan calon.",
        "person_name": "Sutrisno",
        "rules": "N1",
    }
    assert jepara.post("/petugas/kasus/temuan/baru/", {**data, "region": "35.78"}).status_code == 403
    assert personas.client(personas.analyst).post("/petugas/kasus/temuan/baru/", data).status_code == 403
    assert jepara.post("/petugas/kasus/temuan/baru/", {**data, "summary": ""}).status_code == 400
    assert jepara.post("/petugas/kasus/temuan/baru/", data).status_code == 302
    assert Case.objects.get().source == "temuan"


def test_bulk_assign(personas: Personas) -> None:
    a, b = make_case(personas.jepara), make_case(personas.jepara)
    jateng = personas.client(personas.jateng)
    resp = jateng.post("/petugas/kasus/serahkan/", {"case": [a.pk, b.pk], "assignee": personas.jepara.pk})
    assert resp.status_code == 302
    assert set(Case.objects.values_list("assignee", flat=True)) == {personas.jepara.pk}
    mine = personas.client(personas.jepara).get("/petugas/kasus/").content.decode()
    assert a.reference in mine and b.reference in mine
    assert (
        personas.client(personas.jatim).post("/petugas/kasus/serahkan/", {"case": [a.pk]}).status_code == 404
    )
    walk(a, personas.jepara, "initial_review")


def test_waiting_for_me_puts_the_nearest_deadline_first_and_cases_without_one_last(
    personas: Personas,
) -> None:
    """The supervisor's own queue: nearest running deadline first; a case with no running clock
    (here: stopped) comes last on every database, not first (SQLite sorts NULL first)."""
    from jaganetral.cases import actions, selectors
    from jaganetral.cases.models import Clock

    quiet = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    quiet = actions.transition(
        actor=personas.jepara, case=quiet, target="stopped", reason="dicabut", stop_reason="withdrawn"
    )
    later, sooner = make_case(personas.jepara), make_case(personas.jepara)
    Clock.objects.filter(case=sooner, stopped_at__isnull=True).update(
        due_at=timezone.now() + timezone.timedelta(hours=1)
    )
    Clock.objects.filter(case=later, stopped_at__isnull=True).update(
        due_at=timezone.now() + timezone.timedelta(days=3)
    )
    cases = [quiet, later, sooner]
    actions.assign(actor=personas.jepara, cases=cases, user=personas.jepara)
    assert not Clock.objects.filter(case=quiet, stopped_at__isnull=True).exists()
    mine = [c.pk for c in selectors.case_list(personas.jepara, mine=True)]
    assert mine == [sooner.pk, later.pk, quiet.pk]
    page = personas.client(personas.jepara).get("/petugas/kasus/?tab=mine").content.decode()
    positions = [page.index(c.reference) for c in (sooner, later, quiet)]
    assert positions == sorted(positions)


def test_the_timeline_reads_in_words_and_the_region_once(personas: Personas) -> None:
    case = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    Case.objects.filter(pk=case.pk).update(place=case.region.name)
    html = personas.client(personas.jepara).get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "kasus dibuka dari laporan" in html and "status berubah (Diterima → Kajian awal)" in html
    assert "opened_from_report" not in html and "initial_review)" not in html
    assert f"{case.region.name}, {case.region.name}" not in html


def test_the_events_of_a_case_taken_to_study_all_have_labels(personas: Personas) -> None:
    from jaganetral.cases.models import EVENT_LABELS

    case = to_study(make_case(personas.jepara), personas.jepara)
    kinds = set(case.events.values_list("kind", flat=True))
    assert {"opened_from_report", "transition", "clarification_recorded"} <= kinds
    assert kinds <= set(EVENT_LABELS), kinds - set(EVENT_LABELS)


def test_an_empty_waiting_for_me_tab_points_to_all_cases(personas: Personas) -> None:
    make_case(personas.jepara)  # unassigned
    html = personas.client(personas.jepara).get("/petugas/kasus/?tab=mine").content.decode()
    assert "Belum ada kasus yang diserahkan kepada Anda." in html and 'href="?tab=all"' in html
