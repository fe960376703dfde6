"""Demo data with the shape of Central Java's Pilkada 2020 (ASN-NEUTRALITY.md, issue 5): 57 cases,
47 forwarded to the authority, 10 stopped, and 13 authority recommendations the PPK never acted on.

Every case goes through the real actions (workflow, clocks, hash-chained timeline), dated in 2020.
Names are invented. Loading twice does nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from jaganetral.accounts.models import Role, User
from jaganetral.cases import actions
from jaganetral.cases.models import Case
from jaganetral.reference.actions import load_election_file
from jaganetral.reference.models import Agency, Election, Region

ELECTION_FILE = Path(__file__).resolve().parent / "data" / "demo" / "pilkada-2020-jateng.yaml"
ELECTION_CODE = "pilkada-2020-jateng-demo"
TOTAL, FORWARDED, STOPPED, PPK_SILENT = 57, 47, 10, 13
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
    with transaction.atomic():
        election = Election.objects.filter(code=ELECTION_CODE).first() or load_election_file(ELECTION_FILE)
        supervisor = _user("demo-pengawas-jateng", Role.SUPERVISOR, "33")
        authority = _user("demo-otoritas", Role.AUTHORITY, agency=Agency.objects.filter(code="bkn").first())
        agencies = list(Agency.objects.filter(region__code__startswith="33.").order_by("code"))
        for n in range(TOTAL):
            _one(n, rng, election, supervisor, authority, agencies)
    return DemoResult(created=TOTAL, skipped=False)


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
        today=day,
    )

    def step(
        target: str, on: dt.date, actor: User = sup, reason: str = "", stop_reason: str | None = None
    ) -> None:
        nonlocal case
        case = actions.transition(
            actor=actor, case=case, target=target, today=on, reason=reason, stop_reason=stop_reason
        )

    step("initial_review", day)
    step("registered", day + dt.timedelta(days=1))
    step("clarification", day + dt.timedelta(days=1))
    actions.record_clarification(
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
    step("study", day + dt.timedelta(days=2))
    stopped = n >= FORWARDED
    actions.record_study(
        actor=sup,
        case=case,
        conclusion="Tidak terbukti." if stopped else "Unsur pelanggaran netralitas terpenuhi.",
        rules_found=[] if stopped else [code],
        violation=not stopped,
    )
    if stopped:
        step("stopped", day + dt.timedelta(days=3), reason="Alat bukti tidak cukup", stop_reason="not_proven")
        if n % 2:
            step("closed", day + dt.timedelta(days=4))
        return case
    step("forwarded", day + dt.timedelta(days=3))
    issued = day + dt.timedelta(days=10)
    actions.record_recommendation(
        actor=bkn,
        case=case,
        letter_number=f"R-{n + 1:03d}/KASN/XI/2020",
        issued_on=issued,
        sanction_type="moral_terbuka",
    )
    step("recommendation_received", issued, actor=bkn)
    if n < PPK_SILENT:
        step(
            "ppk_no_action",
            issued + dt.timedelta(days=11),
            actor=bkn,
            reason="Tidak ada tanggapan PPK dalam 10 hari",
        )
        return case
    decided = issued + dt.timedelta(days=7)
    actions.record_sanction(
        actor=bkn,
        case=case,
        sanction_type="moral_terbuka",
        decree_number=f"800/{n + 1:03d}/2020",
        decided_on=decided,
    )
    step("sanction_imposed", decided, actor=bkn)
    if n % 3 == 0:
        step("closed", decided + dt.timedelta(days=1))
    return case
