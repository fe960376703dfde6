"""Every write of the screening app: ASN import, post import, screening, review decisions, retention."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Election, Region
from jaganetral.screening import selectors
from jaganetral.screening.models import (
    DEFAULT_DETECTOR,
    AsnPerson,
    Detector,
    DetectorKind,
    Finding,
    FindingStatus,
    ImportFormat,
    ImportJob,
    ImportStatus,
    Label,
    Platform,
    Post,
    SocialAccount,
)
from jaganetral.screening.nlp import ElectionSpec, Pipeline
from jaganetral.screening.nlp.model import LinearModel
from jaganetral.screening.nlp.pipeline import THRESHOLD
from jaganetral.screening.selectors import election_spec

log = logging.getLogger(__name__)

MAX_IMPORT_ROWS = 200_000
MAX_REPORTED_ERRORS = 1000  # row errors kept in an import report (all are counted)
RETENTION_DAYS = 90
REVIEW_DAYS = 7  # Bawaslu must act on a finding within 7 days of discovery (UU 7/2017 Ps 454(5))
ASN_COLUMNS = ("nip", "nama", "instansi", "jabatan", "wilayah", "akun")
HANDLE = re.compile(r"^[a-z0-9._-]{1,100}$")
_PROFILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|mobile\.)?(?:x|twitter|instagram|tiktok|facebook|fb)\.com/",
    re.IGNORECASE,
)


class ScreeningError(ValueError):
    """Refused input; the message (Indonesian) is meant for the person who sent it."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unregistered: int = 0
    error_rows: int = 0
    errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------- ASN


