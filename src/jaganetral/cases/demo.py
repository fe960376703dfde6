"""Demo data with the shape of Central Java's Pilkada 2020 (ASN-NEUTRALITY.md, issue 5): 57 cases,
47 forwarded to the authority, 10 stopped, and 13 authority recommendations the PPK never acted on.

Every case goes through the real actions (workflow, clocks, hash-chained timeline), each step dated
when it happened (``at=``): the findings, clarifications, studies and referrals along the 2020
campaign; the PPK's ten days running out and the authority recording that the PPK did not act; and
the overdue-clock job marking each clock at the moment it would have (``jaganetral tick``). Some
cases are still open today: the authority never answered a few 2020 referrals (overdue ever since),
and BKN, which took over KASN's work in 2024, recently sent recommendations on a few others, so
the PPK's ten days are running now (some already past). Names are invented. Loading twice does
nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from jaganetral.accounts.models import Role, User
from jaganetral.cases import actions, sanctions, selectors
from jaganetral.cases.jobs import mark_overdue_clocks
from jaganetral.cases.models import Case, Clock
from jaganetral.cases.rulecodes import ROMAN
from jaganetral.reference.actions import load_election_file, load_reference
from jaganetral.reference.models import Agency, Election, Region

ELECTION_FILE = Path(__file__).resolve().parent / "data" / "demo" / "pilkada-2020-jateng.yaml"
ELECTION_CODE = "pilkada-2020-jateng-demo"
TOTAL, FORWARDED, STOPPED, PPK_SILENT = 57, 47, 10, 13
# Of the forwarded cases after the PPK-silent ones: referrals the authority never answered, then
# recommendations BKN sent recently (days ago; the PPK has 10 calendar days in this Pilkada).
AUTHORITY_SILENT = 3
RECENT_RECOMMENDATION_DAYS_AGO = (2, 6, 13, 17)
TICK_DELAY = dt.timedelta(minutes=5)  # the overdue-clock job runs a few minutes after a deadline
FIRST_NAMES = ["Agus", "Budi", "Dwi", "Eko", "Hadi", "Joko", "Rina", "Sri", "Tri", "Wahyu", "Yuli", "Siti"]
LAST_NAMES = ["Prasetyo", "Santoso", "Wibowo", "Lestari", "Hidayat", "Purnomo", "Rahayu", "Susanto", "Utami"]
POSITIONS = ["Kepala Desa", "Camat", "Guru SD", "Kepala Dinas", "Sekretaris Desa", "Lurah", "Staf Kecamatan"]
ACTS = [
    ("N1", "mengunggah foto bersama pasangan calon disertai ajakan memilih di media sosial"),
    ("D4", "menghadiri deklarasi pasangan calon dengan seragam dinas"),
    ("N2", "memberi tanda suka dan membagikan unggahan kampanye pasangan calon"),
    ("D1", "menjadi pembicara dalam kegiatan kampanye pasangan calon"),
]


@dataclass
class DemoResult:
    created: int
    skipped: bool
    running: int = 0  # clocks still running today
    overdue: int = 0  # of which past their due time


def _user(username: str, role: str, region: str | None = None, agency: Agency | None = None) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"role": role, "region_scope_id": region, "agency": agency, "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load_demo(*, seed: int = 2020) -> DemoResult:
    if Case.objects.filter(election__code=ELECTION_CODE).exists():
        return DemoResult(created=0, skipped=True)
    rng = random.Random(seed)  # noqa: S311 - invented demo data, not security
    if not Region.objects.filter(pk="33").exists():
        load_reference()  # a fresh database: regions, agencies and elections first (idempotent)
    with transaction.atomic():
        election = Election.objects.filter(code=ELECTION_CODE).first() or load_election_file(ELECTION_FILE)
        supervisor = _user("demo-pengawas-jateng", Role.SUPERVISOR, "33")
        authority = _user("demo-otoritas", Role.AUTHORITY, agency=Agency.objects.filter(code="bkn").first())
        agencies = list(Agency.objects.filter(region__code__startswith="33.").order_by("code"))
        for n in range(TOTAL):
            _one(n, rng, election, supervisor, authority, agencies)
        for user in (supervisor, authority):
            _read_stale_notifications(user)
    clocks = Clock.objects.filter(case__election__code=ELECTION_CODE, stopped_at__isnull=True)
    return DemoResult(
        created=TOTAL,
        skipped=False,
        running=clocks.count(),
        overdue=clocks.filter(due_at__lte=timezone.now()).count(),
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of a working day in Central Java (the project's time zone)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _tick(case: Case, until: dt.datetime) -> None:
    """Run the overdue-clock job for this case as it would have run before ``until``: each clock
    that fell due is marked (event, notifications) a few minutes after its due time."""
    due = Clock.objects.filter(
        case=case, stopped_at__isnull=True, overdue_marked_at__isnull=True, due_at__lt=until - TICK_DELAY
    )
    for due_at in due.order_by("due_at").values_list("due_at", flat=True):
        mark_overdue_clocks(due_at + TICK_DELAY, case_ids=[case.pk])


def _read_stale_notifications(user: User) -> None:
    """Demo users have long read the notices about deadlines that have since been dealt with."""
    stale = selectors.notifications_for(user, unread_only=True).filter(clock__stopped_at__isnull=False)
    for pk in stale.values_list("pk", flat=True):
        actions.mark_notification_read(actor=user, notification_id=pk)


def _rulebook_type(case: Case) -> str:
    """A sanction type the rulebook gives for the rules found (the demo's authority and PPK follow
    it): moderate discipline where the level is open, else the rulebook's own."""
    expected = sanctions.basis_for(case).expected
    if not expected:
        return "moral_terbuka"
    return "disiplin_sedang" if "disiplin_sedang" in expected else expected[-1]


