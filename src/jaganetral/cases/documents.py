"""Printable documents (A4 PDFs with page numbers, from HTML templates) and the referral package.

Nothing here contains the reporter's identity: cases hold none, and the package takes only the
metadata-free copies of evidence files, never the originals.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from jaganetral.cases.models import Case, Clarification
from jaganetral.cases.workflow import STATE_LABELS

DEFAULT_AUTHORITY = "Kepala Badan Kepegawaian Negara (BKN)"


def authority_name() -> str:
    """The receiving authority is configuration (BKN since KASN was dissolved in 2024)."""
    return str(getattr(settings, "CASES_AUTHORITY_NAME", DEFAULT_AUTHORITY))


def _pdf(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    html = render_to_string(template, {**context, "printed_at": timezone.localtime()})
    return bytes(HTML(string=html).write_pdf())


def clarification_pdf(case: Case, record: Clarification) -> bytes:
    return _pdf("cases/pdf/clarification.html", {"case": case, "record": record})


def invitation_pdf(case: Case, invite: dict[str, object]) -> bytes:
    """The invitation to a clarification (the party may decline: attendance cannot be compelled)."""
    return _pdf("cases/pdf/invitation.html", {"case": case, "invite": invite})


def referral_letter_pdf(case: Case) -> bytes:
    study = case.studies.order_by("-created_at", "-id").first()
    return _pdf(
        "cases/pdf/referral.html",
        {
            "case": case,
            "study": study,
            "authority": authority_name(),
            "persons": list(case.reported.select_related("agency")),
            "state_label": STATE_LABELS[case.state_enum],
            "clarifications": list(case.clarifications.all()),
        },
    )


def referral_package(case: Case) -> bytes:
    """ZIP: the referral letter, the clean copies of the evidence files, and a manifest of hashes."""
    from jaganetral.intake.evidence import EvidenceError, path_of

    buf = io.BytesIO()
    lines = [f"Paket penerusan {case.reference}", f"Dibuat {timezone.localtime():%d-%m-%Y %H:%M}", ""]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        letter = referral_letter_pdf(case)
        zf.writestr("surat-penerusan.pdf", letter)
        lines.append(f"surat-penerusan.pdf  sha256 {hashlib.sha256(letter).hexdigest()}")
        evidence = list(case.report.evidence.all()) if case.report else []
        for n, ev in enumerate(evidence, 1):
            if not ev.clean_path:
                lines.append(f"bukti-{n:02d}: tidak disertakan (tidak ada salinan bersih tanpa metadata)")
                continue
            try:
                data = path_of(ev.clean_path).read_bytes()
            except (EvidenceError, OSError):
                lines.append(f"bukti-{n:02d}: berkas tidak ditemukan")
                continue
            name = f"bukti-{n:02d}.{ev.clean_path.rsplit('.', 1)[-1]}"
            zf.writestr(name, data)
            lines.append(f"{name}  sha256 {hashlib.sha256(data).hexdigest()}")
        zf.writestr("daftar-isi.txt", "\n".join(lines) + "\n")
    return buf.getvalue()