def read_table(name: str, data: bytes) -> Iterator[dict[str, str]]:
    """Rows of an uploaded CSV or XLSX as dicts keyed by lower-cased header."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise ScreeningError("berkas XLSX tidak dapat dibaca") from exc
        ws = wb.active
        if ws is None:
            raise ScreeningError("berkas XLSX tidak punya lembar kerja")
        rows = ws.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, ())]
        for row in rows:
            yield {h: "" if v is None else str(v).strip() for h, v in zip(header, row, strict=False)}
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningError("berkas CSV harus UTF-8") from exc
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
            f"nama akun {raw.strip()[:100]!r} tidak sah (huruf, angka, titik, garis bawah atau tanda hubung)"
        )
    return handle


def _accounts(raw: str) -> list[tuple[str, str]]:
    """'x:@budi; instagram:budi.s' -> [("x", "budi"), ("instagram", "budi.s")]."""
    out = []
    for part in raw.replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        platform, _, handle = part.partition(":") if ":" in part else ("x", "", part)
        platform = platform.strip().lower().replace("twitter", "x")
        try:
            handle = normalize_handle(handle)
        except ScreeningError:
            handle = ""
        if platform not in Platform.values or not handle:
            raise ScreeningError(f"akun {part!r} tidak sah (format platform:akun, mis. x:@budi)")
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
        return actor is None or actor.covers_region(code)

    for n, row in enumerate(rows, start=2):
        if n > MAX_IMPORT_ROWS:
            raise ScreeningError(f"terlalu banyak baris (maks {MAX_IMPORT_ROWS})")
        if not any(row.values()):
            continue
        problems = []
        try:
            nip = parse_nip(row.get("nip", "")).digits
        except NipError as exc:
            problems.append(str(exc))
            nip = ""
        if nip and nip in seen:
            problems.append("NIP ganda di berkas")
        seen.add(nip)
        name = row.get("nama", "")
        if not name or len(name) > 200:
            problems.append("nama wajib diisi (maks 200 huruf)")
        agency = None
        if row.get("instansi"):
            agency = (
                Agency.objects.filter(code=row["instansi"]).first()
                or Agency.objects.filter(name__iexact=row["instansi"]).first()
            )
            if agency is None:
                problems.append(f"instansi {row['instansi']!r} tidak dikenal")
        region = None
        if row.get("wilayah"):
            try:
                region = Region.objects.filter(code=normalize(row["wilayah"])).first()
            except RegionCodeError:
                region = None
            if region is None:
                problems.append(f"kode wilayah {row['wilayah']!r} tidak dikenal")
            elif not covers(region.code):
                problems.append(f"wilayah {region.code} di luar cakupan Anda")
        elif not covers(None):
            problems.append("wilayah wajib diisi")
        if nip:
            existing = AsnPerson.objects.filter(nip=nip).only("region_id").first()
            if existing is not None and not covers(existing.region_id):
                problems.append("NIP ini sudah terdaftar di luar cakupan wilayah Anda")
        try:
            accts = _accounts(row.get("akun", ""))
        except ScreeningError as exc:
            problems.append(str(exc))
            accts = []
        for platform, handle in accts:
            if (platform, handle) in seen_accounts:
                problems.append(f"akun {platform}:@{handle} ganda di berkas")
            elif (
                SocialAccount.objects.filter(platform=platform, handle=handle)
                .exclude(person__nip=nip)
                .exists()
            ):
                problems.append(f"akun {platform}:@{handle} sudah terdaftar untuk ASN lain")
            seen_accounts.add((platform, handle))
        if problems:
            report.errors.append(f"baris {n}: " + "; ".join(problems))
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
        object_type="AsnPerson",
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
    if not actor.covers_region(person.region_id):
        raise ScreeningError("ASN ini di luar cakupan wilayah Anda")
    problems = []
    name = name.strip()
    position = position.strip()
    if not name or len(name) > 200:
        problems.append("nama wajib diisi (maks 200 huruf)")
    if len(position) > 200:
        problems.append("jabatan maks 200 huruf")
    new_agency = person.agency
    if agency is not None:
        new_agency = None
        if agency.strip():
            new_agency = Agency.objects.filter(code=agency.strip()).first()
            if new_agency is None:
                problems.append(f"instansi {agency.strip()[:60]!r} tidak dikenal")
    new_region = person.region
    if region is not None:
        code = region.strip()
        new_region = None
        if not code:
            if not actor.is_national:
                problems.append("wilayah wajib diisi")
        else:
            try:
                new_region = Region.objects.filter(code=normalize(code)).first()
            except RegionCodeError:
                new_region = None
            if new_region is None:
                problems.append(f"kode wilayah {code[:20]!r} tidak dikenal")
            elif not actor.covers_region(new_region.code):
                problems.append("wilayah di luar cakupan Anda")
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
        object_type="AsnPerson",
        object_id=person.pk,
        changed=changed,
    )
    return person


@transaction.atomic
def add_account(person: AsnPerson, *, actor: User, platform: str, handle: str) -> SocialAccount:
    """Register a social account for an ASN. An account belongs to one ASN only."""
    if not actor.covers_region(person.region_id):
        raise ScreeningError("ASN ini di luar cakupan wilayah Anda")
    if platform not in Platform.values:
        raise ScreeningError("platform tidak dikenal")
    handle = normalize_handle(handle)
    existing = SocialAccount.objects.filter(platform=platform, handle=handle).first()
    if existing is not None:
        if existing.person_id == person.pk:
            raise ScreeningError(f"akun {platform}:@{handle} sudah tercatat untuk ASN ini")
        raise ScreeningError(f"akun {platform}:@{handle} sudah terdaftar untuk ASN lain")
    try:
        with transaction.atomic():
            account = SocialAccount.objects.create(person=person, platform=platform, handle=handle)
    except IntegrityError:
        raise ScreeningError(f"akun {platform}:@{handle} sudah terdaftar untuk ASN lain") from None
    # posts kept from when the account was removed are screened again under it
    relinked = Post.objects.filter(platform=platform, handle=handle, account__isnull=True).update(
        account=account
    )
    record(
        "screening.add_account",
        actor=actor,
        object_type="SocialAccount",
        object_id=account.pk,
        person=person.pk,
        account=f"{platform}:{handle}",
        relinked=relinked,
    )
    return account


@transaction.atomic
def remove_account(account: SocialAccount, *, actor: User) -> None:
    """Stop screening an account. Its stored posts and findings stay (the link is cleared)."""
    person = account.person
    if not actor.covers_region(person.region_id):
        raise ScreeningError("ASN ini di luar cakupan wilayah Anda")
    record(
        "screening.remove_account",
        actor=actor,
        object_type="SocialAccount",
        object_id=account.pk,
        person=person.pk,
        account=f"{account.platform}:{account.handle}",
    )
    account.delete()


@transaction.atomic
def record_access(
    *, actor: User, action: str, object_type: str = "", object_id: object = "", **data: Any
) -> None:
    """THREATS.md: who searched or viewed what in screening is audited."""
    record(f"screening.{action}", actor=actor, object_type=object_type, object_id=object_id, **data)


# -------------------------------------------------------------------------------------- posts


def _parse_time(value: str) -> dt.datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        try:  # tweet-harvest / Twitter: "Wed Oct 10 20:19:24 +0000 2018"
            parsed = dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
        except ValueError:
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


TWEET_HARVEST_MAP = {
    "id": "id_str",
    "text": "full_text",
    "handle": "username",
    "url": "tweet_url",
    "created_at": "created_at",
    "reply_to": "in_reply_to_screen_name",
}
GENERIC_MAP = {"id": "id", "text": "text", "handle": "username", "url": "url"}
POST_FIELDS = tuple(TWEET_HARVEST_MAP)


MAX_COLUMN_NAME = 100


def clean_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """A column mapping as sent by a person: known fields only, non-empty column names (stripped,
    at most MAX_COLUMN_NAME characters); empty entries mean "the default column"."""
    out: dict[str, str] = {}
    for key, column in (mapping or {}).items():
        if key not in POST_FIELDS:
            raise ScreeningError(f"bidang pemetaan tidak dikenal: {str(key)[:30]!r}")
        column = str(column).strip()
        if not column:
            continue
        if len(column) > MAX_COLUMN_NAME:
            raise ScreeningError(f"nama kolom untuk {key} terlalu panjang (maks {MAX_COLUMN_NAME} huruf)")
        out[key] = column
    return out


def post_mapping(file_format: str, mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Our fields -> the file's columns: tweet-harvest's names; other formats default to
    id, text, username, url unless ``mapping`` says otherwise."""
    cols = dict(TWEET_HARVEST_MAP)
    if file_format != ImportFormat.TWEET_HARVEST and not mapping:
        cols.update(GENERIC_MAP)
    cols.update(mapping or {})
    return cols


