"""Reports from the public (laporan), their evidence, messages with the reporter, timeline and
identity-access requests.

The reporter's identity and witness contacts are stored only sealed (AES-GCM, key outside the
database, see :mod:`jaganetral.intake.sealing`); staff see the pseudonym. The receipt is stored only
as an Argon2 hash plus its non-secret 4-character look-up prefix.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.reference.models import ReportedPersonBase


class Anonymity(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonim (tanpa identitas)")
    CONFIDENTIAL = "confidential", _("Rahasia (identitas disegel)")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima, menunggu kajian awal")
    AWAITING_REPORTER = "awaiting_reporter", _("Menunggu jawaban pelapor")
    REGISTERED = "registered", _("Diregistrasi")
    NOT_REGISTERED = "not_registered", _("Tidak diregistrasi")


class Report(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    receipt_prefix = models.CharField(max_length=4, db_index=True)
    receipt_hash = models.CharField(max_length=200)
    pseudonym = models.CharField(_("nama samaran pelapor"), max_length=40)
    anonymity = models.CharField(_("kerahasiaan"), max_length=12, choices=Anonymity.choices)
    identity_sealed = models.TextField(blank=True, help_text="AES-GCM; never plaintext")
    identity_added_at = models.DateTimeField(null=True, blank=True)
    # The sealed identity names the reporter and their address (the formal requirement of a laporan,
    # Perbawaslu 7/2022): only this yes/no is kept in clear, never the identity itself.
    identity_complete = models.BooleanField(_("identitas pelapor lengkap"), default=False)
    witnesses_sealed = models.TextField(blank=True, help_text="AES-GCM; never plaintext")
    witness_count = models.PositiveSmallIntegerField(default=0)
    # An e-mail address the reporter left to hear "there is news, open your receipt" (sealed like the
    # identity, used for nothing else, removable by the reporter at any time).
    notify_email_sealed = models.TextField(blank=True, help_text="AES-GCM; never plaintext")

    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED, db_index=True
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("wilayah kejadian"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "reference.Election",
        verbose_name=_("pemilihan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("tempat kejadian"), max_length=300)
    event_date = models.DateField(_("tanggal kejadian"))
    known_date = models.DateField(_("tanggal diketahui"))
    what = models.TextField(_("apa yang terjadi"))
    chronology = models.TextField(_("kronologi"), blank=True)

    deadline = models.DateField(_("batas waktu pelaporan"))
    on_time = models.BooleanField(_("tepat waktu"), default=True)
    deadline_note = models.CharField(_("catatan batas waktu"), max_length=300, blank=True)

    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Random, so references reveal no volumes; reports from before keep their numbered reference.
    public_reference = models.CharField(max_length=24, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity="anonymous", identity_sealed="")
                | ~models.Q(anonymity="anonymous"),
                name="intake_anonymous_has_no_identity",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The staff-facing reference, e.g. ``LPR-2026-7KQ2-M9XD`` (not a secret, not the receipt);
        reports from before random references keep their number, e.g. ``LPR-2026-000042``."""
        if self.public_reference:
            return self.public_reference
        year = self.submitted_at.year if self.submitted_at else 0
        return f"LPR-{year}-{self.pk or 0:06d}"


class ReportedPerson(ReportedPersonBase):
    """A reported civil servant (terlapor), as the reporter wrote it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reported")
    agency_name = models.CharField(_("instansi (ditulis pelapor)"), max_length=200, blank=True)


class ReportLink(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("tautan"), max_length=1000)
    submitted_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class CleanState(models.TextChoices):
    PENDING = "pending", _("sedang dibersihkan")
    WORKING = "working", _("sedang dibersihkan")
    DONE = "done", _("salinan bersih siap")
    FAILED = "failed", _("tidak dapat dibersihkan")


class Evidence(models.Model):
    """An evidence file. The original is kept byte for byte (encrypted at rest) with its SHA-256;
    every kind gets a copy without metadata or active content (``clean_path``, made by the worker),
    which is what staff see. The reporter's file name is not kept (it can name the reporter)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=8)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    original_path = models.CharField(max_length=200)
    clean_path = models.CharField(max_length=200, blank=True)
    clean_sha256 = models.CharField(max_length=64, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    from_reporter = models.BooleanField(default=True)
    # The original on disk is encrypted under its own data key, sealed here (empty: stored in clear
    # before issue 15). It is opened only by an audited action (actions.open_original).
    original_key_sealed = models.TextField(blank=True)
    # The clean copy (no metadata, no active content) is made by the worker, not in the request.
    clean_state = models.CharField(max_length=8, choices=CleanState.choices, default=CleanState.PENDING)
    clean_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self) -> str:
        return f"{self.kind} {self.sha256[:12]}"

    @property
    def extension(self) -> str:
        return self.original_path.rsplit(".", 1)[-1]


class MessageAuthor(models.TextChoices):
    STAFF = "staff", _("Pengawas")
    REPORTER = "reporter", _("Pelapor")


class Message(models.Model):
    """A question from staff to the reporter or the reporter's answer."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=8, choices=MessageAuthor.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author_kind} {self.created_at:%Y-%m-%d}"


class ReportEvent(models.Model):
    """Append-only timeline of a report. Never holds the reporter's identity."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def kind_label(self) -> str:
        """The event in words (both languages)."""
        from jaganetral.intake.words import event_label

        return event_label(self.kind)


class AccessStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    REFUSED = "refused", _("Ditolak")


class IdentityAccessRequest(models.Model):
    """A supervisor asks to see a sealed identity, with a reason; a custodian decides."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="access_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=AccessStatus.choices, default=AccessStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("permintaan akses identitas")
        verbose_name_plural = _("permintaan akses identitas")

    def __str__(self) -> str:
        return f"{self.report_id} {self.status}"


class NoticeKind(models.TextChoices):
    """What the reporter is told with the receipt (Perbawaslu 7/2022: the status of the report)."""

    REGISTERED = "registered", _("Laporan diregistrasi")
    NOT_REGISTERED = "not_registered", _("Laporan tidak diregistrasi")
    FORWARDED = "forwarded", _("Diteruskan ke BKN")
    STOPPED = "stopped", _("Penanganan dihentikan")
    OUTCOME = "outcome", _("Hasil tindak lanjut ASN terlapor")


class ReporterNotice(models.Model):
    """One notice of status to the reporter, read with the receipt. ``data`` holds only what the
    reporter may read: the reason in words and, per reported civil servant, their number in the
    case (ASN 1, ASN 2), agency and outcome; never a name of the reporter, a witness or a civil
    servant."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    at = models.DateTimeField(db_index=True)
    data = models.JSONField(default=dict, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("pemberitahuan kepada pelapor")
        verbose_name_plural = _("pemberitahuan kepada pelapor")

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} {self.at:%Y-%m-%d}"
