"""Staff users with a role, a region scope and an optional agency scope; API tokens; 2FA policy."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SUPERVISOR = "supervisor", _("Pengawas (Bawaslu)")
    ANALYST = "analyst", _("Analis pengawasan siber")
    CUSTODIAN = "custodian", _("Penjaga identitas pelapor")
    AUTHORITY = "authority", _("Otoritas kepegawaian (BKN)")
    AGENCY = "agency", _("Instansi (PPK/BKD/Inspektorat)")


class NotifyMode(models.TextChoices):
    """How a staff member hears of new notifications by e-mail (the page always lists them)."""

    NOW = "now", _("Segera, satu surel per pemberitahuan")
    DIGEST = "digest", _("Ringkasan harian, satu surel sehari")
    OFF = "off", _("Tidak ada surel (hanya di halaman pemberitahuan)")


class User(AbstractUser):
    """A staff member. ``region_scope`` is a Kemendagri code prefix; empty means national."""

    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, default=Role.SUPERVISOR)
    region_scope = models.ForeignKey(
        "reference.Region",
        verbose_name=_("cakupan wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosong berarti nasional."),
    )
    agency = models.ForeignKey(
        "reference.Agency",
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    notify_mode = models.CharField(
        _("pemberitahuan lewat surel"), max_length=8, choices=NotifyMode.choices, default=NotifyMode.NOW
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def scope(self) -> str:
        return self.region_scope_id or ""

    @property
    def is_national(self) -> bool:
        return not self.scope


def hash_token(raw: str) -> str:
    """API tokens carry 256 random bits, so a fast hash is enough to store them safely."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class TokenScope(models.TextChoices):
    READ = "read", _("baca saja")
    WRITE = "write", _("baca dan ubah")


class ApiToken(models.Model):
    """A personal API token: only its hash is kept; it ends at ``expires_at`` and a ``read`` token
    may only read (GET)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=80)
    prefix = models.CharField(max_length=12, help_text=_("awal token, untuk mengenalinya"))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True)
    scope = models.CharField(_("cakupan"), max_length=8, choices=TokenScope.choices, default=TokenScope.WRITE)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class RolePolicy(models.Model):
    """Per-role security settings that admins edit: whether TOTP two-factor is mandatory."""

    role = models.CharField(_("peran"), max_length=12, choices=Role.choices, unique=True)
    require_two_factor = models.BooleanField(_("wajib verifikasi dua langkah"), default=False)

    class Meta:
        verbose_name = _("kebijakan peran")
        verbose_name_plural = _("kebijakan peran")

    def __str__(self) -> str:
        state = _("wajib") if self.require_two_factor else _("opsional")
        return f"{self.get_role_display()}: 2FA {state}"

    @classmethod
    def requires_two_factor(cls, role: str) -> bool:
        """As the role's row says; without a row, mandatory for the roles in
        ``ACCOUNTS_TWO_FACTOR_ROLES`` (administrator and identity custodian by default)."""
        row = cls.objects.filter(role=role).first()
        if row is not None:
            return row.require_two_factor
        return role in settings.ACCOUNTS_TWO_FACTOR_ROLES


class LoginThrottle(models.Model):
    """Failed log-ins of one account: the key is a keyed hash of the user name (no address, no user
    agent, no plain name); each failure past the free ones makes the next attempt wait longer."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    wait_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key[:8]}…: {self.failures}"
