"""Cross-cutting tables: the audit log every action writes to in its own transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One row per write, export or read of sealed data. Never holds a reporter's identity."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class JobClaim(models.Model):
    """A periodic job's claim on one period (e.g. the audit-heads export of one day): inserted in the
    transaction that does the work, so on every database exactly one process, on any machine, does
    it; a failed run rolls its claim back and the next tick tries again."""

    name = models.CharField(max_length=60)
    key = models.CharField(max_length=40)
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "key"], name="core_job_claim_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.key}"


class Counter(models.Model):
    """A rate-limit count shared by every process (when no shared cache is configured): the key is
    a keyed hash, never an address; the row is worthless after ``expires_at``."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:16]}…: {self.count}"
