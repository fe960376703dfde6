"""Periodic jobs of the operations layer, run by ``jaganetral tick``: the daily export of the
signed audit heads (:mod:`jaganetral.cases.anchoring`), once a day across every machine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jaganetral.cases import anchoring
from jaganetral.core import audit
from jaganetral.core.tick import claim_period, register


@register("audit.export_heads")
def export_audit_heads(now: datetime) -> int:
    """Sign and export the heads once per local day: a file, and e-mail to AUDIT_HEADS_EMAIL."""
    day = timezone.localtime(now).date().isoformat()
    with transaction.atomic():
        if not claim_period("audit.export_heads", day):
            return 0
        doc = anchoring.build(now)
        path = anchoring.write(doc, Path(settings.AUDIT_HEADS_DIR))
        recipients = list(settings.AUDIT_HEADS_EMAIL)
        anchoring.mail(doc, recipients)
        audit.record(
            "audit.heads_exported",
            actor=None,
            file=path.name,
            key=doc["signature"]["key_id"],
            cases=len(doc["cases"]),
            audit_rows=doc["audit_log"]["count"],
            mailed=len(recipients),
        )
    return 1
