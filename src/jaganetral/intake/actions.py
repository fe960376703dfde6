"""Every write of the intake app: one function per intention, with its timeline event and audit row
in the same transaction.

Slow, database-free work (Argon2 hashing of the receipt, checking and re-encoding files, sealing)
happens *before* the transaction opens, so the write lock is held only for the inserts; if the
inserts fail, the files written for them are removed again.

Nothing here puts a reporter's identity into the timeline, the audit log or a log line.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core import audit
from jaganetral.intake import evidence as evidence_store
from jaganetral.intake import permissions, sealing, signals
from jaganetral.intake.models import (
    AccessStatus,
    Anonymity,
    CleanState,
    Evidence,
    IdentityAccessRequest,
    Message,
    MessageAuthor,
    Report,
    ReportedPerson,
    ReportEvent,
    ReportLink,
    ReportStatus,
)
from jaganetral.lib import receipt as receipt_lib
from jaganetral.lib.crypto import SealError
from jaganetral.lib.filestore import Staged
from jaganetral.reference.calendar import local_date, reporting_deadline
from jaganetral.reference.models import Agency, Election, Region

IDENTITY_FIELDS = (
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "occupation",
    "citizenship",
    "address",
    "phone",
    "email",
)


MAX_LINKS_PER_REPORT = 50


class IntakeError(ValueError):
    """A refused write; the message is Indonesian and safe to show to the person."""


@dataclass
class ReportedInput:
    name: str
    nip: str = ""
    agency: Agency | None = None
    agency_name: str = ""
    position: str = ""


@dataclass
class ReportInput:
    anonymity: str
    region: Region
    place: str
    event_date: date
    known_date: date
    what: str
    reported: list[ReportedInput]
    election: Election | None = None
    chronology: str = ""
    identity: dict[str, str] = field(default_factory=dict, repr=False)
    witnesses: list[str] = field(default_factory=list, repr=False)
    links: list[str] = field(default_factory=list)
    notify_email: str = field(default="", repr=False)


@dataclass(frozen=True)
class Window:
    deadline: date
    on_time: bool
    note: str
    working: bool


def reporting_window(
    known: date, *, election: Election | None, today: date | None = None, region: Region | None = None
) -> Window:
    """The 7-day reporting window from the date the violation became known.

    The clock book (``reference/data/clocks.yaml``) decides the length and working or calendar
    days (Pemilu: hari kerja, UU 7/2017 Ps 454(6); Pilkada: hari kalender, UU 1/2015 Ps 134).
    Without an election working days are counted, the longer and so the safer reading for the
    reporter.
    """
    window_rule, due = reporting_deadline(known, election)
    days, working = window_rule.days, window_rule.working
    # the day ends at midnight where the event happened (WIB, WITA or WIT), not in Jakarta
    today = today or (local_date(timezone.now(), region.code) if region else timezone.localdate())
    unit = "hari kerja" if working else "hari kalender"
    rule = f"{days} {unit} sejak tanggal diketahui {known:%d-%m-%Y}"
    if election is not None:
        rule += f", menurut aturan {election.name}"
    if today <= due:
        return Window(due, True, f"Batas waktu pelaporan {due:%d-%m-%Y} ({rule}).", working)
    late = (today - due).days
    note = (
        f"Terlambat {late} hari: batas waktu pelaporan {due:%d-%m-%Y} ({rule}). Laporan tetap "
        "diterima, tetapi tidak memenuhi syarat formil waktu pelaporan."
    )
    return Window(due, False, note, working)


def _event(report: Report, kind: str, *, actor: User | None = None, **data: Any) -> ReportEvent:
    return ReportEvent.objects.create(report=report, kind=kind, actor=actor, data=data)


@sensitive_variables("identity")
def _clean_identity(identity: dict[str, str]) -> dict[str, str]:
    return {k: identity[k].strip() for k in IDENTITY_FIELDS if identity.get(k, "").strip()}


# The reporter's identity a report needs to be registered as a laporan: name and address
# (Perbawaslu 7/2022 Ps 15 ayat (3), syarat formil; harianrakyatbengkulu.bacakoran.co 16752).
FORMAL_IDENTITY_FIELDS = ("name", "address")


@sensitive_variables("identity")
def formal_identity(identity: dict[str, str]) -> bool:
    """Whether a sealed identity meets the formal requirement; only this yes/no is kept in clear."""
    return all(identity.get(k) for k in FORMAL_IDENTITY_FIELDS)


# --- the reporter (no account: ``actor`` is always None) ------------------------------------


@sensitive_variables("identity", "witnesses", "data", "notify_sealed")
def submit_report(
    *,
    actor: None = None,
    data: ReportInput,
    files: list[UploadedFile],
    held: list[evidence_store.Held] | None = None,
) -> tuple[Report, str]:
    """File a report. Returns the report and its receipt code (shown once, never stored).

    ``held``: files checked and kept when the form came back with errors (moved into the report)."""
    held = held or []
    if not data.reported:
        raise IntakeError(_("Sebutkan paling sedikit satu ASN yang dilaporkan."))
    identity = _clean_identity(data.identity)
    if data.anonymity == Anonymity.CONFIDENTIAL and not identity.get("name"):
        raise IntakeError(_("Laporan rahasia memerlukan nama pelapor (identitas akan disegel)."))
    if data.anonymity == Anonymity.ANONYMOUS:
        identity = {}
    evidence_store.check_sizes(files, already=sum(h.size for h in held), already_count=len(held))
    report_uid = uuid.uuid4()
    code = receipt_lib.generate()
    receipt_hash = sealing.hash_receipt(code)
    identity_sealed = sealing.seal_json(identity, aad=sealing.identity_aad(report_uid)) if identity else ""
    witnesses = [w.strip() for w in data.witnesses if w.strip()]
    witnesses_sealed = (
        sealing.seal_json(witnesses, aad=sealing.witnesses_aad(report_uid)) if witnesses else ""
    )
    address = data.notify_email.strip()
    notify_sealed = sealing.seal_json(address, aad=sealing.notify_email_aad(report_uid)) if address else ""
    window = reporting_window(data.known_date, election=data.election, region=data.region)
    staged = evidence_store.stage(files, report_uid=report_uid)
    try:
        staged += evidence_store.claim(held, report_uid=report_uid)
    except BaseException:
        evidence_store.discard(staged)
        raise
    try:
        report = _store_report(
            data=data,
            report_uid=report_uid,
            code=code,
            receipt_hash=receipt_hash,
            identity_sealed=identity_sealed,
            identity_complete=formal_identity(identity),
            witnesses_sealed=witnesses_sealed,
            witness_count=len(witnesses),
            notify_sealed=notify_sealed,
            window=window,
            staged=staged,
        )
    except BaseException:
        evidence_store.discard(staged)
        raise
    return report, code


@transaction.atomic
def _store_report(
    *,
    data: ReportInput,
    report_uid: uuid.UUID,
    code: str,
    receipt_hash: str,
    identity_sealed: str,
    identity_complete: bool,
    witnesses_sealed: str,
    witness_count: int,
    notify_sealed: str,
    window: Window,
    staged: list[Staged],
) -> Report:
    report = Report.objects.create(
        uid=report_uid,
        public_reference=receipt_lib.public_reference(timezone.localdate().year),
        receipt_prefix=receipt_lib.prefix(code),
        receipt_hash=receipt_hash,
        pseudonym=sealing.pseudonym(report_uid),
        anonymity=data.anonymity,
        identity_sealed=identity_sealed,
        identity_added_at=timezone.now() if identity_sealed else None,
        identity_complete=identity_complete,
        witnesses_sealed=witnesses_sealed,
        witness_count=witness_count,
        notify_email_sealed=notify_sealed,
        region=data.region,
        election=data.election,
        place=data.place,
        event_date=data.event_date,
        known_date=data.known_date,
        what=data.what,
        chronology=data.chronology,
        deadline=window.deadline,
        on_time=window.on_time,
        deadline_note=window.note,
    )
    for person in data.reported:
        ReportedPerson.objects.create(
            report=report,
            name=person.name,
            nip=person.nip,
            agency=person.agency,
            agency_name=person.agency_name,
            position=person.position,
        )
    for url in data.links:
        ReportLink.objects.create(report=report, url=url)
    _save_evidence(report, staged)
    _event(
        report,
        "submitted",
        anonymity=report.anonymity,
        on_time=window.on_time,
        files=len(staged),
        links=len(data.links),
    )
    audit.record(
        "intake.report_submitted",
        actor=None,
        obj=report,
        region=report.region_id,
        anonymity=report.anonymity,
        on_time=window.on_time,
    )
    signals.report_submitted.send(sender=Report, report=report)
    return report


def _save_evidence(report: Report, staged: list[Staged]) -> None:
    for s in staged:
        Evidence.objects.create(
            report=report,
            uid=s.uid,
            kind=s.kind.name,
            content_type=s.kind.mime,
            size=s.size,
            sha256=s.sha256,
            original_path=s.path,
            clean_path=s.clean_path,
            clean_sha256=s.clean_sha256,
            original_key_sealed=s.sealed_key,
            clean_state=CleanState.DONE if s.clean_path else CleanState.PENDING,
        )


def reporter_reply(*, actor: None = None, report: Report, body: str) -> Message:
    return _reporter_reply(report=report, body=body)


@transaction.atomic
def _reporter_reply(*, report: Report, body: str) -> Message:
    body = body.strip()
    if not body:
        raise IntakeError(_("Jawaban tidak boleh kosong."))
    msg = Message.objects.create(report=report, author_kind=MessageAuthor.REPORTER, body=body)
    if report.status == ReportStatus.AWAITING_REPORTER:
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.RECEIVED, updated_at=timezone.now())
        report.status = ReportStatus.RECEIVED
    _event(report, "reporter_replied", message=msg.pk)
    audit.record("intake.reporter_replied", actor=None, obj=report)
    signals.reporter_replied.send(sender=Report, report=report)
    return msg


def reporter_add_evidence(
    *, actor: None = None, report: Report, files: list[UploadedFile], links: list[str]
) -> int:
    """Add files and links to a report. Returns how many items were added."""
    if not files and not links:
        raise IntakeError(_("Pilih berkas atau tulis tautan yang ingin ditambahkan."))
    if report.links.count() + len(links) > MAX_LINKS_PER_REPORT:
        raise IntakeError(_("Paling banyak %(n)d tautan untuk satu laporan.") % {"n": MAX_LINKS_PER_REPORT})
    existing = list(report.evidence.values_list("size", flat=True))
    evidence_store.check_sizes(files, already=sum(existing), already_count=len(existing))
    staged = evidence_store.stage(files, report_uid=report.uid)
    try:
        _store_added_evidence(report=report, staged=staged, links=links)
    except BaseException:
        evidence_store.discard(staged)
        raise
    return len(staged) + len(links)


@transaction.atomic
def _store_added_evidence(*, report: Report, staged: list[Staged], links: list[str]) -> None:
    _save_evidence(report, staged)
    for url in links:
        ReportLink.objects.create(report=report, url=url)
    _event(report, "evidence_added", files=len(staged), links=len(links))
    audit.record(
        "intake.evidence_added",
        actor=None,
        obj=report,
        files=len(staged),
        links=len(links),
    )


@sensitive_variables("identity", "clean")
def reporter_add_identity(*, actor: None = None, report: Report, identity: dict[str, str]) -> None:
    """An anonymous reporter gives their identity later (sealed). It can never be removed."""
    clean = _clean_identity(identity)
    if not clean.get("name"):
        raise IntakeError(_("Nama pelapor wajib diisi."))
    sealed = sealing.seal_json(clean, aad=sealing.identity_aad(report.uid))
    _store_identity(report=report, sealed=sealed, complete=formal_identity(clean))


@transaction.atomic
def _store_identity(*, report: Report, sealed: str, complete: bool) -> None:
    updated = Report.objects.filter(pk=report.pk, identity_sealed="").update(
        identity_sealed=sealed,
        identity_complete=complete,
        identity_added_at=timezone.now(),
        anonymity=Anonymity.CONFIDENTIAL,
        updated_at=timezone.now(),
    )
    if not updated:
        raise IntakeError(_("Identitas pelapor sudah tercatat untuk laporan ini dan tidak dapat diubah."))
    report.refresh_from_db()
    _event(report, "identity_added")
    audit.record("intake.identity_added", actor=None, obj=report)


# --- staff ----------------------------------------------------------------------------------


def _require(actor: User, perm: policy.Permission, report: Report | None = None) -> None:
    """Ask the permission door: the role may do this, and (for staff) the report lies in scope."""
    if not policy.can(actor, perm):
        raise IntakeError(_("Peran Anda tidak boleh melakukan ini."))
    if report is not None and not policy.can_see(actor, report):
        raise Http404("laporan tidak ditemukan")


@transaction.atomic
def ask_reporter(*, actor: User, report: Report, body: str) -> Message:
    """A supervisor asks the reporter a question; the reporter reads it with the receipt."""
    _require(actor, permissions.TRIAGE, report)
    body = body.strip()
    if not body:
        raise IntakeError(_("Pertanyaan tidak boleh kosong."))
    msg = Message.objects.create(report=report, author_kind=MessageAuthor.STAFF, author=actor, body=body)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.AWAITING_REPORTER, updated_at=timezone.now()
    )
    report.status = ReportStatus.AWAITING_REPORTER
    _event(report, "question_asked", actor=actor, message=msg.pk)
    audit.record("intake.question_asked", actor=actor, obj=report)
    return msg


@transaction.atomic
def request_identity_access(*, actor: User, report: Report, reason: str) -> IdentityAccessRequest:
    _require(actor, permissions.TRIAGE, report)
    reason = reason.strip()
    if len(reason) < 20:
        raise IntakeError(_("Tuliskan alasan yang jelas (paling sedikit 20 karakter)."))
    if not report.identity_sealed:
        raise IntakeError(_("Laporan ini anonim: tidak ada identitas pelapor."))
    if IdentityAccessRequest.objects.filter(
        report=report, requested_by=actor, status=AccessStatus.PENDING
    ).exists():
        raise IntakeError(_("Permintaan Anda untuk laporan ini masih menunggu keputusan."))
    req = IdentityAccessRequest.objects.create(report=report, requested_by=actor, reason=reason)
    _event(report, "identity_access_requested", actor=actor, request=req.pk)
    audit.record(
        "intake.identity_access_requested",
        actor=actor,
        obj=report,
        request=req.pk,
        reason=reason,
    )
    return req


@transaction.atomic
def decide_identity_access(
    *, actor: User, access_request: IdentityAccessRequest, approve: bool, note: str = ""
) -> IdentityAccessRequest:
    _require(actor, permissions.CUSTODY)
    if not policy.can_see(actor, access_request):
        raise Http404("permintaan tidak ditemukan")
    if access_request.requested_by_id == actor.pk:
        raise IntakeError(_("Anda tidak dapat memutuskan permintaan Anda sendiri."))
    now = timezone.now()
    status = AccessStatus.APPROVED if approve else AccessStatus.REFUSED
    expires = now + timedelta(hours=settings.INTAKE_IDENTITY_GRANT_HOURS) if approve else None
    updated = IdentityAccessRequest.objects.filter(pk=access_request.pk, status=AccessStatus.PENDING).update(
        status=status, decided_by=actor, decided_at=now, decision_note=note.strip(), expires_at=expires
    )
    if not updated:
        raise IntakeError(_("Permintaan ini sudah diputuskan."))
    access_request.refresh_from_db()
    kind = "identity_access_approved" if approve else "identity_access_refused"
    _event(access_request.report, kind, actor=actor, request=access_request.pk)
    audit.record(
        f"intake.{kind}",
        actor=actor,
        obj=access_request.report,
        request=access_request.pk,
    )
    signals.access_decided.send(sender=IdentityAccessRequest, access_request=access_request)
    return access_request


@sensitive_variables("identity", "witnesses")
@transaction.atomic
def open_identity(*, actor: User, report: Report) -> dict[str, Any]:
    """Unseal the reporter's identity for a supervisor holding an approved, unexpired request.

    Every opening is a timeline event and an audit row (which request allowed it; never the identity).
    """
    _require(actor, permissions.TRIAGE, report)
    grant = (
        IdentityAccessRequest.objects.filter(
            report=report,
            requested_by=actor,
            status=AccessStatus.APPROVED,
            expires_at__gt=timezone.now(),
        )
        .order_by("-decided_at")
        .first()
    )
    if grant is None or not report.identity_sealed:
        raise IntakeError(_("Tidak ada izin yang berlaku untuk membuka identitas pelapor ini."))
    try:
        identity = sealing.open_json(report.identity_sealed, aad=sealing.identity_aad(report.uid))
        witnesses: list[str] = []
        if report.witnesses_sealed:
            witnesses = sealing.open_json(report.witnesses_sealed, aad=sealing.witnesses_aad(report.uid))
    except SealError:
        raise IntakeError(
            _(
                "Identitas ini tidak dapat dibuka: kunci segel yang terpasang bukan kunci yang "
                "menyegelnya (misalnya setelah pemulihan tanpa kunci). Hubungi administrator."
            )
        ) from None
    _event(report, "identity_opened", actor=actor, request=grant.pk)
    audit.record(
        "intake.identity_opened",
        actor=actor,
        obj=report,
        request=grant.pk,
    )
    return {"identity": identity, "witnesses": witnesses, "grant": grant}


@transaction.atomic
def record_registration(*, actor: User, report: Report, registered: bool, reason: str = "") -> Report:
    """Case handling's answer to a report: registered (diregistrasi) or not registered, with a reason.

    The reporter sees the new status with the receipt. Only a report still waiting (received or
    awaiting the reporter) can be decided; deciding twice is refused.
    """
    _require(actor, permissions.TRIAGE, report)
    reason = reason.strip()
    if not registered and not reason:
        raise IntakeError(_("Tuliskan alasan laporan tidak diregistrasi."))
    status = ReportStatus.REGISTERED if registered else ReportStatus.NOT_REGISTERED
    updated = Report.objects.filter(
        pk=report.pk, status__in=(ReportStatus.RECEIVED, ReportStatus.AWAITING_REPORTER)
    ).update(status=status, updated_at=timezone.now())
    if not updated:
        raise IntakeError(_("Laporan ini sudah diputuskan."))
    report.status = status
    _event(report, "registered" if registered else "not_registered", actor=actor, reason=reason)
    audit.record(
        "intake.registered" if registered else "intake.not_registered",
        actor=actor,
        obj=report,
    )
    return report


@transaction.atomic
def record_initial_information(*, actor: User, report: Report, note: str) -> Message:
    """Case handling turned a report that failed the formal requirements into initial information
    for a finding of its own (Perbawaslu 7/2022 Ps 14): the reporter reads why with the receipt."""
    _require(actor, permissions.TRIAGE, report)
    note = note.strip()
    if not note:
        raise IntakeError(_("Tuliskan pesan untuk pelapor."))
    message = Message.objects.create(report=report, author_kind=MessageAuthor.STAFF, author=actor, body=note)
    _event(report, "initial_information", actor=actor, message=message.pk)
    audit.record("intake.initial_information", actor=actor, obj=report)
    return message


@transaction.atomic
def record_evidence_download(*, actor: User, evidence: Evidence, original: bool) -> None:
    _require(actor, permissions.TRIAGE, evidence.report)
    kind = "evidence_original_downloaded" if original else "evidence_viewed"
    _event(evidence.report, kind, actor=actor, evidence=str(evidence.uid))
    audit.record(
        f"intake.{kind}",
        actor=actor,
        obj=evidence,
        object_id=evidence.uid,
        report=evidence.report_id,
    )


def open_original(*, actor: User, evidence: Evidence) -> bytes:
    """The original as uploaded (with its metadata), decrypted: only through this audited action."""
    record_evidence_download(actor=actor, evidence=evidence, original=True)
    return read_original(evidence)


def read_original(evidence: Evidence) -> bytes:
    """Decrypt the stored original (for the worker's cleaning and :func:`open_original`)."""
    blob = evidence_store.path_of(evidence.original_path).read_bytes()
    if not evidence.original_key_sealed:  # stored before originals were encrypted
        return blob
    return sealing.decrypt_original(evidence.uid, blob, evidence.original_key_sealed)


def reseal_all(*, actor: None = None) -> int:
    """Re-encrypt every sealed value under the current (first) key, after a key rotation."""
    box = sealing.sealer()
    count = 0
    for report in Report.objects.exclude(
        identity_sealed="", witnesses_sealed="", notify_email_sealed=""
    ).iterator():
        changes: dict[str, str] = {}
        for field_name, aad in (
            ("identity_sealed", sealing.identity_aad(report.uid)),
            ("witnesses_sealed", sealing.witnesses_aad(report.uid)),
            ("notify_email_sealed", sealing.notify_email_aad(report.uid)),
        ):
            value = getattr(report, field_name)
            if value and box.needs_reseal(value):
                changes[field_name] = box.seal(box.open(value, aad=aad.encode()), aad=aad.encode())
        if changes:
            with transaction.atomic():
                Report.objects.filter(pk=report.pk).update(**changes)
                audit.record("intake.resealed", actor=None, obj=report)
            count += 1
    for ev in Evidence.objects.exclude(original_key_sealed="").iterator():  # the originals' data keys
        if box.needs_reseal(ev.original_key_sealed):
            key_aad = (sealing.evidence_aad(ev.uid) + ":key").encode()
            resealed = box.seal(box.open(ev.original_key_sealed, aad=key_aad), aad=key_aad)
            Evidence.objects.filter(pk=ev.pk).update(original_key_sealed=resealed)
            count += 1
    return count
