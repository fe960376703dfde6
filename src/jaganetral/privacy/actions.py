"""Data-subject requests (UU 27/2022 Ps 5-8, 14): received, answered, and the erasure or correction
they lead to. Every write with its audit row in the same transaction; the deadline to answer is
3 x 24 hours (Ps 30 correction, Ps 32 access; used for erasure too)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core import audit
from jaganetral.intake import erasure as intake_erasure
from jaganetral.intake.actions import IntakeError
from jaganetral.intake.models import Report
from jaganetral.lib import nip as nip_lib
from jaganetral.privacy import permissions
from jaganetral.privacy.models import DataRequest, RequestKind, RequestStatus, Subject
from jaganetral.screening.actions import erasure as screening_erasure
from jaganetral.screening.errors import ScreeningError
from jaganetral.screening.models import AsnPerson

ANSWER_HOURS = 72
MAX_DETAILS = 2000
MAX_ANSWER = 4000
MAX_OPEN_PER_REPORT = 3


class PrivacyError(ValueError):
    """A refused request or decision; the message is Indonesian and safe to show."""


def _clean_text(value: str, limit: int, what: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise PrivacyError(_("%(what)s paling panjang %(n)d karakter.") % {"what": what, "n": limit})
    return value


def _clock() -> dict[str, Any]:
    now = timezone.now()
    return {"received_at": now, "due_at": now + timedelta(hours=ANSWER_HOURS)}


def _kind(kind: str) -> str:
    if kind not in RequestKind.values:
        raise PrivacyError(_("Pilih jenis permintaan: akses, perbaikan, atau penghapusan."))
    return kind


@sensitive_variables("identity", "sealed")
@transaction.atomic
def reporter_request(
    *, actor: None = None, report: Report, kind: str, details: str, identity: dict[str, str] | None = None
) -> DataRequest:
    """The reporter (holding the receipt) asks for access, correction or erasure."""
    kind = _kind(kind)
    details = _clean_text(details, MAX_DETAILS, _("Uraian"))
    sealed = ""
    if kind == RequestKind.CORRECTION:
        if not identity:
            raise PrivacyError(_("Tuliskan identitas yang benar untuk perbaikan."))
        try:
            sealed = intake_erasure.seal_correction(report, identity)
        except IntakeError as exc:
            raise PrivacyError(str(exc)) from None
    elif kind == RequestKind.ERASURE and not (
        report.identity_sealed or report.witnesses_sealed or report.notify_email_sealed
    ):
        raise PrivacyError(_("Laporan ini tidak menyimpan identitas atau kontak saksi untuk dihapus."))
    open_ = DataRequest.objects.filter(report=report, status=RequestStatus.OPEN)
    if open_.filter(kind=kind).exists():
        raise PrivacyError(_("Permintaan yang sama masih menunggu jawaban."))
    if open_.count() >= MAX_OPEN_PER_REPORT:
        raise PrivacyError(_("Tunggu jawaban atas permintaan Anda sebelumnya."))
    req = DataRequest.objects.create(
        subject=Subject.REPORTER,
        kind=kind,
        report=report,
        region=report.region,
        details=details,
        correction_sealed=sealed,
        channel=_("kode tanda terima"),
        **_clock(),
    )
    audit.record("privacy.request_received", actor=None, obj=req, subject=req.subject, kind=kind)
    return req


@transaction.atomic
def record_registry_request(*, actor: User, nip: str, kind: str, details: str, channel: str) -> DataRequest:
    """Staff record a civil servant's request about the screening registry (letter, e-mail, visit)."""
    policy.require(actor, permissions.REGISTRY_REQUESTS, refuse=PrivacyError)
    try:
        digits = nip_lib.parse(nip).digits
    except nip_lib.NipError as exc:
        raise PrivacyError(str(exc)) from None
    kind = _kind(kind)
    channel = _clean_text(channel, 200, _("Saluran"))
    if not channel:
        raise PrivacyError(_("Tuliskan bagaimana permintaan diterima (mis. surat tanggal ...)."))
    person = policy.visible(actor, AsnPerson).filter(nip=digits).first()
    region_id = person.region_id if person is not None else (actor.scope or None)
    req = DataRequest.objects.create(
        subject=Subject.ASN,
        kind=kind,
        person=person,
        region_id=region_id,
        details=_clean_text(details, MAX_DETAILS, _("Uraian")) or f"NIP {digits}",
        channel=channel,
        recorded_by=actor,
        **_clock(),
    )
    audit.record("privacy.request_received", actor=actor, obj=req, subject=req.subject, kind=kind)
    return req


def _require(actor: User, req: DataRequest) -> None:
    perm = permissions.REPORTER_REQUESTS if req.subject == Subject.REPORTER else permissions.REGISTRY_REQUESTS
    policy.require(actor, perm, req, refuse=PrivacyError)


@transaction.atomic
def decide(*, actor: User, request: DataRequest, approve: bool, answer: str) -> DataRequest:
    """Answer a request. Approving an erasure or correction carries it out in the same transaction;
    a refusal needs its reason (e.g. UU 27/2022 Ps 15(1): the case is still being handled)."""
    _require(actor, request)
    answer = _clean_text(answer, MAX_ANSWER, _("Jawaban"))
    if len(answer) < 10:
        raise PrivacyError(_("Tuliskan jawaban untuk subjek data (paling sedikit 10 karakter)."))
    req = DataRequest.objects.select_for_update().get(pk=request.pk)
    if req.status != RequestStatus.OPEN:
        raise PrivacyError(_("Permintaan ini sudah dijawab."))
    if approve:
        _carry_out(actor, req)
    req.status = RequestStatus.DONE if approve else RequestStatus.REFUSED
    req.decided_by, req.decided_at, req.answer = actor, timezone.now(), answer
    req.correction_sealed = ""  # applied or refused: not kept
    req.save(update_fields=["status", "decided_by", "decided_at", "answer", "correction_sealed"])
    audit.record("privacy.request_decided", actor=actor, obj=req, kind=req.kind, status=req.status)
    return req


def _carry_out(actor: User, req: DataRequest) -> None:
    reason = f"permintaan:{req.reference}"
    if req.subject == Subject.REPORTER:
        if req.report is None:
            raise PrivacyError(_("Laporan ini sudah tidak ada."))
        try:
            if req.kind == RequestKind.ERASURE:
                intake_erasure.erase_identity(actor=actor, report=req.report, reason=reason)
            elif req.kind == RequestKind.CORRECTION:
                intake_erasure.apply_correction(
                    actor=actor, report=req.report, sealed=req.correction_sealed, reason=reason
                )
        except IntakeError as exc:
            raise PrivacyError(str(exc)) from None
        return
    if req.kind == RequestKind.ERASURE and req.person is not None:
        try:
            screening_erasure.erase_person(actor=actor, person=req.person, reason=reason)
        except ScreeningError as exc:
            raise PrivacyError(str(exc)) from None


@transaction.atomic
def registry_copy(*, actor: User, request: DataRequest) -> dict[str, Any]:
    """The copy of the registry's data a civil servant asked for; each copy made is audited."""
    _require(actor, request)
    if request.subject != Subject.ASN:
        raise Http404(_("tidak ditemukan"))
    audit.record("privacy.registry_copy", actor=actor, obj=request)
    if request.person is None:
        return {"request": request.reference, "held": None}
    return {"request": request.reference, "held": screening_erasure.registry_copy(request.person)}
