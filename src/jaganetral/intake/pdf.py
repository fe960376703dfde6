"""The printable proof of submission (tanda bukti penyampaian laporan), without the reporter's
identity or receipt code, on the letterhead of the office of the report's region."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from jaganetral.intake.models import Report
from jaganetral.reference import document_forms
from jaganetral.reference.selectors import office_for


def receipt_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    office = office_for(report.region_id)
    form = document_forms.form("receipt")
    html = render_to_string(
        "intake/tanda_terima.html",
        {
            "office": office,
            "form": form,
            "form_label": form["label"],
            "report": report,
            "evidence": list(report.evidence.all()),
            "links": report.links.count(),
            "printed_at": timezone.localtime(),
        },
    )
    return bytes(HTML(string=html).write_pdf())
