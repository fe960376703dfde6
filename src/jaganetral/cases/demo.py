"""Demo data with the shape of Central Java's Pilkada 2020 (ASN-NEUTRALITY.md §5): 57 cases, 47
forwarded to the authority, 10 stopped; the people they name counted one by one (many cases name two
to four civil servants of different agencies, who end differently): most sanctioned by their PPK
(mostly an open moral statement or a cut of the performance allowance), 13 whose PPK never acted,
a few of those followed up by BKN (personnel data blocked), one found not proven within a case.

Every case goes through the real actions (workflow, per-person paths, clocks, hash-chained
timeline), each step dated when it happened (``at=``): the findings, clarifications, studies and
referrals along the 2020 campaign; the PPK's ten days running out; and the overdue-clock job marking
each clock at the moment it would have (``jaganetral tick``), notifying no one: a record of 2020 is
not news (:func:`jaganetral.cases.actions.notify.quiet`). Some cases are still open today: the
authority never answered a few 2020 referrals (overdue ever since), and BKN, which took over KASN's
work in 2024, recently sent recommendations on a few others, so the PPK's days are running now
(some already past). Names are invented. Loading twice does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from jaganetral.accounts.models import Role, User
from jaganetral.cases import actions
from jaganetral.cases.actions import notify
from jaganetral.cases.jobs import mark_overdue_clocks
from jaganetral.cases.models import Case, CaseReportedPerson, Clock, Employment
from jaganetral.cases.person_path import AWAITING_PPK, PersonState
from jaganetral.cases.rulecodes import ROMAN
from jaganetral.reference.actions import (
    DEMO_OFFICES,
    load_election_file,
    load_reference,
    set_offices_from_file,
)
from jaganetral.reference.models import Agency, Election, Region

ELECTION_FILE = Path(__file__).resolve().parent / "data" / "demo" / "pilkada-2020-jateng.yaml"
ELECTION_CODE = "pilkada-2020-jateng-demo"
TOTAL, FORWARDED, STOPPED, PPK_SILENT = 57, 47, 10, 13
ESCALATED = (0, 4, 8)  # PPK-silent cases whose first person BKN followed up (personnel data blocked)
NOT_PROVEN_IN_CASE = 21  # a case whose study finds one of its people not proven
# Of the forwarded cases after the PPK-silent ones: referrals the authority never answered, then
# recommendations BKN sent recently (days ago; the PPK has 10 calendar days in this Pilkada).
AUTHORITY_SILENT = 3
RECENT_RECOMMENDATION_DAYS_AGO = (2, 6, 13, 17)
TICK_DELAY = dt.timedelta(minutes=5)  # the overdue-clock job runs a few minutes after a deadline
FIRST_NAMES = ["Agus", "Budi", "Dwi", "Eko", "Hadi", "Joko", "Rina", "Sri", "Tri", "Wahyu", "Yuli", "Siti"]
LAST_NAMES = ["Prasetyo", "Santoso", "Wibowo", "Lestari", "Hidayat", "Purnomo", "Rahayu", "Susanto", "Utami"]
POSITIONS = ["Kepala Desa", "Camat", "Guru SD", "Kepala Dinas", "Sekretaris Desa", "Lurah", "Staf Kecamatan"]
ACTS = [
    ("E2", "mengunggah foto bersama pasangan calon disertai ajakan memilih di media sosial"),
    ("N2", "menghadiri kampanye pasangan calon dengan memakai atribut partai"),
    ("E4", "memberi tanda suka dan membagikan unggahan kampanye pasangan calon"),
    ("E2", "membuat status dukungan untuk pasangan calon di media sosial"),
    ("N2", "ikut pawai kampanye pasangan calon dengan kaus bergambar calon"),
]


@dataclass
class DemoResult:
    created: int
    skipped: bool
    running: int = 0  # clocks still running today
    overdue: int = 0  # of which past their due time
    people: int = 0
    sanctioned: int = 0
    awaiting_ppk: int = 0  # recommended, PPK not (yet) acted, or followed up by BKN


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
    # a record of 2020 is not news: no one is notified of the demo's past steps and deadlines
    with transaction.atomic(), notify.quiet():
        # the offices of the demo's regions, so its letters carry a letterhead and signatories
        set_offices_from_file(DEMO_OFFICES, only_missing=True)
        election = Election.objects.filter(code=ELECTION_CODE).first() or load_election_file(ELECTION_FILE)
        supervisor = _user("demo-pengawas-jateng", Role.SUPERVISOR, "33")
        authority = _user("demo-otoritas", Role.AUTHORITY, agency=Agency.objects.filter(code="bkn").first())
        agencies = list(Agency.objects.filter(region__code__startswith="33.").order_by("code"))
        for n in range(TOTAL):
            _one(n, rng, election, supervisor, authority, agencies)
    clocks = Clock.objects.filter(case__election__code=ELECTION_CODE, stopped_at__isnull=True)
    people = CaseReportedPerson.objects.filter(case__election__code=ELECTION_CODE)
    return DemoResult(
        created=TOTAL,
        skipped=False,
        running=clocks.count(),
        overdue=clocks.filter(due_at__lte=timezone.now()).count(),
        people=people.count(),
        sanctioned=people.filter(state=PersonState.SANCTIONED).count(),
        awaiting_ppk=people.filter(state__in=[s.value for s in AWAITING_PPK]).count(),
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of a working day in Central Java (the project's time zone)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _tick(case: Case, until: dt.datetime) -> None:
    """Run the overdue-clock job for this case as it would have run before ``until``: each clock
    that fell due is marked (event; no notification for a moment long past) a few minutes after its due
    time."""
    due = Clock.objects.filter(
        case=case, stopped_at__isnull=True, overdue_marked_at__isnull=True, due_at__lt=until - TICK_DELAY
    )
    for due_at in due.order_by("due_at").values_list("due_at", flat=True):
        mark_overdue_clocks(due_at + TICK_DELAY, case_ids=[case.pk])


def _people_count(n: int) -> int:
    """1 to 4 civil servants per case (about 2.4 on average), of different agencies."""
    return (1, 2, 3, 2, 1, 4, 2, 3)[n % 8]


def _kinds(code: str, n: int, i: int) -> list[str]:
    """What BKN recommends and the PPK follows: the rulebook's own sanction for the rule found. An
    ethics breach: an open moral statement (one closed); PP 94/2021 Ps 5 huruf n angka 2 (moderate):
    a cut of the performance allowance for 6, 9 or 12 months (one light warning instead)."""
    if code.startswith("E"):
        return ["moral_tertutup"] if (n, i) == (17, 0) else ["moral_terbuka"]
    if (n, i) == (23, 1):
        return ["teguran_tertulis"]
    return [("tukin_25_6", "tukin_25_9", "tukin_25_12")[(n + i) % 3]]


def _one(
    n: int, rng: random.Random, election: Election, sup: User, bkn: User, agencies: list[Agency]
) -> Case:
    region_agency = agencies[n % len(agencies)]
    region = region_agency.region or Region.objects.get(pk="33")
    code, act = ACTS[n % len(ACTS)]
    day = dt.date(2020, 9, 28) + dt.timedelta(days=(n * 67) % 70)
    count = _people_count(n)
    people = [
        actions.PersonInput(
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "",
            agencies[(n + 7 * i) % len(agencies)],  # each of a different agency
            "",
            rng.choice(POSITIONS),
            Employment.PPPK if (n + i) % 9 == 4 else Employment.PNS,
        )
        for i in range(count)
    ]
    case = actions.record_finding(
        at=_at(day, 9),
        actor=sup,
        data=actions.FindingInput(
            election=election,
            region=region,
            summary=f"ASN {act}.",
            persons=people,
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
            *(
                actions.PartyInput("terlapor", p.name, attended=(n + i) % 5 != 0)  # one in five stays away
                for i, p in enumerate(people)
            ),
            actions.PartyInput("saksi", "Saksi pengawas desa", attended=True),
        ],
        oath_offered=True,
        oath_taken=n % 5 != 0,
        statement="Terlapor memberi keterangan."
        if n % 5
        else "Sebagian terlapor tidak hadir meski diundang.",
    )
    step("study", _at(later(2), 15))
    stopped = n >= FORWARDED
    persons = list(case.reported.order_by("id"))
    proven = [p.pk for p in persons]
    if n == NOT_PROVEN_IN_CASE and len(persons) > 1:
        proven = proven[:-1]  # the last one only stood beside the others
    actions.record_study(
        at=_at(later(3), 9),
        actor=sup,
        case=case,
        conclusion="Tidak terbukti." if stopped else "Unsur pelanggaran netralitas terpenuhi.",
        rules_found=[] if stopped else [code],
        violation=not stopped,
        proven=None if stopped else proven,
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
    if recent:  # BKN answered lately; the PPK's days run now
        issued = timezone.localdate() - dt.timedelta(days=RECENT_RECOMMENDATION_DAYS_AGO[n - open_cases])
        agency_name = "BKN"
    else:
        issued = later(10)
        agency_name = "KASN"
    _tick(case, _at(issued, 10))
    waiting = [p for p in case.reported.order_by("id") if p.state == PersonState.FORWARDED]
    for i, person in enumerate(waiting):
        actions.record_recommendation(
            at=_at(issued, 10, i),
            actor=bkn,
            case=case,
            letter_number=f"R-{n + 1:03d}/{agency_name}/{ROMAN[issued.month - 1]}/{issued.year}",
            issued_on=issued,
            kinds=_kinds(code, n, i),
            persons=[person.pk],
        )
    if recent:
        _tick(case, timezone.now())
        return case
    decided = issued + dt.timedelta(days=7)
    silent = waiting[0] if n < PPK_SILENT else None
    for i, person in enumerate(waiting):  # the PPKs that act, within their days
        if person == silent:
            continue
        kinds = _kinds(code, n, i)
        if (n, i) == (31, 0) and kinds[0].startswith("tukin"):
            kinds = ["tukin_25_6"]  # the PPK went below BKN's recommendation: recorded and marked
        actions.record_sanction(
            at=_at(decided, 13, i),
            actor=bkn,
            case=case,
            kinds=kinds,
            person_id=person.pk,
            decree_number=f"800/{n + 1:03d}.{i + 1}/2020",
            decided_on=decided,
        )
    if silent is not None:  # this PPK never acted: its days ran out, then BKN recorded it
        clock = Clock.objects.get(person=silent, name="ppk_follow_up")
        at = _at(clock.due_on + dt.timedelta(days=2), 10)
        _tick(case, at)
        actions.record_ppk_no_action(
            at=at, actor=bkn, case=case, person_id=silent.pk, reason="Tidak ada tanggapan PPK"
        )
        if n in ESCALATED:
            letter_day = clock.due_on + dt.timedelta(days=20)
            actions.record_escalation(
                at=_at(letter_day, 10),
                actor=bkn,
                case=case,
                person_id=silent.pk,
                measure="Pemblokiran data kepegawaian di SIASN (Peraturan BKN 1/2023)",
                letter_number=f"B-{n + 1:03d}/BKN/{ROMAN[letter_day.month - 1]}/{letter_day.year}",
                issued_on=letter_day,
            )
    return case
