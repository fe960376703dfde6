"""Telling the reporter what happened: notices of status read with the receipt, and the optional
e-mail address that only ever says "there is news, open your receipt".

Case handling (a higher layer) calls :func:`record_notice` when a case opened from a report moves:
registered or not (and why), forwarded to BKN, stopped (and why), and each civil servant's outcome.
A notice holds only what the reporter may read: never a name of the reporter, a witness or a
reported civil servant (they are "ASN 1", "ASN 2" with their agency and outcome).

The e-mail address is sealed like the identity (AES-GCM, key outside the database) and the e-mail
carries no content: no number, no status, no name; the reporter reads the news with the receipt.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from jaganetral.core import audit
from jaganetral.intake import sealing
from jaganetral.intake.actions import IntakeError, _event
from jaganetral.intake.models import NoticeKind, Report, ReporterNotice
from jaganetral.lib.crypto import SealError
from jaganetral.lib.i18n import gettext_noop

log = logging.getLogger(__name__)

# What the reporter reads about each reported civil servant, by the outcome case handling records
# (the keys are the per-person states of ``cases/person_path.py``; words written for the public).
OUTCOME_LABELS: dict[str, str] = {
    "under_review": gettext_noop("Masih ditangani Bawaslu"),
    "not_proven": gettext_noop("Tidak terbukti melanggar"),
    "stopped": gettext_noop("Penanganan dihentikan"),
    "forwarded": gettext_noop("Diteruskan ke BKN, menunggu rekomendasi"),
    "cleared": gettext_noop("BKN tidak merekomendasikan sanksi"),
    "recommended": gettext_noop("BKN merekomendasikan sanksi, menunggu keputusan PPK"),
    "sanctioned": gettext_noop("Sanksi dijatuhkan oleh PPK"),
    "ppk_no_action": gettext_noop("PPK belum menindaklanjuti rekomendasi BKN"),
    "escalated": gettext_noop("PPK tidak menindaklanjuti; BKN mengambil tindakan"),
    "closed": gettext_noop("Ditutup tanpa keputusan PPK"),
}
MAX_REASON = 2000
MAX_PEOPLE = 100
MAX_EMAIL = 254


def outcome_label(state: str) -> str:
    return _(OUTCOME_LABELS.get(state, OUTCOME_LABELS["under_review"]))


def _clean_people(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only the public fields survive: the person's number in the case, agency and outcome."""
    clean = []
    for i, p in enumerate(people[:MAX_PEOPLE], start=1):
        state = str(p.get("state", ""))
        if state not in OUTCOME_LABELS:
            raise IntakeError(_("Hasil tindak lanjut tidak dikenal."))
        clean.append({"n": int(p.get("n", i)), "agency": str(p.get("agency", ""))[:200], "state": state})
    return clean


def record_notice(
    *,
    actor: Any,
    report: Report,
    kind: str,
    reason: str = "",
    people: list[dict[str, Any]] | None = None,
    at: dt.datetime | None = None,
) -> ReporterNotice:
    """Record a notice of status for the reporter (in the caller's transaction) and, once it commits,
    e-mail "there is news" if the reporter left an address. ``at`` dates a step taken earlier."""
    if kind not in NoticeKind.values:
        raise IntakeError(_("Jenis pemberitahuan tidak dikenal."))
    data: dict[str, Any] = {}
    if reason.strip():
        data["reason"] = reason.strip()[:MAX_REASON]
    if people is not None:
        data["people"] = _clean_people(people)
    when = at or timezone.now()
    notice = ReporterNotice.objects.create(report=report, kind=kind, at=when, data=data)
    _event(report, "notice_recorded", actor=actor, notice=notice.pk, notice_kind=kind)
    audit.record("intake.notice_recorded", actor=actor, obj=report, kind=kind)
    if report.notify_email_sealed and when >= timezone.now() - dt.timedelta(days=1):
        pk = report.pk
        transaction.on_commit(lambda: send_news(pk))
    else:  # nothing to send (no address, or a step recorded long after it happened)
        ReporterNotice.objects.filter(pk=notice.pk).update(emailed_at=when)
    return notice


def status_url() -> str:
    path = reverse("intake:status")
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else path


def news_email() -> tuple[str, str]:
    """The e-mail's subject and body: the same for every report, so it gives nothing away."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[JagaNetral] Ada kabar tentang laporan Anda")
        body = _(
            "Ada kabar baru tentang laporan yang Anda kirim.\n\n"
            "Untuk membacanya, buka %(url)s dan masukkan kode tanda terima Anda.\n\n"
            "Surel ini sengaja tidak memuat isi laporan. Bila Anda tidak ingin lagi menerima surel "
            "seperti ini, hapus alamat surel Anda di halaman status laporan."
        ) % {"url": status_url()}
    return subject, body


@sensitive_variables("address")
def send_news(report_pk: int) -> bool:
    """Send the content-free e-mail once for every notice not yet announced (two callers at once:
    only the one whose update marks the notices sends)."""
    now = timezone.now()
    with transaction.atomic():
        marked = ReporterNotice.objects.filter(report_id=report_pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
        sealed = Report.objects.filter(pk=report_pk).values_list("notify_email_sealed", flat=True).first()
        uid = Report.objects.filter(pk=report_pk).values_list("uid", flat=True).first()
    if not marked or not sealed:
        return False
    try:
        address = sealing.open_json(sealed, aad=sealing.notify_email_aad(uid))
    except SealError:
        log.warning("notice e-mail for report %s not sent: the seal key does not open it", report_pk)
        return False
    subject, body = news_email()
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=True)
    return True


@sensitive_variables("email", "address")
def clean_notify_email(email: str) -> str:
    address = (email or "").strip()
    if not address:
        return ""
    if len(address) > MAX_EMAIL:
        raise IntakeError(_("Alamat surel terlalu panjang."))
    try:
        validate_email(address)
    except ValidationError:
        raise IntakeError(_("Alamat surel tidak sah. Contoh: nama@contoh.id")) from None
    return address


@sensitive_variables("email", "address")
def seal_notify_email(report_uid: object, email: str) -> str:
    address = clean_notify_email(email)
    return sealing.seal_json(address, aad=sealing.notify_email_aad(report_uid)) if address else ""


@sensitive_variables("email")
@transaction.atomic
def set_notify_email(*, actor: None = None, report: Report, email: str) -> None:
    """The reporter leaves (or replaces) the address for "there is news" e-mails, sealed."""
    sealed = seal_notify_email(report.uid, email)
    if not sealed:
        raise IntakeError(_("Tulis alamat surel Anda."))
    Report.objects.filter(pk=report.pk).update(notify_email_sealed=sealed, updated_at=timezone.now())
    report.notify_email_sealed = sealed
    _event(report, "notify_email_set")
    audit.record("intake.notify_email_set", actor=None, obj=report)


@transaction.atomic
def remove_notify_email(*, actor: None = None, report: Report) -> bool:
    """The reporter removes the address; False when there was none."""
    removed = (
        Report.objects.filter(pk=report.pk)
        .exclude(notify_email_sealed="")
        .update(notify_email_sealed="", updated_at=timezone.now())
    )
    report.notify_email_sealed = ""
    if removed:
        _event(report, "notify_email_removed")
        audit.record("intake.notify_email_removed", actor=None, obj=report)
    return bool(removed)