def _one(
    n: int, rng: random.Random, election: Election, sup: User, bkn: User, agencies: list[Agency]
) -> Case:
    agency = agencies[n % len(agencies)]
    region = agency.region or Region.objects.get(pk="33")
    code, act = ACTS[n % len(ACTS)]
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    day = dt.date(2020, 9, 28) + dt.timedelta(days=(n * 67) % 70)
    person = actions.PersonInput(name, "", agency, "", rng.choice(POSITIONS))
    case = actions.record_finding(
        at=_at(day, 9),
        actor=sup,
        data=actions.FindingInput(
            election=election,
            region=region,
            summary=f"ASN {act}.",
            persons=[person],
            place=region.name,
            event_date=day - dt.timedelta(days=1),
            known_date=day,
            lhp_number=f"LHP/{n + 1:03d}/X/2020",
            rules=[code],
        ),
    )

    def step(
        target: str, at: dt.datetime, actor: User = sup, reason: str = "", stop_reason: str | None = None
    ) -> None:
        nonlocal case
        _tick(case, at)
        case = actions.transition(
            actor=actor, case=case, target=target, at=at, reason=reason, stop_reason=stop_reason
        )

    def later(days: int) -> dt.date:
        return day + dt.timedelta(days=days)

    step("initial_review", _at(day, 9, 30))
    step("registered", _at(later(1), 10))
    step("clarification", _at(later(1), 10, 30))
    actions.record_clarification(
        at=_at(later(2), 14),
        actor=sup,
        case=case,
        held_on=day + dt.timedelta(days=2),
        place=f"Kantor Bawaslu {region.name}",
        parties=[
            actions.PartyInput("terlapor", name, attended=n % 5 != 0),  # one in five does not come
            actions.PartyInput("saksi", "Saksi pengawas desa", attended=True),
        ],
        oath_offered=True,
        oath_taken=n % 5 != 0,
        statement="Terlapor memberi keterangan." if n % 5 else "Terlapor tidak hadir meski diundang.",
    )
    step("study", _at(later(2), 15))
    stopped = n >= FORWARDED
    actions.record_study(
        at=_at(later(3), 9),
        actor=sup,
        case=case,
        conclusion="Tidak terbukti." if stopped else "Unsur pelanggaran netralitas terpenuhi.",
        rules_found=[] if stopped else [code],
        violation=not stopped,
    )
    if stopped:
        step("stopped", _at(later(3), 10), reason="Alat bukti tidak cukup", stop_reason="not_proven")
        if n % 2:
            step("closed", _at(later(4), 9))
        return case
    step("forwarded", _at(later(3), 11))
    open_cases = PPK_SILENT + AUTHORITY_SILENT
    if PPK_SILENT <= n < open_cases:  # the authority never answered: overdue ever since
        _tick(case, timezone.now())
        return case
    recent = 0 <= n - open_cases < len(RECENT_RECOMMENDATION_DAYS_AGO)
    if recent:  # BKN answered lately; the PPK's 10 days run now
        issued = timezone.localdate() - dt.timedelta(days=RECENT_RECOMMENDATION_DAYS_AGO[n - open_cases])
        agency_name = "BKN"
    else:
        issued = later(10)
        agency_name = "KASN"
    _tick(case, _at(issued, 10))
    actions.record_recommendation(
        at=_at(issued, 10),
        actor=bkn,
        case=case,
        letter_number=f"R-{n + 1:03d}/{agency_name}/{ROMAN[issued.month - 1]}/{issued.year}",
        issued_on=issued,
        sanction_type=_rulebook_type(case),
    )
    step("recommendation_received", _at(issued, 10, 30), actor=bkn)
    if recent:
        _tick(case, timezone.now())
        return case
    if n < PPK_SILENT:
        step(
            "ppk_no_action",
            _at(issued + dt.timedelta(days=11), 10),
            actor=bkn,
            reason="Tidak ada tanggapan PPK dalam 10 hari",
        )
        return case
    decided = issued + dt.timedelta(days=7)
    actions.record_sanction(
        at=_at(decided, 13),
        actor=bkn,
        case=case,
        sanction_type=_rulebook_type(case),
        person_id=case.reported.get().pk,
        decree_number=f"800/{n + 1:03d}/2020",
        decided_on=decided,
    )
    step("sanction_imposed", _at(decided, 13, 30), actor=bkn)
    if n % 3 == 0:
        step("closed", _at(decided + dt.timedelta(days=1), 9))
    return case
