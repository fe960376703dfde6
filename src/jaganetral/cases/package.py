"""The referral package (ZIP) a forwarded case goes to BKN with: every record of the case (the
referral letter and the other letters as issued, Form B.1/B.2, each clarification record B.12 and
its oath records B.10/B.11, the study), the clean copies of the reporter's evidence files, the
attachments a supervisor marked as holding no reporter identity, and an index ``daftar-isi.csv``
(file, form, SHA-256, note).

No reporter identity: cases hold none, the forms say "dirahasiakan" and print no pseudonym,
clarifications name the reporter only as "Pelapor", the evidence goes only as its metadata-free
copy (never the original), and attachments not marked shareable stay out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import documents, letters
from jaganetral.cases.actions.letters import letter_bytes
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, CaseAttachment, LetterKind
from jaganetral.reference import document_forms

INDEX = "daftar-isi.csv"


def _form_label(key: str) -> str:
    form = document_forms.form(key)
    return f"{form['label']} {form['title']}".strip()


def referral_package(case: Case, actor: User | None = None) -> bytes:
    """The ZIP of a forwarded case (the referral letter is issued first if nobody asked yet)."""
    from jaganetral.cases import attachments as store
    from jaganetral.intake.evidence import EvidenceError, path_of

    documents.forwarded(case)
    rows: list[tuple[str, str, str, str]] = []
    buf = io.BytesIO()

    def add(zf: zipfile.ZipFile, name: str, form: str, data: bytes, note: str = "") -> None:
        zf.writestr(name, data)
        rows.append((name, form, hashlib.sha256(data).hexdigest(), note))

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        referral = letters.referral_letter(actor, case)
        add(zf, "01-surat-penerusan.pdf", _("Surat penerusan"), letter_bytes(referral), referral.number)
        add(
            zf,
            "02-" + documents.form_filename(case),
            _form_label("report" if documents.is_report_form(case) else "finding"),
            documents.form_pdf(case, None),
        )
        n = 3
        for record in case.clarifications.all():
            day = f"{record.held_on:%Y%m%d}"
            add(
                zf,
                f"{n:02d}-berita-acara-klarifikasi-{day}.pdf",
                _form_label("clarification"),
                documents.clarification_pdf(case, record, None),
            )
            n += 1
            for index, party in documents.oath_parties(record):
                key = documents.oath_form_key(party)
                add(
                    zf,
                    f"{n:02d}-berita-acara-sumpah-{day}-{index + 1}.pdf",
                    _form_label(key),
                    documents.oath_pdf(case, record, index, None),
                    str(party.get("role", "")),
                )
                n += 1
        for study in case.studies.all():
            add(zf, f"{n:02d}-kajian-{study.pk}.pdf", _form_label("study"), documents.study_pdf(case, study))
            n += 1
        for letter in case.letters.exclude(kind=LetterKind.REFERRAL).order_by("id"):
            try:
                data = letter_bytes(letter)
            except Http404:  # a missing file is listed, not fatal
                rows.append(
                    (f"surat-{letter.pk}", letter.get_kind_display(), "", _("berkas tidak ditemukan"))
                )
                continue
            add(
                zf,
                f"{n:02d}-surat-{letter.kind}-{letter.pk}.pdf",
                letter.get_kind_display(),
                data,
                letter.number,
            )
            n += 1
        evidence = list(case.report.evidence.all()) if case.report else []
        for i, ev in enumerate(evidence, 1):
            name = f"bukti-{i:02d}"
            if not ev.clean_path:
                rows.append(
                    (name, _("Bukti"), "", _("tidak disertakan (tidak ada salinan bersih tanpa metadata)"))
                )
                continue
            try:
                data = path_of(ev.clean_path).read_bytes()
            except (EvidenceError, OSError):
                rows.append((name, _("Bukti"), "", _("berkas tidak ditemukan")))
                continue
            add(
                zf,
                f"{name}.{ev.clean_path.rsplit('.', 1)[-1]}",
                _("Bukti (salinan tanpa metadata)"),
                data,
                _("asli sha256 %(sha256)s") % {"sha256": ev.sha256},
            )
        shareable = CaseAttachment.objects.filter(case=case, shareable=True).select_related("clarification")
        for i, att in enumerate(shareable, 1):
            name = f"lampiran-{i:02d}.{att.extension}"
            try:
                data = store.path_of(att.clean_path or att.path).read_bytes()
            except (CaseError, OSError):
                rows.append((name, _("Lampiran"), "", _("berkas tidak ditemukan")))
                continue
            notes = []
            if att.clean_path:
                notes.append(_("asli sha256 %(sha256)s") % {"sha256": att.sha256})
            if att.clarification:
                notes.append(_("klarifikasi %(date)s") % {"date": f"{att.clarification.held_on:%d-%m-%Y}"})
            add(zf, name, _("Lampiran"), data, "; ".join(notes))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([_("berkas"), _("formulir"), "sha256", _("keterangan")])
        writer.writerows(rows)
        writer.writerow([])
        writer.writerow(
            [
                _("Paket penerusan %(case)s, dibuat %(when)s")
                % {"case": case.reference, "when": f"{timezone.localtime():%d-%m-%Y %H:%M}"}
            ]
        )
        zf.writestr(INDEX, out.getvalue())
    return buf.getvalue()
