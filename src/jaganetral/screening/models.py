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
    target_kind = models.CharField(max_length=10, blank=True)  # pair | party | candidate
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


DEFAULT_DETECTOR = "active"  # the built-in detector's name, used while no Detector row is active


class DetectorKind(models.TextChoices):
    ACTIVE = "active", _("aktif")
    MONITOR = "monitor", _("mode pantau")


class Detector(models.Model):
    """A detection setup (model file + threshold). The one active detector's findings go to the review
    queue; every monitor-mode detector scores the same posts and its findings are only recorded
    (``Finding.detector`` holds the name, status ``monitor``), to be compared before a switch."""

    name = models.SlugField(_("nama"), max_length=60, unique=True)
    kind = models.CharField(
        _("jenis"), max_length=10, choices=DetectorKind.choices, default=DetectorKind.MONITOR
    )
    threshold = models.FloatField(_("ambang"), default=0.3)
    model_file = models.CharField(
        _("berkas model"),
        max_length=200,
        blank=True,
        help_text=_("di VAR_DIR/screening/detectors; kosong: model bawaan atau hasil latih ulang"),
    )
    model_sha256 = models.CharField(_("SHA-256 model"), max_length=64, blank=True)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    # every post screened since this time was scored by this detector (null: every stored post)
    seen_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("detektor")
        verbose_name_plural = _("detektor")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="active"),
                name="screening_one_active_detector",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class ImportFormat(models.TextChoices):
    TWEET_HARVEST = "tweet-harvest", _("CSV tweet-harvest")
    CSV = "csv", _("CSV (id, text, username, url, created_at)")
    JSONL = "jsonl", _("JSONL (satu objek per baris)")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu worker")
    CHECKING = "checking", _("memeriksa berkas")
    IMPORTING = "importing", _("mengimpor")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class ImportJob(models.Model):
    """One upload of posts, imported by the background worker; its counts are the progress shown."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the uploader's region scope (null: national); decides who may follow the job
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    stored_name = models.CharField(max_length=100, blank=True, help_text="removed once the job ends")
    file_format = models.CharField(
        _("format"), max_length=20, choices=ImportFormat.choices, default=ImportFormat.TWEET_HARVEST
    )
    platform = models.CharField(max_length=10, choices=Platform.choices, default=Platform.X)
    # our fields (id, text, handle, url, created_at, reply_to) -> the file's columns; {} = the defaults
    mapping = models.JSONField(_("pemetaan kolom"), default=dict, blank=True)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True
    )
    total_bytes = models.PositiveBigIntegerField(default=0)
    bytes_read = models.PositiveBigIntegerField(default=0)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    unregistered = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    # new findings the active detector queued when the imported posts were screened (null: not screened)
    findings = models.PositiveIntegerField(null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)  # the first MAX_JOB_ERRORS row errors
    message = models.TextField(blank=True)  # why the whole job failed (Indonesian)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("impor unggahan")
        verbose_name_plural = _("impor unggahan")

    def __str__(self) -> str:
        return f"impor {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def progress(self) -> tuple[int, int] | None:
        """(value, max) for the progress bar: bytes while checking, rows while importing."""
        if self.status == ImportStatus.CHECKING:
            return min(self.bytes_read, self.total_bytes), max(self.total_bytes, 1)
        if self.status == ImportStatus.IMPORTING:
            total = max(self.total_rows or 0, 1)
            return min(self.rows_read, total), total
        if self.status == ImportStatus.DONE:
            return 1, 1
        return None

    @property
    def percent(self) -> int:
        value = self.progress
        return 0 if value is None else value[0] * 100 // value[1]
