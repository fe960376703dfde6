"""The ASN registry: import from CSV/XLSX, edit a person, their social accounts, audited access."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Region
from jaganetral.screening import permissions
from jaganetral.screening.errors import ImportReport, ScreeningError
from jaganetral.screening.models import AsnPerson, Platform, Post, SocialAccount

MAX_IMPORT_ROWS = 200_000
ASN_COLUMNS = ("nip", "nama", "instansi", "jabatan", "wilayah", "akun")
HANDLE = re.compile(r"^[a-z0-9._-]{1,100}$")
_PROFILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|mobile\.)?(?:x|twitter|instagram|tiktok|facebook|fb)\.com/",
    re.IGNORECASE,
)


def read_table(name: str, data: bytes) -> Iterator[dict[str, str]]:
    """Rows of an uploaded CSV or XLSX as dicts keyed by lower-cased header."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise ScreeningError(_("berkas XLSX tidak dapat dibaca")) from exc
        ws = wb.active
        if ws is None:
            raise ScreeningError(_("berkas XLSX tidak punya lembar kerja"))
        rows = ws.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, ())]
        for row in rows:
            yield {h: "" if v is None else str(v).strip() for h, v in zip(header, row, strict=False)}
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningError(_("berkas CSV harus UTF-8")) from exc
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        yield {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}


def normalize_handle(raw: str) -> str:
    """'@Budi_S', 'https://x.com/budi_s/status/1', 'tiktok.com/@budi' -> 'budi_s' / 'budi'.

    Raises ScreeningError for anything that is not a plain account name."""
    handle = _PROFILE_URL.sub("", raw.strip())
    handle = handle.split("?", 1)[0].lstrip("@").split("/", 1)[0].lower()
    if not HANDLE.match(handle):
        raise ScreeningError(
            _("nama akun %(handle)s tidak sah (huruf, angka, titik, garis bawah atau tanda hubung)")
            % {"handle": repr(raw.strip()[:100])}
        )
    return handle


def _accounts(raw: str) -> list[tuple[str, str]]:
    """'x:@budi; instagram:budi.s' -> [("x", "budi"), ("instagram", "budi.s")]."""
    out = []
    for part in raw.replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        platform, _sep, handle = part.partition(":") if ":" in part else ("x", "", part)
        platform = platform.strip().lower().replace("twitter", "x")
        try:
            handle = normalize_handle(handle)
        except ScreeningError:
            handle = ""
        if platform not in Platform.values or not handle:
            raise ScreeningError(
                _("akun %(account)s tidak sah (format platform:akun, mis. x:@budi)") % {"account": repr(part)}
            )
        out.append((platform, handle))
    return out


