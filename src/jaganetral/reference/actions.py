"""Writes to reference data. Every loader is idempotent: running it twice changes nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from jaganetral.core import audit
from jaganetral.lib.regioncode import timezone_of
from jaganetral.reference.election_file import ElectionFileError, ElectionSpec, parse_election
from jaganetral.reference.models import (
    Agency,
    AgencyKind,
    Contestant,
    Election,
    Office,
    Region,
    RegionLevel,
)
from jaganetral.reference.office_file import (
    MAX_LOGO_BYTES,
    OfficeFileError,
    OfficeSpec,
    parse_offices,
)

DECREE = "Kepmendagri 300.2.2-2138/2025"
DATA_DIR = Path(str(resources.files("jaganetral.reference") / "data"))
DEMO_OFFICES = DATA_DIR / "offices" / "demo-jawa-tengah.yaml"
REGIONS_DIR = DATA_DIR / "regions"
ELECTIONS_DIR = DATA_DIR / "elections"

CENTRAL_AGENCIES = [
    ("bawaslu-ri", "Badan Pengawas Pemilihan Umum (Bawaslu RI)"),
    ("bkn", "Badan Kepegawaian Negara (BKN)"),
    ("kemenpanrb", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPANRB)"),
    ("kemendagri", "Kementerian Dalam Negeri (Kemendagri)"),
]


@dataclass
class LoadResult:
    provinces: int = 0
    regencies: int = 0
    districts: int = 0
    agencies_created: int = 0
    elections: int = 0

    def summary(self) -> str:
        return _(
            "%(provinces)d provinsi, %(regencies)d kabupaten/kota, %(districts)d kecamatan, "
            "%(agencies)d instansi baru, %(elections)d pemilihan"
        ) % {
            "provinces": self.provinces,
            "regencies": self.regencies,
            "districts": self.districts,
            "agencies": self.agencies_created,
            "elections": self.elections,
        }


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REGIONS_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _upsert_regions(rows: list[Region]) -> None:
    Region.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "level", "kind", "parent", "timezone", "decree"],
    )


@transaction.atomic
def load_regions() -> LoadResult:
    result = LoadResult()
    provinces = [
        Region(
            code=r["kode"],
            name=r["nama"],
            level=RegionLevel.PROVINCE,
            kind="Provinsi",
            parent=None,
            timezone=timezone_of(r["kode"]),
            decree=DECREE,
        )
        for r in _read_csv("provinsi.csv")
    ]
    _upsert_regions(provinces)
    regencies = [
        Region(
            code=r["kode"],
            name=r["nama"],
            level=RegionLevel.REGENCY,
            kind=r["jenis"],
            parent_id=r["kode_provinsi"],
            timezone=timezone_of(r["kode"]),
            decree=DECREE,
        )
        for r in _read_csv("kabupaten_kota.csv")
    ]
    _upsert_regions(regencies)
    districts = [
        Region(
            code=r["kode"],
            name=r["nama"],
            level=RegionLevel.DISTRICT,
            kind="Kecamatan",
            parent_id=r["kode_kabupaten_kota"],
            timezone=timezone_of(r["kode"]),
            decree=DECREE,
        )
        for r in _read_csv("kecamatan.csv")
    ]
    _upsert_regions(districts)
    result.provinces, result.regencies, result.districts = len(provinces), len(regencies), len(districts)
    return result


@transaction.atomic
def load_agencies() -> int:
    """Create the default agencies that are missing. Never overwrites an admin's edits."""
    wanted: list[Agency] = [
        Agency(code=code, name=name, kind=AgencyKind.CENTRAL) for code, name in CENTRAL_AGENCIES
    ]
    for region in Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY]):
        if region.level == RegionLevel.PROVINCE:
            wanted.append(
                Agency(
                    code=f"pemprov-{region.code}",
                    name=f"Pemerintah Provinsi {region.name}",
                    kind=AgencyKind.PROVINCE,
                    region=region,
                )
            )
            wanted.append(
                Agency(
                    code=f"bawaslu-{region.code}",
                    name=f"Bawaslu Provinsi {region.name}",
                    kind=AgencyKind.OTHER,
                    region=region,
                )
            )
        else:
            prefix = "pemkot" if region.kind == "Kota" else "pemkab"
            wanted.append(
                Agency(
                    code=f"{prefix}-{region.code.replace('.', '-')}",
                    name=f"Pemerintah {region.name}",
                    kind=AgencyKind.REGENCY,
                    region=region,
                )
            )
    existing = set(Agency.objects.values_list("code", flat=True))
    missing = [a for a in wanted if a.code not in existing]
    Agency.objects.bulk_create(missing, batch_size=500)
    return len(missing)


def load_election_file(path: Path, *, actor: AbstractBaseUser | None = None) -> Election:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ElectionFileError(f"{path}: cannot read the file: {exc}") from None
    return load_election(parse_election(text, source=path.name), source=path.name, actor=actor)


