"""The insights app's writes: an export is recorded in the audit log (who, what, which filters,
how many rows), and Bawaslu's published figures are imported (:mod:`.figures`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases.models import Case
from jaganetral.core import audit
from jaganetral.insights.figures import FigureError, Row
from jaganetral.insights.models import RegionFigure
from jaganetral.reference.models import Region


def record_export(*, actor: User, fmt: str, what: str, params: dict[str, str], rows: int) -> None:
    audit.record("insights.export", actor=actor, obj=Case, format=fmt, what=what, filters=params, rows=rows)


def summary(params: dict[str, Any]) -> dict[str, str]:
    return {k: str(v)[:200] for k, v in params.items()}


def import_figures(*, actor: User | None, rows: list[Row], file_name: str = "") -> int:
    """Write the ASN counts and IKP scores of ``rows`` (a value left empty keeps the stored one);
    refused as a whole when a region code is unknown. Audited."""
    known = set(Region.objects.filter(pk__in=[r.code for r in rows]).values_list("pk", flat=True))
    unknown = sorted({r.code for r in rows} - known)
    if unknown:
        raise FigureError(_("Kode wilayah tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown[:10])})
    with transaction.atomic():
        for row in rows:
            figure, _created = RegionFigure.objects.get_or_create(region_id=row.code)
            if row.asn is not None:
                figure.asn_count = row.asn
            if row.ikp is not None:
                figure.ikp_score = row.ikp
                figure.ikp_year = row.year
            if row.source:
                figure.source = row.source
            figure.save()
        audit.record(
            "insights.import_figures", actor=actor, obj=RegionFigure, rows=len(rows), file=file_name[:200]
        )
    return len(rows)
