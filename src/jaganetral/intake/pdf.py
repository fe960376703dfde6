"""The printable proof of submission (tanda terima), without the reporter's identity or receipt."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from jaganetral.intake.models import Report


def receipt_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    html = render_to_string(
        "intake/tanda_terima.html",
        {
            "report": report,
            "evidence": list(report.evidence.all()),
            "links": report.links.count(),
            "printed_at": timezone.localtime(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
