from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from jaganetral.accounts.models import User
from jaganetral.cases import actions
from jaganetral.cases.models import Case
from jaganetral.intake import sealing
from jaganetral.intake.actions import ReportedInput, ReportInput, submit_report
from jaganetral.intake.models import Report
from jaganetral.reference.models import Agency, Election, Region


@pytest.fixture(autouse=True)
def _isolated(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    settings.CASES_ATTACHMENT_DIR = tmp_path / "case-attachments"
    settings.CASES_LETTER_DIR = tmp_path / "letters"
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    sealing.sealer.cache_clear()
    cache.clear()
    yield
    sealing.sealer.cache_clear()


# A reporter who gives a name and an address: the formal requirement of a laporan (Perbawaslu 7/2022),
# so the report can be registered; an anonymous one cannot (tests/cases/test_formal.py).
REPORTER = {"name": "Siti Pelapor", "address": "Jl. Kartini 1, Jepara"}


def make_report(
    region: str = "33.20",
    election: str | None = "pemilu-2024",
    name: str = "Budi Santoso",
    *,
    anonymity: str = "confidential",
) -> Report:
    today = timezone.localdate()
    report, _ = submit_report(
        data=ReportInput(
            anonymity=anonymity,
            identity=dict(REPORTER) if anonymity == "confidential" else {},
            region=Region.objects.get(pk=region),
            place="Balai desa Tahunan",
            event_date=today - dt.timedelta(days=2),
            known_date=today - dt.timedelta(days=1),
            what="Camat mengajak warga memilih pasangan calon nomor 2.",
            reported=[
                ReportedInput(
                    name=name,
                    nip="198609262015051001",
                    agency=Agency.objects.get(code="pemkab-33-20"),
                    position="Camat",
                )
            ],
            election=Election.objects.get(code=election) if election else None,
        ),
        files=[],
    )
    return report


def make_case(actor: User, region: str = "33.20", election: str = "pemilu-2024") -> Case:
    return actions.register_case_from_report(actor=actor, report=make_report(region, election), rules=["N1"])


def walk(case: Case, actor: User, *targets: str) -> Case:
    for target in targets:
        case = actions.transition(actor=actor, case=case, target=target)
    return case


def to_study(case: Case, actor: User, *, absent: bool = True) -> Case:
    case = walk(case, actor, "initial_review", "registered", "clarification")
    actions.record_clarification(
        actor=actor,
        case=case,
        held_on=timezone.localdate(),
        place="Kantor Bawaslu Jepara",
        parties=[
            actions.PartyInput("terlapor", "Budi Santoso", attended=not absent),
            actions.PartyInput("saksi", "Saksi Satu", attended=True),
        ],
        oath_offered=True,
        oath_taken=True,
        statement="Saksi membenarkan kejadian.",
    )
    return walk(case, actor, "study")


def to_forwarded(case: Case, actor: User) -> Case:
    case = to_study(case, actor)
    actions.record_study(actor=actor, case=case, conclusion="Terbukti.", rules_found=["N1"], violation=True)
    return walk(case, actor, "forwarded")
