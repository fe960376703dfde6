"""Every write of the screening app: ASN import, post import, screening, review decisions, retention."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.lib.nip import NipError
from jaganetral.lib.nip import parse as parse_nip
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Election, Region
from jaganetral.screening.models import (
    AsnPerson,
    Finding,
    FindingStatus,
    Label,
    Platform,
    Post,
    SocialAccount,
)
from jaganetral.screening.nlp import Pipeline
from jaganetral.screening.nlp.model import LinearModel
from jaganetral.screening.selectors import election_spec

MAX_IMPORT_ROWS = 200_000
RETENTION_DAYS = 90
REVIEW_DAYS = 7  # Bawaslu must act on a finding within 7 days of discovery (UU 7/2017 Ps 454(5))
ASN_COLUMNS = ("nip", "nama", "instansi", "jabatan", "wilayah", "akun")


class ScreeningError(ValueError):
    """Refused input; the message (Indonesian) is meant for the person who sent it."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unregistered: int = 0
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


def _accounts(raw: str) -> list[tuple[str, str]]:
    """'x:@budi; instagram:budi.s' -> [("x", "budi"), ("instagram", "budi.s")]."""
    out = []
    for part in raw.replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        platform, _, handle = part.partition(":") if ":" in part else ("x", "", part)
        platform = platform.strip().lower().replace("twitter", "x")
        handle = handle.strip().lstrip("@").lower()
        if platform not in Platform.values or not handle or len(handle) > 100:
            raise ScreeningError(f"akun {part!r} tidak sah (format platform:akun, mis. x:@budi)")
        out.append((platform, handle))
    return out


@transaction.atomic
def import_asn(rows: Iterable[dict[str, str]], *, actor: User) -> ImportReport:
    """Create or update ASN and their accounts. Any bad row: nothing is imported, every error listed."""
    report = ImportReport()
    parsed: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = []
    seen: set[str] = set()
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
        try:
            accts = _accounts(row.get("akun", ""))
        except ScreeningError as exc:
            problems.append(str(exc))
            accts = []
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
def update_person(person: AsnPerson, *, actor: User, name: str, position: str) -> AsnPerson:
    if not name.strip() or len(name) > 200:
        raise ScreeningError("nama wajib diisi (maks 200 huruf)")
    person.name = name.strip()
    person.position = position.strip()[:200]
    person.save(update_fields=["name", "position"])
    record("screening.update_person", actor=actor, object_type="AsnPerson", object_id=person.pk)
    return person


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


def import_posts(
    rows: Iterable[dict[str, Any]],
    *,
    actor: User | None,
    mapping: dict[str, str] | None = None,
    platform: str = Platform.X,
    batch: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import posts in batches (streaming; each batch its own transaction). Re-import adds nothing.

    Posts by accounts that are not registered ASN accounts are counted and dropped, never stored.
    ``mapping`` maps our fields (id, text, handle, url, created_at, reply_to) to the file's columns;
    the default is tweet-harvest's.
    """
    cols = {
        "id": "id_str",
        "text": "full_text",
        "handle": "username",
        "url": "tweet_url",
        "created_at": "created_at",
        "reply_to": "in_reply_to_screen_name",
        **(mapping or {}),
    }
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
        ext = str(row.get(cols["id"]) or "").strip()
        if not ext or len(ext) > 64:
            report.errors.append(f"baris {n}: id kosong atau terlalu panjang")
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
            if progress:
                progress(n)
    if buf:
        flush()
    if progress:
        progress(n)
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


# --------------------------------------------------------------------------------- screening


def in_period(election: Election, when: dt.datetime | None) -> bool:
    """Posts count only inside the election period: campaign start (or 90 days before voting) to
    7 days after voting day."""
    if when is None:
        return False
    start = election.campaign_start or (election.voting_day - dt.timedelta(days=90))
    end = election.voting_day + dt.timedelta(days=7)
    return start <= timezone.localtime(when).date() <= end


def screen_posts(
    election: Election,
    *,
    actor: User | None,
    detector: str = "active",
    monitor: bool = False,
    pipeline: Pipeline | None = None,
) -> int:
    """Score unscreened posts of *registered* accounts inside the election period; findings above
    the threshold go to the review queue (or are only recorded, in monitor mode). Returns findings."""
    pipe = pipeline or pipeline_for(election)
    status = FindingStatus.MONITOR if monitor else FindingStatus.QUEUED
    made = 0
    qs = Post.objects.filter(account__isnull=False).select_related("account__person")
    if not monitor:
        qs = qs.filter(screened_at__isnull=True)
    now = timezone.now()
    for post in qs.iterator(chunk_size=1000):
        if not in_period(election, post.posted_at):
            continue
        res = pipe.classify(post.text, reply_to=post.reply_to or None)
        if res["partisan"]:
            with transaction.atomic():
                account = post.account
                if account is None:  # pragma: no cover - filtered by the query
                    continue
                snoozed = account.snoozed_until is not None and account.snoozed_until > now
                _, created = Finding.objects.get_or_create(
                    post=post,
                    detector=detector,
                    defaults={
                        "election": election,
                        "status": FindingStatus.MONITOR if snoozed else status,
                        "score": res["score"],
                        "direction": res["direction"] or "",
                        "target": res["target"],
                        "rules": res["rules"],
                        "evidence": res["evidence"],
                        "region": account.person.region,
                        "due_at": now + dt.timedelta(days=REVIEW_DAYS),
                    },
                )
                made += created
        if not monitor:
            Post.objects.filter(pk=post.pk).update(screened_at=now)
    with transaction.atomic():
        record(
            "screening.screen",
            actor=actor,
            object_type="Election",
            object_id=election.code,
            findings=made,
            detector=detector,
            monitor=monitor,
        )
    return made


def model_path() -> Path:
    """Where ``jaganetral screening train`` writes the retrained model (the shipped one stays)."""
    return Path(settings.VAR_DIR) / "screening" / "stance_model.json"


def active_model() -> LinearModel | None:
    """The retrained model when there is one, else None (the pipeline then uses the shipped one)."""
    path = model_path()
    return LinearModel.load(path) if path.exists() else None


def pipeline_for(election: Election) -> Pipeline:
    model = active_model()
    return Pipeline(election_spec(election), model=model if model is not None else True)


def compare_detectors(election: Election, active: str, candidate: str) -> dict[str, int]:
    """How a monitor-mode detector's findings overlap with the active one's."""
    a = set(Finding.objects.filter(election=election, detector=active).values_list("post_id", flat=True))
    b = set(Finding.objects.filter(election=election, detector=candidate).values_list("post_id", flat=True))
    return {"both": len(a & b), "only_active": len(a - b), "only_candidate": len(b - a)}


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
