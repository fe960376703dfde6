"""Screening: registered ASN and their public accounts, imported posts, findings and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.reference.models import Agency, Election, Region


class Platform(models.TextChoices):
    X = "x", "X/Twitter"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    OTHER = "other", _("lainnya")


class AsnPerson(models.Model):
    """A civil servant whose public accounts may be screened."""

    nip = models.CharField("NIP", max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ASN")
        verbose_name_plural = _("ASN")

    def __str__(self) -> str:
        return f"{self.name} ({self.nip})"


class SocialAccount(models.Model):
    person = models.ForeignKey(AsnPerson, on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    handle = models.CharField(_("akun"), max_length=100, help_text=_("tanpa @, huruf kecil"))
    snoozed_until = models.DateTimeField(_("ditunda sampai"), null=True, blank=True)

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="screening_account_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:@{self.handle}"


class Post(models.Model):
    """A public post as imported. Raw text is deleted by the retention job (``purge_expired_posts``)."""

    platform = models.CharField(max_length=10, choices=Platform.choices, default=Platform.X)
    external_id = models.CharField(max_length=64)
    handle = models.CharField(max_length=100, db_index=True)
    account = models.ForeignKey(SocialAccount, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    reply_to = models.CharField(max_length=100, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    imported_at = models.DateTimeField(auto_now_add=True, db_index=True)
    screened_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-posted_at"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "external_id"], name="screening_post_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.external_id}"


class FindingStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu tinjauan")
    MONITOR = "monitor", _("mode pantau")
    CONFIRMED = "confirmed", _("dikonfirmasi")
    DISMISSED = "dismissed", _("ditolak")


class Finding(models.Model):
    """A post scored above the threshold. One per post and detector (dedup)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="findings")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    detector = models.CharField(_("detektor"), max_length=60, default="active")
    status = models.CharField(max_length=10, choices=FindingStatus.choices, default=FindingStatus.QUEUED)
    score = models.FloatField()
    direction = models.CharField(max_length=10, blank=True)
    target = models.PositiveSmallIntegerField(null=True, blank=True)
    rules = models.JSONField(default=list)
    evidence = models.JSONField(default=list)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    # evidence captured on confirmation
    captured_url = models.URLField(max_length=500, blank=True)
    captured_text = models.TextField(blank=True)
    captured_at = models.DateTimeField(null=True, blank=True)
    captured_sha256 = models.CharField(max_length=64, blank=True)
    case_ref = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-score", "due_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "detector"], name="screening_finding_once"),
        ]

    def __str__(self) -> str:
        return f"temuan {self.pk} ({self.score:.2f})"


class Label(models.Model):
    """A reviewer's decision kept as a training label (survives the post's retention)."""

    finding = models.OneToOneField(Finding, null=True, on_delete=models.SET_NULL, related_name="label")
    election = models.ForeignKey(Election, on_delete=models.PROTECT)
    masked_tokens = models.JSONField(default=list, help_text="contestants replaced by placeholders")
    label = models.CharField(max_length=10)  # none | support | attack
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"label {self.label}"
