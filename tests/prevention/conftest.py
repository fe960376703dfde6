"""Fixtures for the prevention tests: a pledge campaign of Kabupaten Jepara run by its agency
officer (persona ``agency``), rosters as CSV and XLSX bytes, valid NIPs."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pytest
from django.core.cache import cache

from jaganetral.prevention.actions import pledges
from jaganetral.prevention.models import Campaign
from jaganetral.reference.models import Agency, Election
from tests.conftest import Personas

HEADER = ("NIP", "Nama", "Unit kerja", "Jenis", "Email")


def nip(seq: int, sex: int = 1) -> str:
    """A valid NIP: born 26-09-1986, appointed 05-2015, ``seq`` the last three digits."""
    return f"19860926201505{sex}{seq:03d}"


def csv_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROSTER = [
    (nip(1), "Budi Santoso, S.Kom.", "Dinas Pendidikan", "PNS", "budi@example.go.id"),
    (nip(2, 2), "Siti Aminah", "Dinas Pendidikan", "PPPK", "siti@example.go.id"),
    (nip(3), "Agus Wibowo", "Dinas Kesehatan", "PNS", ""),
]


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def campaign(personas: Personas) -> Campaign:
    return pledges.open_campaign(
        actor=personas.agency,
        agency=Agency.objects.get(code="pemkab-33-20"),
        election=Election.objects.get(code="pilkada-2024"),
        title="Ikrar netralitas Pilkada 2024",
    )


@pytest.fixture
def rostered(campaign: Campaign, personas: Personas) -> Campaign:
    pledges.import_roster(
        actor=personas.agency, campaign=campaign, filename="daftar.csv", data=csv_bytes(ROSTER)
    )
    return campaign
