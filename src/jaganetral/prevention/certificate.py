"""The pledge certificate (PDF) and the QR codes of personal and quiz links."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from jaganetral.prevention.models import Signer


def qr_data_uri(url: str, scale: int = 4) -> str:
    """An SVG QR code of ``url`` as a data: URI (allowed by the site's content policy)."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=scale, border=2))


def certificate_pdf(signer: Signer, verify_url: str) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    html = render_to_string(
        "prevention/certificate.html",
        {
            "signer": signer,
            "campaign": signer.campaign,
            "signed_at": timezone.localtime(signer.signed_at) if signer.signed_at else None,
            "verify_url": verify_url,
            "qr": qr_data_uri(verify_url, scale=3),
        },
    )
    return bytes(HTML(string=html).write_pdf())