class PostReader:
    """The rows of a posts file (CSV or JSONL) as dicts, streamed. ``line`` is the file line of the
    row last read, for error messages. A CSV without the ``required`` columns, or a row that cannot
    be parsed, raises ScreeningError naming the line."""

    def __init__(self, fh: IO[str], file_format: str, *, required: Iterable[str] = ()) -> None:
        if file_format not in ImportFormat.values:
            raise ScreeningError("format berkas tidak dikenal (tweet-harvest, csv atau jsonl)")
        self.fh = fh
        self.line = 0
        self._csv: csv.DictReader[str] | None = None
        if file_format != ImportFormat.JSONL:
            self._csv = csv.DictReader(fh)
            try:
                fields = self._csv.fieldnames or []
            except csv.Error as exc:
                raise ScreeningError(f"baris 1: CSV rusak ({exc})") from None
            missing = [c for c in required if c not in fields]
            if missing:
                raise ScreeningError(f"kolom wajib tidak ada di berkas: {', '.join(missing)}")
            self.line = 1

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._csv is not None:
            reader = self._csv
            try:
                for row in reader:
                    self.line = reader.line_num
                    yield row
            except csv.Error as exc:
                raise ScreeningError(f"baris {reader.line_num}: CSV rusak ({exc})") from None
            return
        for n, raw in enumerate(self.fh, start=1):
            self.line = n
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ScreeningError(f"baris {n}: bukan JSON yang sah ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise ScreeningError(f"baris {n}: harus berupa objek JSON")
            yield obj


def required_columns(file_format: str, mapping: dict[str, str]) -> tuple[str, ...]:
    """Columns a CSV must have for an import to mean anything (JSONL has no header to check)."""
    if file_format == ImportFormat.JSONL:
        return ()
    return (mapping["id"], mapping["text"], mapping["handle"])


def import_posts(
    rows: Iterable[dict[str, Any]],
    *,
    actor: User | None,
    mapping: dict[str, str] | None = None,
    platform: str = Platform.X,
    batch: int = 1000,
    progress: Callable[[int, ImportReport], None] | None = None,
) -> ImportReport:
    """Import posts in batches (streaming; each batch its own transaction). Re-import adds nothing.

    Posts by accounts that are not registered ASN accounts are counted and dropped, never stored.
    ``mapping`` maps our fields (id, text, handle, url, created_at, reply_to) to the file's columns;
    the default is tweet-harvest's. ``progress(rows_read, report)`` is called every ``batch`` rows
    and at the end. Row errors name the file line when ``rows`` is a :class:`PostReader`.
    """
    cols = {**TWEET_HARVEST_MAP, **(mapping or {})}
    report = ImportReport()
    accounts = {a.handle: a for a in SocialAccount.objects.filter(platform=platform)}
    buf: list[Post] = []
    n = 0

    def flush() -> None:
        with transaction.atomic():
            ids = [p.external_id for p in buf]
            existing = set(
                Post.objects.filter(platform=platform, external_id__in=ids).values_list(
                    "external_id", flat=True
                )
            )
            new = [p for p in buf if p.external_id not in existing]
            Post.objects.bulk_create(new, ignore_conflicts=True)
            report.created += len(new)
            report.skipped += len(buf) - len(new)
        buf.clear()

    for n, row in enumerate(rows, start=1):
        if progress and n > 1 and (n - 1) % batch == 0:
            progress(n - 1, report)
        ext = str(row.get(cols["id"]) or "").strip()
        if not ext or len(ext) > 64:
            report.error_rows += 1
            if len(report.errors) < MAX_REPORTED_ERRORS:
                line = rows.line if isinstance(rows, PostReader) else n
                report.errors.append(f"baris {line}: id kosong atau terlalu panjang")
            continue
        handle = str(row.get(cols["handle"]) or "").lstrip("@").lower()[:100]
        if handle not in accounts:
            # THREATS.md: only registered ASN accounts are screened; others are not even stored
            report.unregistered += 1
            continue
        url = str(row.get(cols["url"]) or "")[:500]
        if url and not url.startswith(("https://", "http://")):
            url = ""
        buf.append(
            Post(
                platform=platform,
                external_id=ext,
                handle=handle,
                account=accounts.get(handle),
                text=str(row.get(cols["text"]) or "")[:20_000],
                url=url,
                reply_to=str(row.get(cols["reply_to"]) or "").lstrip("@").lower()[:100],
                posted_at=_parse_time(str(row.get(cols["created_at"]) or "")),
            )
        )
        if len(buf) >= batch:
            flush()
    if buf:
        flush()
    if progress:
        progress(n, report)
    with transaction.atomic():
        record(
            "screening.import_posts",
            actor=actor,
            object_type="Post",
            created=report.created,
            unregistered=report.unregistered,
            skipped=report.skipped,
        )
    return report


# ------------------------------------------------------------------------------- import jobs

INLINE_IMPORT_BYTES = 256 * 1024  # smaller uploads are imported during the request
MAX_POST_FILE_BYTES = 200 * 1024 * 1024
MAX_JOB_ERRORS = 200  # row errors kept on the job row (all are counted)
PROGRESS_EVERY = 1000  # rows between progress writes
STALE_IMPORT = dt.timedelta(minutes=30)  # a running job with no progress for this long has died


def imports_dir() -> Path:
    """Uploaded post files wait here for the worker; each is deleted when its job ends."""
    return Path(settings.VAR_DIR) / "screening" / "imports"


def _check_start(path: Path, file_format: str, mapping: dict[str, str]) -> None:
    """Refuse at once a file whose header (CSV) or first line (JSONL) is wrong."""
    with (
        path.open("rb") as raw,
        io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as fh,
    ):
        rows = iter(PostReader(fh, file_format, required=required_columns(file_format, mapping)))
        if next(rows, None) is None:
            raise ScreeningError("berkas tidak berisi unggahan")


@transaction.atomic
def start_post_import(
    chunks: Iterable[bytes],
    *,
    actor: User,
    name: str,
    file_format: str = ImportFormat.TWEET_HARVEST,
    platform: str = Platform.X,
    background: bool = True,
    mapping: dict[str, str] | None = None,
) -> ImportJob:
    """Keep an uploaded posts file and open an import job for it. With ``background`` the worker
    runs it (enqueued when this transaction commits); otherwise the caller runs
    :func:`run_post_import` itself. ``mapping`` (csv and jsonl only) names the file's columns for
    our fields. A wrong format, mapping or header is refused before any job exists."""
    if file_format not in ImportFormat.values:
        raise ScreeningError("format berkas tidak dikenal (tweet-harvest, csv atau jsonl)")
    mapping = clean_mapping(mapping)
    if file_format == ImportFormat.TWEET_HARVEST:
        platform = Platform.X
        mapping = {}
    if platform not in Platform.values:
        raise ScreeningError("platform tidak dikenal")
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.{'jsonl' if file_format == ImportFormat.JSONL else 'csv'}"
    path = folder / stored
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_POST_FILE_BYTES:
                    raise ScreeningError(f"berkas terlalu besar (maks {MAX_POST_FILE_BYTES // 2**20} MB)")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise ScreeningError("berkas kosong")
        _check_start(path, file_format, post_mapping(file_format, mapping))
        job = ImportJob.objects.create(
            created_by=actor,
            region=actor.region_scope,
            original_name=Path(name.replace("\\", "/")).name[:255] or "unggahan",
            stored_name=stored,
            file_format=file_format,
            platform=platform,
            mapping=mapping,
            sha256=digest.hexdigest(),
            total_bytes=size,
        )
        record(
            "screening.start_import",
            actor=actor,
            object_type="ImportJob",
            object_id=job.pk,
            sha256=job.sha256,
            bytes=size,
            background=background,
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if background:
        from jaganetral.screening.jobs import import_posts_task

        transaction.on_commit(lambda: import_posts_task.enqueue(job.pk))
    return job


def _drop_upload(stored_name: str) -> None:
    if stored_name and "/" not in stored_name and not stored_name.startswith("."):
        (imports_dir() / stored_name).unlink(missing_ok=True)


def _job_update(job_id: int, **values: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(updated_at=timezone.now(), **values)


def _finish_job(job: ImportJob, status: str, **values: Any) -> None:
    with transaction.atomic():
        _job_update(job.pk, status=status, finished_at=timezone.now(), stored_name="", **values)
        if status == ImportStatus.FAILED:
            record(
                "screening.import_failed",
                actor=job.created_by,
                object_type="ImportJob",
                object_id=job.pk,
                message=values.get("message", ""),
            )
    _drop_upload(job.stored_name)


def run_post_import(job_id: int) -> str:
    """Run one import job: read the whole file once to check it (a file that cannot be parsed
    imports nothing), then import it with :func:`import_posts`, writing progress to the job row,
    and screen the new posts (:func:`screen_new_posts`).

    The job is claimed with a compare-and-swap on its status, so a job runs once however many
    workers pick it up. Returns the final status (or "skipped")."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, started_at=now, updated_at=now
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    mapping = post_mapping(job.file_format, job.mapping or None)
    required = required_columns(job.file_format, mapping)
    path = imports_dir() / job.stored_name
    phase = ImportStatus.CHECKING
    try:
        with (
            path.open("rb") as raw,
            io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as fh,
        ):
            total = 0
            for total, _row in enumerate(PostReader(fh, job.file_format, required=required), start=1):
                if total % PROGRESS_EVERY == 0:
                    _job_update(job_id, rows_read=total, bytes_read=raw.tell())
        phase = ImportStatus.IMPORTING
        _job_update(job_id, status=phase, total_rows=total, rows_read=0, bytes_read=0)
        with (
            path.open("rb") as raw,
            io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="") as fh,
        ):

            def progress(n: int, report: ImportReport) -> None:
                _job_update(
                    job_id,
                    rows_read=n,
                    bytes_read=raw.tell(),
                    imported=report.created,
                    duplicates=report.skipped,
                    unregistered=report.unregistered,
                    error_rows=report.error_rows,
                )

            report = import_posts(
                PostReader(fh, job.file_format, required=required),
                actor=job.created_by,
                mapping=mapping,
                platform=job.platform,
                batch=PROGRESS_EVERY,
                progress=progress,
            )
    except (ScreeningError, OSError) as exc:
        message = str(exc) if isinstance(exc, ScreeningError) else "berkas unggahan tidak dapat dibaca lagi"
        if phase == ImportStatus.CHECKING:
            message += "; tidak ada unggahan yang diimpor"
        else:
            message += "; unggahan yang sudah masuk tetap tersimpan (impor ulang tidak menggandakan)"
        _finish_job(job, ImportStatus.FAILED, message=message)
        return ImportStatus.FAILED
    except Exception:
        log.exception("import job %s failed", job_id)
        _finish_job(
            job,
            ImportStatus.FAILED,
            message="galat tak terduga saat mengimpor; unggahan yang sudah masuk tetap tersimpan "
            "(impor ulang tidak menggandakan)",
        )
        raise
    # the new posts are screened at once, so the analyst finds the flagged ones in the review queue
    try:
        found: int | None = screen_new_posts(actor=job.created_by)
    except Exception:  # the import itself succeeded; `screening scan` can be run again later
        log.exception("screening after import job %s failed", job_id)
        found = None
    _finish_job(
        job,
        ImportStatus.DONE,
        findings=found,
        bytes_read=job.total_bytes,
        rows_read=total,
        imported=report.created,
        duplicates=report.skipped,
        unregistered=report.unregistered,
        error_rows=report.error_rows,
        errors=report.errors[:MAX_JOB_ERRORS],
    )
    return ImportStatus.DONE


def fail_stale_imports(now: dt.datetime) -> int:
    """Tick: a job whose worker died (no progress for STALE_IMPORT) is marked failed, and upload
    files no waiting or running job needs are removed."""
    running = (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.IMPORTING)
    failed = 0
    stale = ImportJob.objects.filter(
        status__in=(ImportStatus.CHECKING, ImportStatus.IMPORTING), updated_at__lt=now - STALE_IMPORT
    )
    message = "pekerjaan impor terhenti; unggah ulang berkas (unggahan yang sudah masuk tidak digandakan)"
    for job in stale.select_related("created_by"):
        with transaction.atomic():
            won = ImportJob.objects.filter(
                pk=job.pk, status=job.status, updated_at__lt=now - STALE_IMPORT
            ).update(
                status=ImportStatus.FAILED, finished_at=now, updated_at=now, stored_name="", message=message
            )
            if not won:
                continue
            record(
                "screening.import_failed",
                actor=job.created_by,
                object_type="ImportJob",
                object_id=job.pk,
                message=message,
            )
        _drop_upload(job.stored_name)
        failed += 1
    folder = imports_dir()
    if folder.exists():
        cutoff = now.timestamp() - 3600
        needed = set(ImportJob.objects.filter(status__in=running).values_list("stored_name", flat=True))
        for path in folder.iterdir():
            if path.is_file() and path.name not in needed and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return failed


# --------------------------------------------------------------------------------- screening


def in_period(election: Election, when: dt.datetime | None) -> bool:
    """Posts count only inside the election period: campaign start (or 90 days before voting) to
    7 days after voting day."""
    if when is None:
        return False
    start = election.campaign_start or (election.voting_day - dt.timedelta(days=90))
    end = election.voting_day + dt.timedelta(days=7)
    return start <= timezone.localtime(when).date() <= end


def screen_new_posts(*, actor: User | None) -> int:
    """Screen the posts not screened yet against every stored election whose period contains
    them (active detector to the review queue, monitor-mode ones recorded). Returns the new
    queued-or-recorded findings of the active detector."""
    unscreened = Post.objects.filter(account__isnull=False, screened_at__isnull=True)
    made = 0
    for election in Election.objects.order_by("-voting_day", "code"):
        start = election.campaign_start or (election.voting_day - dt.timedelta(days=90))
        end = election.voting_day + dt.timedelta(days=7)
        if unscreened.filter(posted_at__date__gte=start, posted_at__date__lte=end).exists():
            made += screen_posts(election, actor=actor)
    return made


@dataclass
class _Run:
    detector: str
    pipe: Pipeline
    status: str  # queued: findings go to the review queue; monitor: only recorded
    made: int = 0


def screen_posts(
    election: Election,
    *,
    actor: User | None,
    detector: str | None = None,
    monitor: bool = False,
    pipeline: Pipeline | None = None,
) -> int:
    """Score posts of *registered* accounts inside the election period. Returns the new findings
    of the active (or named) detector.

    Without ``detector``: the active detector scores posts not yet screened and its findings above
    the threshold go to the review queue; every monitor-mode detector scores the same posts and its
    findings are only recorded (status ``monitor``), for :func:`selectors.compare_detectors`.
    With ``detector`` only that one runs; in monitor mode (``monitor`` or a monitor-mode Detector)
    it scores every stored post, already screened or not (a backfill), and marks none screened.
    """
    if detector is None and monitor:
        raise ScreeningError("mode pantau perlu nama detektor (--detector)")
    if detector is None:
        active = selectors.active_detector()
        runs = [
            _Run(
                active.name if active else DEFAULT_DETECTOR,
                pipeline or detector_pipeline(active, election),
                FindingStatus.QUEUED,
            )
        ]
        for det in Detector.objects.filter(kind=DetectorKind.MONITOR):
            try:
                runs.append(_Run(det.name, detector_pipeline(det, election), FindingStatus.MONITOR))
            except ScreeningError as exc:  # a broken trial must not stop the review queue
                log.warning("monitor detector skipped: %s", exc)
        backfill: Detector | None = None
    else:
        backfill = Detector.objects.filter(name=detector).first()
        monitor = monitor or (backfill is not None and backfill.kind == DetectorKind.MONITOR)
        pipe = pipeline or detector_pipeline(backfill, election)
        runs = [_Run(detector, pipe, FindingStatus.MONITOR if monitor else FindingStatus.QUEUED)]
    qs = Post.objects.filter(account__isnull=False).select_related("account__person")
    if not monitor:
        qs = qs.filter(screened_at__isnull=True)
    now = timezone.now()
    for post in qs.iterator(chunk_size=1000):
        if not in_period(election, post.posted_at):
            continue
        for run in runs:
            res = run.pipe.classify(post.text, reply_to=post.reply_to or None)
            if res["partisan"]:
                run.made += _record_finding(election, post, run, res, now)
        if not monitor:
            Post.objects.filter(pk=post.pk).update(screened_at=now)
    with transaction.atomic():
        if monitor and backfill is not None:
            # it has now seen every stored post: compare it on all of them
            Detector.objects.filter(pk=backfill.pk).update(seen_since=None)
        record(
            "screening.screen",
            actor=actor,
            object_type="Election",
            object_id=election.code,
            findings=runs[0].made,
            detector=runs[0].detector,
            monitor=monitor,
            monitors={r.detector: r.made for r in runs[1:]},
        )
    return runs[0].made


def _record_finding(election: Election, post: Post, run: _Run, res: dict[str, Any], now: dt.datetime) -> int:
    account = post.account
    if account is None:  # pragma: no cover - filtered by the query
        return 0
    snoozed = account.snoozed_until is not None and account.snoozed_until > now
    with transaction.atomic():
        _, created = Finding.objects.get_or_create(
            post=post,
            detector=run.detector,
            defaults={
                "election": election,
                "status": FindingStatus.MONITOR if snoozed else run.status,
                "score": res["score"],
                "direction": res["direction"] or "",
                "target": res["target"],
                "target_kind": res.get("target_kind") or "",
                "rules": res["rules"],
                "evidence": res["evidence"],
                "region": account.person.region,
                "due_at": now + dt.timedelta(days=REVIEW_DAYS),
            },
        )
    return int(created)


def model_path() -> Path:
    """Where ``jaganetral screening train`` writes the retrained model (the shipped one stays)."""
    return Path(settings.VAR_DIR) / "screening" / "stance_model.json"


def active_model() -> LinearModel | None:
    """The retrained model when there is one, else None (the pipeline then uses the shipped one)."""
    path = model_path()
    return LinearModel.load(path) if path.exists() else None


def pipeline_for(election: Election) -> Pipeline:
    """The active detector's pipeline (the built-in one while no detector is registered active)."""
    return detector_pipeline(selectors.active_detector(), election)


# --------------------------------------------------------------------------------- detectors


def detectors_dir() -> Path:
    """Model files of registered detectors, copied here so their SHA-256 stays true."""
    return Path(settings.VAR_DIR) / "screening" / "detectors"


def detector_pipeline(detector: Detector | None, election: Election | ElectionSpec) -> Pipeline:
    """The pipeline a detector runs: its own model file (checked against its SHA-256) and threshold;
    without a model file, the retrained model when there is one, else the shipped one. The election
    is a stored one or an election file's contestants (``classify --election FILE.yaml``)."""
    model: LinearModel | bool = True
    if detector is not None and detector.model_file:
        path = detectors_dir() / detector.model_file
        try:
            data = path.read_bytes()
        except OSError:
            raise ScreeningError(f"berkas model detektor {detector.name} tidak ada: {path}") from None
        if hashlib.sha256(data).hexdigest() != detector.model_sha256:
            raise ScreeningError(f"berkas model detektor {detector.name} berubah sejak didaftarkan")
        model = LinearModel.load(path)
    else:
        model = active_model() or True
    threshold = detector.threshold if detector is not None else THRESHOLD
    spec = election if isinstance(election, ElectionSpec) else election_spec(election)
    return Pipeline(spec, model=model, threshold=threshold)


@transaction.atomic
def register_detector(
    *,
    actor: User | None,
    name: str,
    model: Path | None = None,
    threshold: float = THRESHOLD,
    note: str = "",
) -> Detector:
    """Register a detector in monitor mode. Its model file is copied (named by its SHA-256) so
    what was compared is what runs once it is switched on."""
    name = name.strip().lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", name):
        raise ScreeningError("nama detektor: huruf kecil, angka, - atau _ (maks 60)")
    if name == DEFAULT_DETECTOR or Detector.objects.filter(name=name).exists():
        raise ScreeningError(f"detektor {name!r} sudah ada")
    if not 0.0 < threshold < 1.0:
        raise ScreeningError("ambang harus di antara 0 dan 1")
    model_file = digest = ""
    if model is not None:
        try:
            data = model.read_bytes()
            LinearModel.load(model)
        except OSError:
            raise ScreeningError(f"berkas model tidak dapat dibuka: {model}") from None
        except (ValueError, KeyError, TypeError):
            raise ScreeningError(f"berkas model tidak sah: {model}") from None
        digest = hashlib.sha256(data).hexdigest()
        model_file = f"{name}-{digest[:12]}.json"
        detectors_dir().mkdir(parents=True, exist_ok=True)
        (detectors_dir() / model_file).write_bytes(data)
    det = Detector.objects.create(
        name=name,
        kind=DetectorKind.MONITOR,
        threshold=threshold,
        model_file=model_file,
        model_sha256=digest,
        note=note.strip()[:200],
        seen_since=timezone.now(),
        created_by=actor,
    )
    record(
        "screening.register_detector",
        actor=actor,
        object_type="Detector",
        object_id=det.pk,
        name=name,
        threshold=threshold,
        model_sha256=digest,
    )
    return det


@transaction.atomic
def activate_detector(detector: Detector, *, actor: User | None) -> Detector:
    """Switch: this monitor-mode detector becomes the active one (its findings from now on go to
    the review queue); the one active until now goes to monitor mode, so it can be switched back.
    Findings already recorded keep their status."""
    if actor is not None and not selectors.can_switch_detector(actor):
        raise ScreeningError("hanya admin atau pengawas nasional yang dapat mengganti detektor aktif")
    detector = Detector.objects.select_for_update().get(pk=detector.pk)
    if detector.kind == DetectorKind.ACTIVE:
        raise ScreeningError(f"detektor {detector.name} sudah aktif")
    previous = Detector.objects.select_for_update().filter(kind=DetectorKind.ACTIVE).first()
    if previous is not None:
        previous.kind = DetectorKind.MONITOR
        previous.save(update_fields=["kind"])
        previous_name = previous.name
    else:
        # the built-in detector becomes a row so that it keeps running in monitor mode
        Detector.objects.get_or_create(
            name=DEFAULT_DETECTOR,
            defaults={"kind": DetectorKind.MONITOR, "threshold": THRESHOLD, "note": "bawaan"},
        )
        previous_name = DEFAULT_DETECTOR
    detector.kind = DetectorKind.ACTIVE
    detector.activated_at = timezone.now()
    detector.activated_by = actor
    detector.save(update_fields=["kind", "activated_at", "activated_by"])
    record(
        "screening.activate_detector",
        actor=actor,
        object_type="Detector",
        object_id=detector.pk,
        name=detector.name,
        previous=previous_name,
        model_sha256=detector.model_sha256,
    )
    return detector


def compare_detectors(election: Election, active: str, candidate: str) -> dict[str, int]:
    """How a monitor-mode detector's findings overlap with the active one's (all regions)."""
    result = selectors.compare_detectors(election, active, candidate)
    return {"both": result.both, "only_active": result.only_active, "only_candidate": result.only_candidate}


# ------------------------------------------------------------------------------------ review


def create_temuan_case(finding: Finding, *, actor: User) -> str:
    """Open a temuan case (source: screening) from a confirmed finding, with the captured post as
    evidence on its timeline; return the case id. Runs in the confirmation's transaction, so a
    refused case (e.g. region outside the analyst's scope) leaves the finding unconfirmed."""
    from jaganetral.cases.actions import (
        CapturedPost,
        FindingInput,
        PersonInput,
        open_case_from_screening,
    )
    from jaganetral.cases.errors import CaseError, Forbidden

    post = finding.post
    person = post.account.person if post.account is not None else None
    region = finding.region or (person.region if person is not None else None)
    if person is None or region is None or finding.captured_at is None:
        raise ScreeningError(
            "temuan ini tidak terhubung ke ASN terdaftar dengan wilayah; kasus tidak dapat dibuat"
        )
    known = timezone.localdate(finding.captured_at)
    data = FindingInput(
        election=finding.election,
        region=region,
        summary=(
            f"Unggahan di media sosial yang diduga berpihak: {finding.captured_url}\n\n"
            f"{finding.captured_text}"
        ),
        persons=[PersonInput(person.name, person.nip, person.agency, "", person.position)],
        place=f"Media sosial ({post.platform}) @{post.handle}",
        event_date=timezone.localdate(post.posted_at) if post.posted_at else known,
        known_date=known,
        # screening names ethics/discipline pairs ("E2/D2"); the case wants each code
        rules=list(dict.fromkeys(code for pair in finding.rules for code in str(pair).split("/") if code)),
    )
    captured = CapturedPost(
        url=finding.captured_url,
        sha256=finding.captured_sha256,
        captured_at=finding.captured_at,
        finding_id=finding.pk,
    )
    try:
        case = open_case_from_screening(actor=actor, data=data, post=captured)
    except (CaseError, Forbidden) as exc:
        raise ScreeningError(str(exc)) from None
    return str(case.pk)


def _label_for(finding: Finding, label: str) -> None:
    pipe = Pipeline(election_spec(finding.election), model=False)
    Label.objects.update_or_create(
        finding=finding,
        defaults={
            "election": finding.election,
            "masked_tokens": pipe.masked(finding.post.text),
            "label": label,
        },
    )


@transaction.atomic
def confirm_finding(finding: Finding, *, actor: User, reason: str = "") -> Finding:
    """Confirm a queued finding: capture the post as evidence (URL, text, time, SHA-256)."""
    finding = Finding.objects.select_for_update().select_related("post", "election").get(pk=finding.pk)
    if finding.status != FindingStatus.QUEUED:
        raise ScreeningError("temuan ini sudah ditinjau")
    post = finding.post
    now = timezone.now()
    captured = (
        f"{post.url}\n{post.handle}\n{post.posted_at.isoformat() if post.posted_at else ''}\n{post.text}"
    )
    finding.status = FindingStatus.CONFIRMED
    finding.reviewed_by = actor
    finding.reviewed_at = now
    finding.reason = reason[:2000]
    finding.captured_url = post.url
    finding.captured_text = post.text
    finding.captured_at = now
    finding.captured_sha256 = hashlib.sha256(captured.encode("utf-8")).hexdigest()
    finding.save()
    _label_for(finding, finding.direction or "support")
    record(
        "screening.confirm",
        actor=actor,
        object_type="Finding",
        object_id=finding.pk,
        sha256=finding.captured_sha256,
    )
    ref = create_temuan_case(finding, actor=actor)
    if ref:
        Finding.objects.filter(pk=finding.pk).update(case_ref=ref)
        finding.case_ref = ref
    return finding


@transaction.atomic
def dismiss_finding(finding: Finding, *, actor: User, reason: str) -> Finding:
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError("alasan penolakan wajib diisi")
    if len(reason) > 2000:
        raise ScreeningError("alasan terlalu panjang (maks 2000 huruf)")
    finding = Finding.objects.select_for_update().select_related("post", "election").get(pk=finding.pk)
    if finding.status != FindingStatus.QUEUED:
        raise ScreeningError("temuan ini sudah ditinjau")
    finding.status = FindingStatus.DISMISSED
    finding.reviewed_by = actor
    finding.reviewed_at = timezone.now()
    finding.reason = reason
    finding.save()
    _label_for(finding, "none")
    record("screening.dismiss", actor=actor, object_type="Finding", object_id=finding.pk)
    return finding


@transaction.atomic
def snooze_account(account: SocialAccount, *, actor: User, days: int) -> SocialAccount:
    if not 1 <= days <= 90:
        raise ScreeningError("penundaan 1 sampai 90 hari")
    account.snoozed_until = timezone.now() + dt.timedelta(days=days)
    account.save(update_fields=["snoozed_until"])
    record("screening.snooze", actor=actor, object_type="SocialAccount", object_id=account.pk, days=days)
    return account


@transaction.atomic
def purge_expired_posts(*, now: dt.datetime | None = None, days: int = RETENTION_DAYS) -> int:
    """Retention: delete raw posts older than ``days`` that are not evidence of a confirmed finding."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    qs = Post.objects.filter(imported_at__lt=cutoff).exclude(findings__status=FindingStatus.CONFIRMED)
    n, _ = qs.delete()
    record("screening.purge", actor=None, object_type="Post", deleted=n)
    return n


def train_from_labels(*, out: Path, everyday_root: Path | None = None) -> dict[str, object]:
    from jaganetral.screening.nlp.training import build

    extra = [(lab.masked_tokens, lab.label) for lab in Label.objects.all().iterator()]
    model = build(everyday_root=everyday_root, extra=extra)
    model.save(out)
    return {"features": len(model.weights), **model.meta}