@transaction.atomic
def import_asn(rows: Iterable[dict[str, str]], *, actor: User | None) -> ImportReport:
    """Create or update ASN and their accounts. Any bad row: nothing is imported, every error listed.

    A regional user imports only inside their scope: every row needs a region they cover, and an
    NIP already registered outside it is refused. An account belongs to one ASN only (as on the
    person page): one listed twice, or already registered for another NIP, is a row error.
    ``actor`` None (the command line) is national."""
    report = ImportReport()
    parsed: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = []
    seen: set[str] = set()
    seen_accounts: set[tuple[str, str]] = set()

    def covers(code: str | None) -> bool:
        return actor is None or policy.covers(actor, code)

    for n, row in enumerate(rows, start=2):
        if n > MAX_IMPORT_ROWS:
            raise ScreeningError(_("terlalu banyak baris (maks %(n)d)") % {"n": MAX_IMPORT_ROWS})
        if not any(row.values()):
            continue
        problems = []
        try:
            nip = parse_nip(row.get("nip", "")).digits
        except NipError as exc:
            problems.append(str(exc))
            nip = ""
        if nip and nip in seen:
            problems.append(_("NIP ganda di berkas"))
        seen.add(nip)
        name = row.get("nama", "")
        if not name or len(name) > 200:
            problems.append(_("nama wajib diisi (maks 200 huruf)"))
        agency = None
        if row.get("instansi"):
            agency = (
                Agency.objects.filter(code=row["instansi"]).first()
                or Agency.objects.filter(name__iexact=row["instansi"]).first()
            )
            if agency is None:
                problems.append(_("instansi %(agency)s tidak dikenal") % {"agency": repr(row["instansi"])})
        region = None
        if row.get("wilayah"):
            try:
                region = Region.objects.filter(code=normalize(row["wilayah"])).first()
            except RegionCodeError:
                region = None
            if region is None:
                problems.append(_("kode wilayah %(region)s tidak dikenal") % {"region": repr(row["wilayah"])})
            elif not covers(region.code):
                problems.append(_("wilayah %(region)s di luar cakupan Anda") % {"region": region.code})
        elif not covers(None):
            problems.append(_("wilayah wajib diisi"))
        if nip:
            existing = AsnPerson.objects.filter(nip=nip).only("region_id").first()
            if existing is not None and not covers(existing.region_id):
                problems.append(_("NIP ini sudah terdaftar di luar cakupan wilayah Anda"))
        try:
            accts = _accounts(row.get("akun", ""))
        except ScreeningError as exc:
            problems.append(str(exc))
            accts = []
        for platform, handle in accts:
            if (platform, handle) in seen_accounts:
                problems.append(
                    _("akun %(platform)s:@%(handle)s ganda di berkas")
                    % {"platform": platform, "handle": handle}
                )
            elif (
                SocialAccount.objects.filter(platform=platform, handle=handle)
                .exclude(person__nip=nip)
                .exists()
            ):
                problems.append(
                    _("akun %(platform)s:@%(handle)s sudah terdaftar untuk ASN lain")
                    % {"platform": platform, "handle": handle}
                )
            seen_accounts.add((platform, handle))
        if problems:
            report.errors.append(_("baris %(n)d: %(problems)s") % {"n": n, "problems": "; ".join(problems)})
            continue
        fields = {"name": name, "agency": agency, "position": row.get("jabatan", "")[:200], "region": region}
        parsed.append((nip, fields, accts))
    if report.errors:
        transaction.set_rollback(True)
        return report
    for nip, fields, accts in parsed:
        person, created = AsnPerson.objects.update_or_create(nip=nip, defaults=fields)
        report.created += created
        report.updated += not created
        for platform, handle in accts:
            SocialAccount.objects.update_or_create(
                platform=platform, handle=handle, defaults={"person": person}
            )
    record(
        "screening.import_asn",
        actor=actor,
        obj=AsnPerson,
        created=report.created,
        updated=report.updated,
    )
    return report


