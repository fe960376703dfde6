"""Requests of data subjects (UU 27/2022 Ps 14: made by a recorded request): a reporter's, made with
the receipt, or a civil servant's in the screening registry, recorded by staff who received it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    REPORTER = "reporter", _("Pelapor")
    ASN = "asn", _("ASN dalam daftar penyaringan")


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Akses dan salinan data")
    CORRECTION = "correction", _("Perbaikan data")
    ERASURE = "erasure", _("Penghapusan data")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Menunggu jawaban")
    DONE = "done", _("Dipenuhi")
    REFUSED = "refused", _("Ditolak, dengan alasan")


class DataRequest(models.Model):
    subject = models.CharField(_("subjek data"), max_length=10, choices=Subject.choices)
    kind = models.CharField(_("jenis permintaan"), max_length=12, choices=RequestKind.choices)
    # the reporter's report (kept when the report's content is purged later: SET_NULL)
    report = models.ForeignKey(
        "intake.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the civil servant in the registry (SET_NULL: the request outlives an erased entry)
    person = models.ForeignKey(
        "screening.AsnPerson", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    details = models.TextField(_("uraian permintaan"), blank=True)
    # a reporter's corrected identity, sealed like the identity itself (never in clear)
    correction_sealed = models.TextField(blank=True, help_text="AES-GCM; never plaintext")
    channel = models.CharField(_("diterima melalui"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("batas jawaban"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    answer = models.TextField(_("jawaban"), blank=True)

    class Meta:
        ordering = ["status", "due_at", "id"]
        verbose_name = _("permintaan subjek data")
        verbose_name_plural = _("permintaan subjek data")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject="reporter", person__isnull=True)
                | models.Q(subject="asn", report__isnull=True),
                name="privacy_request_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.kind} {self.status}"

    @property
    def reference(self) -> str:
        return f"PDP-{self.pk or 0:06d}"
