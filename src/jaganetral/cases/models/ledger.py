"""The global anchor ledger of case openings (see :class:`CaseAnchor`)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from jaganetral.cases.models.case import AppendOnlyError
from jaganetral.lib import hashchain


class CaseAnchor(models.Model):
    """The global ledger of case openings, hash-chained across all cases: one row per case, written
    in the transaction that opens it, holding the case id and the hash of its first timeline event.

    Each case's own chain shows edits inside its timeline; this ledger shows a case that vanished
    whole (case row and every event deleted). ``case_pk`` is deliberately not a foreign key: the
    row must outlive the case it anchors. Never updated or deleted."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    case_pk = models.PositiveBigIntegerField(unique=True)
    source = models.CharField(max_length=10)
    first_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("jangkar kasus")
        verbose_name_plural = _("jangkar kasus")

    def __str__(self) -> str:
        return f"#{self.seq} kasus {self.case_pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case anchors are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case anchors are append-only")

    def payload(self) -> dict[str, Any]:
        """What the hash covers (the data migration that anchored older cases builds the same)."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "case": self.case_pk,
            "source": self.source,
            "first": self.first_hash,
        }


class AnchorHead(models.Model):
    """The anchor ledger's last sequence number and hash, in one row (pk 1). Appending locks it, so
    concurrent case openings queue up on every database; ``audit verify`` compares it with the
    ledger's last row, so rows cut off the end of the ledger are noticed."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=hashchain.GENESIS)

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