@transaction.atomic
def update_person(
    person: AsnPerson,
    *,
    actor: User,
    name: str,
    position: str,
    agency: str | None = None,
    region: str | None = None,
) -> AsnPerson:
    """Edit an ASN's name, position and (when given, as codes; "" clears) agency and region.

    A region must lie inside the editor's scope; only a national user may leave it empty."""
    policy.require(actor, permissions.SCREEN, refuse=ScreeningError)
    if not policy.covers(actor, person.region_id):
        raise ScreeningError(_("ASN ini di luar cakupan wilayah Anda"))
    problems = []
    name = name.strip()
    position = position.strip()
    if not name or len(name) > 200:
        problems.append(_("nama wajib diisi (maks 200 huruf)"))
    if len(position) > 200:
        problems.append(_("jabatan maks 200 huruf"))
    new_agency = person.agency
    if agency is not None:
        new_agency = None
        if agency.strip():
            new_agency = Agency.objects.filter(code=agency.strip()).first()
            if new_agency is None:
                problems.append(
                    _("instansi %(agency)s tidak dikenal") % {"agency": repr(agency.strip()[:60])}
                )
    new_region = person.region
    if region is not None:
        code = region.strip()
        new_region = None
        if not code:
            if not actor.is_national:
                problems.append(_("wilayah wajib diisi"))
        else:
            try:
                new_region = Region.objects.filter(code=normalize(code)).first()
            except RegionCodeError:
                new_region = None
            if new_region is None:
                problems.append(_("kode wilayah %(region)s tidak dikenal") % {"region": repr(code[:20])})
            elif not policy.covers(actor, new_region.code):
                problems.append(_("wilayah di luar cakupan Anda"))
    if problems:
        raise ScreeningError("; ".join(problems))
    changed: dict[str, Any] = {}
    if person.name != name:
        changed["name"] = True
    if person.position != position:
        changed["position"] = True
    if person.agency_id != (new_agency.pk if new_agency else None):
        changed["agency"] = [
            person.agency.code if person.agency else "",
            new_agency.code if new_agency else "",
        ]
    if person.region_id != (new_region.code if new_region else None):
        changed["region"] = [person.region_id or "", new_region.code if new_region else ""]
    person.name = name
    person.position = position
    person.agency = new_agency
    person.region = new_region
    person.save(update_fields=["name", "position", "agency", "region"])
    record(
        "screening.update_person",
        actor=actor,
        obj=person,
        changed=changed,
    )
    return person


@transaction.atomic
def add_account(person: AsnPerson, *, actor: User, platform: str, handle: str) -> SocialAccount:
    """Register a social account for an ASN. An account belongs to one ASN only."""
    policy.require(actor, permissions.SCREEN, refuse=ScreeningError)
    if not policy.covers(actor, person.region_id):
        raise ScreeningError(_("ASN ini di luar cakupan wilayah Anda"))
    if platform not in Platform.values:
        raise ScreeningError(_("platform tidak dikenal"))
    handle = normalize_handle(handle)
    existing = SocialAccount.objects.filter(platform=platform, handle=handle).first()
    if existing is not None:
        if existing.person_id == person.pk:
            raise ScreeningError(
                _("akun %(platform)s:@%(handle)s sudah tercatat untuk ASN ini")
                % {"platform": platform, "handle": handle}
            )
        raise ScreeningError(
            _("akun %(platform)s:@%(handle)s sudah terdaftar untuk ASN lain")
            % {"platform": platform, "handle": handle}
        )
    try:
        with transaction.atomic():
            account = SocialAccount.objects.create(person=person, platform=platform, handle=handle)
    except IntegrityError:
        raise ScreeningError(
            _("akun %(platform)s:@%(handle)s sudah terdaftar untuk ASN lain")
            % {"platform": platform, "handle": handle}
        ) from None
    # posts kept from when the account was removed are screened again under it
    relinked = Post.objects.filter(platform=platform, handle=handle, account__isnull=True).update(
        account=account
    )
    record(
        "screening.add_account",
        actor=actor,
        obj=account,
        person=person.pk,
        account=f"{platform}:{handle}",
        relinked=relinked,
    )
    return account


@transaction.atomic
def remove_account(account: SocialAccount, *, actor: User) -> None:
    """Stop screening an account. Its stored posts and findings stay (the link is cleared)."""
    person = account.person
    policy.require(actor, permissions.SCREEN, refuse=ScreeningError)
    if not policy.covers(actor, person.region_id):
        raise ScreeningError(_("ASN ini di luar cakupan wilayah Anda"))
    record(
        "screening.remove_account",
        actor=actor,
        obj=account,
        person=person.pk,
        account=f"{account.platform}:{account.handle}",
    )
    account.delete()


@transaction.atomic
def record_access(*, actor: User, action: str, obj: models.Model | None = None, **data: Any) -> None:
    """THREATS.md: who searched or viewed what in screening is audited."""
    record(f"screening.{action}", actor=actor, obj=obj, **data)
