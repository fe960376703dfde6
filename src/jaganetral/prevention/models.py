"""Pledge campaigns and their rosters, briefings with quiz answers, and the minimal trace that
friendly reminders leave (keyed hashes for rate limits and opt-outs, never an address or a body)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Employment(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


def _nonce() -> str:
    return secrets.token_hex(8)


class Campaign(models.Model):
    """A pledge campaign of one agency for one election, read against one rulebook version."""

    agency = models.ForeignKey(
        "reference.Agency", verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+"
    )
    election = models.ForeignKey(
        "reference.Election", verbose_name=_("pemilihan"), on_delete=models.PROTECT, related_name="+"
    )
    rule_version = models.ForeignKey(
        "rulebook.RuleVersion", verbose_name=_("versi katalog"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=200)
    link_days = models.PositiveSmallIntegerField(_("masa berlaku tautan (hari)"), default=30)
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("kampanye ikrar")
        verbose_name_plural = _("kampanye ikrar")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Signer(models.Model):
    """One civil servant on a campaign's roster, and their pledge once signed."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signers")
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("nama"), max_length=200)
    unit = models.CharField(_("unit kerja"), max_length=200, blank=True)
    employment = models.CharField(_("jenis ASN"), max_length=4, choices=Employment.choices)
    email = models.EmailField(_("surel"), blank=True)
    # part of every personal link: a new nonce withdraws the links handed out before
    link_nonce = models.CharField(max_length=16, default=_nonce)
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True, db_index=True)
    certificate_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    reminded_at = models.DateTimeField(_("terakhir diingatkan"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["unit", "name", "pk"]
        verbose_name = _("penanda tangan ikrar")
        verbose_name_plural = _("penanda tangan ikrar")
        constraints = [models.UniqueConstraint(fields=["campaign", "nip"], name="prevention_signer_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def has_signed(self) -> bool:
        return self.signed_at is not None


class Phase(models.TextChoices):
    BEFORE = "before", _("Sebelum sosialisasi")
    AFTER = "after", _("Sesudah sosialisasi")


class Briefing(models.Model):
    """A briefing (sosialisasi) and the quiz drawn for it from one rulebook version."""

    held_on = models.DateField(_("tanggal"))
    agency = models.ForeignKey(
        "reference.Agency",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "reference.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("peserta"), max_length=300)
    materials = models.TextField(_("materi"), max_length=4000, blank=True)
    rule_version = models.ForeignKey(
        "rulebook.RuleVersion", verbose_name=_("versi katalog"), on_delete=models.PROTECT, related_name="+"
    )
    # the drawn questions: [{"rule": code, "example": index}], read from rule_version's rows
    questions = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("sosialisasi")
        verbose_name_plural = _("sosialisasi")

    def __str__(self) -> str:
        return f"{self.held_on:%d-%m-%Y} {self.audience}"


class QuizResponse(models.Model):
    """One anonymous set of answers: no account, no address, no device mark is stored."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="responses")
    phase = models.CharField(max_length=6, choices=Phase.choices)
    answers = models.JSONField(default=list, help_text=_("jawaban per soal, urut soal: true = boleh"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("jawaban kuis")
        verbose_name_plural = _("jawaban kuis")

    def __str__(self) -> str:
        return f"{self.briefing_id}/{self.phase}/{self.pk}"


class ReminderSent(models.Model):
    """That a friendly reminder went out: keyed hashes only, for the rate limits. The recipient's
    hash is stable (so limits and opt-outs hold); the sender's is keyed by a secret that changes
    every day, so it links nothing beyond one day. No address, no IP, no message body."""

    recipient_hash = models.CharField(max_length=64, db_index=True)
    sender_hash = models.CharField(max_length=64, db_index=True)
    rule_code = models.CharField(max_length=20)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")

    def __str__(self) -> str:
        return f"{self.rule_code} {self.sent_at:%Y-%m-%d}"


class ReminderOptOut(models.Model):
    recipient_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penolakan pengingat")
        verbose_name_plural = _("penolakan pengingat")

    def __str__(self) -> str:
        return self.recipient_hash[:12]
