from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from jaganetral.cases.models import Case, CaseReportedPerson, Escalation, Sanction

pytestmark = pytest.mark.django_db


def test_demo_load_has_the_central_java_2020_shape_and_a_sound_chain(
    refdata: None, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo", "load")
    cases = Case.objects.filter(election__code="pilkada-2020-jateng-demo")
    assert cases.count() == 57
    assert cases.filter(forwarded_at__isnull=False).count() == 47
    assert cases.filter(stop_reason="not_proven").count() == 10
    # people, not files: many cases name several civil servants of different agencies, who end
    # differently; 13 whose PPK never acted, 3 of them followed up by BKN
    people = CaseReportedPerson.objects.filter(case__in=cases)
    assert people.count() > 100
    assert people.filter(state="ppk_no_action").count() + people.filter(state="escalated").count() == 13
    assert Escalation.objects.filter(case__in=cases).count() == 3 == people.filter(state="escalated").count()
    assert people.filter(state="sanctioned").count() > 60
    mixed = [c for c in cases if len({p.state for p in c.reported.all()}) > 1]
    assert len(mixed) >= 5
    assert any(len({p.agency_id for p in c.reported.all()}) > 1 for c in mixed)
    assert people.filter(employment="pppk").exists()
    assert people.filter(state="not_proven", case__forwarded_at__isnull=False).count() == 1
    # the PPK who went below BKN's recommendation is recorded, and marked
    assert Sanction.objects.filter(case__in=cases, recommendation_fit="lebih_ringan").count() == 1
    # a case closes when every path has ended
    for case in cases.filter(state="closed", forwarded_at__isnull=False):
        assert all(p.path_ended for p in case.reported.all()), case.reference
    call_command("audit", "verify")
    assert "OK: 57 kasus" in capsys.readouterr().out
    call_command("demo", "load")
    assert "sudah ada" in capsys.readouterr().out
    assert cases.count() == 57


def test_demo_history_is_dated_and_alive(refdata: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Events and clocks are dated along the 2020 timeline (some recently), some clocks still run,
    some are overdue, the PPK's days ran out for the silent PPKs, and the chain verifies."""
    from django.test import Client
    from django.utils import timezone

    from jaganetral.accounts.models import User
    from jaganetral.cases.models import CaseEvent, Clock, Notification

    call_command("demo", "load")
    out = capsys.readouterr().out
    now = timezone.now()
    clocks = Clock.objects.filter(case__election__code="pilkada-2020-jateng-demo")
    running = clocks.filter(stopped_at__isnull=True)
    overdue = running.filter(due_at__lte=now)
    # BKN's recent letters: the PPK's days run now for some people, some already past
    assert running.filter(name="ppk_follow_up", due_at__gt=now).exists()
    assert running.filter(name="ppk_follow_up", due_at__lte=now).exists()
    # the referrals BKN never answered: overdue ever since, one clock per person
    never = running.filter(name="authority_response")
    assert never.count() > 3 and never.filter(due_at__lte=now).count() == never.count()
    assert overdue.filter(overdue_marked_at__isnull=True).count() == 0  # the job has marked them
    expected = (
        f"Hari ini {running.count()} batas waktu masih berjalan, {overdue.count()} di antaranya sudah lewat."
    )
    assert expected in out
    # The silent PPKs: the days ran out, were marked, and then the authority recorded it.
    silent = clocks.filter(name="ppk_follow_up", person__state__in=("ppk_no_action", "escalated"))
    assert silent.count() == 13
    for clock in silent:
        assert clock.overdue_marked_at is not None and clock.due_at < clock.overdue_marked_at
        assert clock.stopped_at is not None and clock.stopped_at > clock.due_at
        assert clock.due_on.year == 2020
    # Every timeline runs forward in time, in the past; the findings are dated in 2020.
    cases = Case.objects.filter(election__code="pilkada-2020-jateng-demo")
    assert all(c.created_at.year == 2020 for c in cases)
    for case in cases:
        times = list(CaseEvent.objects.filter(case=case).order_by("seq").values_list("at", flat=True))
        assert times == sorted(times) and times[-1] <= now, case.reference
        assert times[0].year == 2020
    assert cases.filter(state="forwarded").count() == 3
    assert cases.filter(state="recommendation_received").count() == 4
    assert all(
        c.forwarded_at is not None and c.forwarded_at.year == 2020 for c in cases.exclude(forwarded_at=None)
    )
    marked = CaseEvent.objects.filter(case__in=cases, kind="clock_overdue").count()
    assert marked == clocks.filter(overdue_marked_at__isnull=False).count()
    # The queues show something: the authority's overdue tab and the supervisor's own queue; but a
    # record of 2020 is not news: no one is notified of the demo's past steps and deadlines.
    authority = User.objects.get(username="demo-otoritas")
    assert not Notification.objects.exists()
    client = Client()
    client.force_login(authority)
    page = client.get("/petugas/kasus/?tab=overdue").content.decode()
    late_cases = {c.case_id for c in overdue}
    assert sum(c.reference in page for c in cases) == len(late_cases)
    call_command("audit", "verify")
    assert "OK: 57 kasus" in capsys.readouterr().out


def test_demo_load_on_a_fresh_database_loads_the_reference_data_first(tmp_path: Path) -> None:
    """`jaganetral migrate` then `jaganetral demo load` on a new SQLite file, as a person would:
    the reference data is loaded first (no traceback about a missing region), then audit verify."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JAGANETRAL_VAR_DIR")}
    env |= {"JAGANETRAL_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "jaganetral.cli", *args]
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert run("migrate", "--verbosity", "0").returncode == 0
    demo = run("demo", "load")
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert demo.stdout.startswith("57 kasus contoh dimuat: 47 diteruskan, 10 dihentikan; ")
    verify = run("audit", "verify")
    assert verify.returncode == 0 and verify.stdout.startswith("OK: 57 kasus,"), verify.stdout
