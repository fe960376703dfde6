"""The register of outgoing letters: each office numbers its letters per year, apart from the case
register (a letter's number is never the case's registration number)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.cases.models.case import Case


class LetterKind(models.TextChoices):
    INVITATION = "undangan", _("Undangan klarifikasi")
    REFERRAL = "penerusan", _("Surat penerusan kepada BKN")
    STATUS_NOTICE = "pemberitahuan", _("Pemberitahuan status laporan")


class LetterCounter(models.Model):
    """The last letter number used per office (region code, ``""`` national) and year."""

    office = models.CharField(max_length=13)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="cases_letter_counter_unique")]

    def __str__(self) -> str:
        return f"{self.office or 'RI'} {self.year}: {self.last}"


class Letter(models.Model):
    """One outgoing letter as issued: its number, date, addressee and the SHA-256 of the PDF kept
    (a later download serves the same file, so the hash on the timeline stays true)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("jenis surat"), max_length=20, choices=LetterKind.choices)
    office = models.CharField(_("kantor"), max_length=13, blank=True)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(_("nomor surat"), max_length=120)
    issued_on = models.DateField(_("tanggal surat"))
    addressee = models.CharField(_("kepada"), max_length=300)
    subject = models.CharField(_("hal"), max_length=300)
    # the notice's status for a reporter's notice; the invited person's role for an invitation
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "seq"], name="cases_letter_seq_unique"),
            models.UniqueConstraint(fields=["office", "number"], name="cases_letter_number_unique"),
        ]
        verbose_name = _("surat keluar")
        verbose_name_plural = _("surat keluar")

    def __str__(self) -> str:
        return self.number

    @property
    def filename(self) -> str:
        return f"surat-{self.kind}-{self.pk}.pdf"