@transaction.atomic
def load_election(spec: ElectionSpec, *, source: str = "", actor: AbstractBaseUser | None = None) -> Election:
    """Create or replace an election and its contestants from a validated spec."""
    known = set(Region.objects.filter(code__in=_regions_named(spec)).values_list("code", flat=True))
    for code in _regions_named(spec):
        if code not in known:
            raise ElectionFileError(
                f"{source}: region {code!r} is not in the reference data (run `jaganetral load-reference`)"
            )
    election, created = Election.objects.update_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "region_id": spec.region,
            "voting_day": spec.voting_day,
            "campaign_start": spec.campaign.start if spec.campaign else None,
            "campaign_end": spec.campaign.end if spec.campaign else None,
            "day_count": spec.day_count,
            "cuti_bersama_is_working": spec.cuti_bersama_is_working,
            "source_file": source[:200],
        },
    )
    keep: list[int] = []
    for c in spec.contestants:
        contestant, _ = Contestant.objects.update_or_create(
            election=election,
            kind=c.kind,
            number=c.number,
            defaults={
                "name": c.name,
                "aliases": c.aliases,
                "parties": c.parties,
                "coalition": c.coalition,
                "hashtags": c.hashtags,
                "slogans": c.slogans,
                "accounts": c.accounts,
                "region_id": c.region,
            },
        )
        keep.append(contestant.pk)
    election.contestants.exclude(pk__in=keep).delete()
    audit.record(
        "election.loaded",
        actor=actor,
        obj=election,
        code=election.code,
        created=created,
        contestants=len(keep),
        source=source,
    )
    return election


def _regions_named(spec: ElectionSpec) -> list[str]:
    codes = {spec.region} if spec.region else set()
    codes.update(c.region for c in spec.contestants if c.region)
    return sorted(codes)


def load_shipped_elections() -> int:
    files = sorted(ELECTIONS_DIR.glob("*.yaml"))
    for path in files:
        load_election_file(path)
    return len(files)


def load_reference() -> LoadResult:
    """Regions, default agencies and the shipped elections; safe to run any number of times."""
    result = load_regions()
    result.agencies_created = load_agencies()
    result.elections = load_shipped_elections()
    return result


# --- office profiles (letterhead, city line, signatories) -------------------------------------


def clean_logo(name: str, data: bytes) -> tuple[bytes, str]:
    """A PNG or JPEG logo re-encoded without metadata, as (bytes, content type); raises
    :class:`OfficeFileError` with an Indonesian message when it is not one or too large."""
    from jaganetral.lib import files

    if len(data) > MAX_LOGO_BYTES:
        raise OfficeFileError(_("Logo paling besar %(kb)d KB.") % {"kb": MAX_LOGO_BYTES // 1000})
    try:
        kind = files.inspect(name, data[:8192], kinds=("png", "jpeg"))
        return files.clean_image(data, kind), kind.mime
    except files.FileRejected as exc:
        raise OfficeFileError(str(exc)) from None


def save_office(
    spec: OfficeSpec,
    *,
    logo: tuple[bytes, str] | None = None,
    actor: AbstractBaseUser | None = None,
    remove_logo: bool = False,
) -> Office:
    """Create or replace one office's profile (the logo is kept unless a new one is given or
    ``remove_logo``). The region must exist (except for the national office)."""
    if spec.code and not Region.objects.filter(pk=spec.code).exists():
        raise OfficeFileError(
            _("Wilayah %(code)s tidak ada (muat data referensi dulu: jaganetral load-reference).")
            % {"code": spec.code}
        )
    office = Office.objects.filter(code=spec.code).first() or Office(code=spec.code)
    for field in ("name", "address", "city", "phone", "email", "website", "unit_code"):
        setattr(office, field, getattr(spec, field))
    office.signatories = [s.model_dump() for s in spec.signatories]
    if logo is not None:
        office.logo, office.logo_type = logo
    elif remove_logo:
        office.logo, office.logo_type = b"", ""
    office.save()
    audit.record("reference.office_saved", actor=actor, obj=office, code=spec.code or "nasional")
    return office


@transaction.atomic
def set_offices_from_file(
    path: Path, *, actor: AbstractBaseUser | None = None, only_missing: bool = False
) -> list[Office]:
    """Load an office file (YAML or JSON): every office listed is created or replaced (with
    ``only_missing``, only those without a profile yet: the demo never overwrites an admin's edits);
    offices not listed stay as they are. A logo is read from beside the file. All or nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OfficeFileError(f"{path}: cannot read the file: {exc}") from None
    spec = parse_offices(text, path.name)
    saved = []
    existing = set(Office.objects.values_list("code", flat=True)) if only_missing else set()
    for office in spec.offices:
        if office.code in existing:
            continue
        logo = None
        if office.logo:
            logo_path = (path.parent / office.logo).resolve()
            if not logo_path.is_relative_to(path.parent.resolve()):
                raise OfficeFileError(f"{path.name}: logo {office.logo!r} must lie beside the file")
            try:
                data = logo_path.read_bytes()
            except OSError as exc:
                raise OfficeFileError(f"{path.name}: cannot read logo {office.logo!r}: {exc}") from None
            logo = clean_logo(logo_path.name, data)
        saved.append(save_office(office, logo=logo, actor=actor))
    return saved
