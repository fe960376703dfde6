"""Printable documents (A4 PDFs with page numbers, from HTML templates) and the referral package.

Nothing here contains the reporter's identity: cases hold none, the forms say "dirahasiakan", and
the package takes only the metadata-free copies of the reporter's evidence files (never the
originals) and only the attachments a supervisor marked as holding no reporter identity.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import needtoknow, permissions, selectors
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import Case, CaseAttachment, Clarification, Source
from jaganetral.cases.workflow import state_label
from jaganetral.reference.clocks import reporting_rule
from jaganetral.reference.models import Region

DEFAULT_AUTHORITY = "Kepala Badan Kepegawaian Negara (BKN)"


def authority_name() -> str:
    """The receiving authority is configuration (BKN since KASN was dissolved in 2024)."""
    return str(getattr(settings, "CASES_AUTHORITY_NAME", DEFAULT_AUTHORITY))


def _html(template: str, context: dict[str, object]) -> str:
    return render_to_string(template, {**context, "printed_at": timezone.localtime()})


def _pdf(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    return bytes(HTML(string=_html(template, context)).write_pdf())


def clarification_record(case: Case, record_pk: int) -> Clarification:
    """One clarification record of the (already scoped) case, or 404."""
    record = case.clarifications.filter(pk=record_pk).first() if 0 < record_pk < 2**62 else None
    if record is None:
        raise Http404("berita acara tidak ditemukan")
    return record


def forwarded(case: Case) -> Case:
    """The case, when it was forwarded to the authority (its referral letter and package exist)."""
    if case.forwarded_at is None:
        raise Http404("kasus belum diteruskan")
    return case


INVITATION_STATES = ("registered", "clarification")


def check_invitation(actor: User, case: Case) -> None:
    """Only supervisors invite to a clarification, and only while the case is registered or in
    clarification."""
    if not policy.can(actor, permissions.SUPERVISE):
        raise Forbidden(str(_("Hanya pengawas yang membuat undangan klarifikasi.")))
    if case.state not in INVITATION_STATES:
        raise CaseError(str(_("Undangan klarifikasi hanya untuk kasus yang diregistrasi.")))


def clarification_pdf(case: Case, record: Clarification, viewer: User) -> bytes:
    return _pdf(*_clarification(case, record, viewer))


def clarification_html(case: Case, record: Clarification, viewer: User) -> str:
    return _html(*_clarification(case, record, viewer))


def _clarification(case: Case, record: Clarification, viewer: User) -> tuple[str, dict[str, object]]:
    """The berita acara as ``viewer`` may read it: witnesses' and the reporter's names only for
    Bawaslu (cases/needtoknow.py)."""
    red = needtoknow.redactor(viewer, case)
    shown = needtoknow.clarification_for(red, record)
    return (
        "cases/pdf/clarification.html",
        {
            "case": case,
            "record": record,
            "parties": shown.parties,
            "statement": shown.statement,
            "summary": red.text(case.summary),
        },
    )


def invitation_pdf(case: Case, invite: dict[str, object]) -> bytes:
    """The invitation to a clarification (the party may decline: attendance cannot be compelled)."""
    return _pdf("cases/pdf/invitation.html", {"case": case, "invite": invite})


def _office_name(case: Case) -> str:
    office = Region.objects.filter(pk=case.office).first()
    return office.name if office else case.office


def referral_letter_pdf(case: Case) -> bytes:
    return _pdf(*_referral(case))


def referral_letter_html(case: Case) -> str:
    return _html(*_referral(case))


def _referral(case: Case) -> tuple[str, dict[str, object]]:
    """The letter forwarding the case, dated the day it was forwarded and signed (name block) by the
    supervisor who forwarded it. It goes to the authority: no witness's or reporter's name."""
    study = case.studies.order_by("-created_at", "-id").first()
    red = needtoknow.redactor(None, case)  # the letter goes to the authority: never a witness's name
    sent = case.events.filter(kind="transition", to_state="forwarded").select_related("actor").last()
    signer = sent.actor if sent is not None else None
    return (
        "cases/pdf/referral.html",
        {
            "case": case,
            "office": _office_name(case),
            "forwarded_on": timezone.localtime(case.forwarded_at)
            if case.forwarded_at
            else timezone.localtime(),
            "signer": (signer.get_full_name() or signer.username) if signer else "",
            "study": study,
            "conclusion": red.text(study.conclusion) if study else "",
            "summary": red.text(case.summary),
            "authority": authority_name(),
            "persons": list(case.reported.select_related("agency")),
            "state_label": state_label(case.state_enum),
            "clarifications": [needtoknow.clarification_for(red, c) for c in case.clarifications.all()],
        },
    )


# --- Form B.1 (Formulir Laporan) / B.2 (Formulir Temuan) ----------------------------------------


def is_report_form(case: Case) -> bool:
    """B.1 for a case opened from a public report; B.2 for a supervisor's or screening finding."""
    return case.source == Source.LAPORAN and case.report_id is not None


def form_filename(case: Case) -> str:
    return "formulir-b1-laporan.pdf" if is_report_form(case) else "formulir-b2-temuan.pdf"


def _form(case: Case, viewer: User) -> tuple[str, dict[str, object]]:
    """Template and context of the case's B.1/B.2 form. The reporter's identity is never in it:
    cases hold none, and the form says "dirahasiakan" (supervisors also see the pseudonym)."""
    red = needtoknow.redactor(viewer, case)
    context: dict[str, object] = {
        "case": case,
        "summary": red.text(case.summary),
        "persons": list(case.reported.select_related("agency")),
        "office": _office_name(case),
        "attachments": list(selectors.attachments_for(viewer, case)),
        "witnesses": [
            p["name"]
            for c in case.clarifications.all()
            for p in needtoknow.shown_parties(c.parties, full=needtoknow.sees_witnesses(viewer))
            if p.get("role") == "saksi"
        ],
    }
    if is_report_form(case):
        report = case.report
        assert report is not None  # noqa: S101 - is_report_form checked it
        rule = reporting_rule(report.election)
        unit = _("hari kerja") if rule.working else _("hari kalender")
        context.update(
            deadline_rule=_("%(days)d %(unit)s sejak tanggal diketahui %(known)s")
            % {"days": rule.days, "unit": unit, "known": f"{report.known_date:%d-%m-%Y}"},
            report=report,
            what=red.text(report.what),
            chronology=red.text(report.chronology),
            pseudonym=report.pseudonym if selectors.sees_all_attachments(viewer) else "",
            evidence=list(report.evidence.all()),
            links=report.links.count(),
        )
        return "cases/pdf/form_b1.html", context
    first = case.events.order_by("seq").first()
    context.update(
        finder=case.created_by,
        capture=first.data if first is not None and first.kind == "opened_from_screening" else None,
    )
    return "cases/pdf/form_b2.html", context


def form_html(case: Case, viewer: User) -> str:
    template, context = _form(case, viewer)
    return _html(template, context)


def form_pdf(case: Case, viewer: User) -> bytes:
    template, context = _form(case, viewer)
    return _pdf(template, context)


def _shareable_attachments(case: Case) -> list[CaseAttachment]:
    return list(CaseAttachment.objects.filter(case=case, shareable=True).select_related("clarification"))


def referral_package(case: Case) -> bytes:
    """ZIP: the referral letter, the clean copies of the evidence files, the attachments marked as
    holding no reporter identity (images as clean copies, under neutral names), and a manifest of
    hashes."""
    from jaganetral.cases import attachments as store
    from jaganetral.intake.evidence import EvidenceError, path_of

    buf = io.BytesIO()
    lines = [
        _("Paket penerusan %(case)s") % {"case": case.reference},
        _("Dibuat %(when)s") % {"when": f"{timezone.localtime():%d-%m-%Y %H:%M}"},
        "",
    ]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        letter = referral_letter_pdf(case)
        zf.writestr("surat-penerusan.pdf", letter)
        lines.append(f"surat-penerusan.pdf  sha256 {hashlib.sha256(letter).hexdigest()}")
        evidence = list(case.report.evidence.all()) if case.report else []
        for n, ev in enumerate(evidence, 1):
            if not ev.clean_path:
                lines.append(
                    _("%(name)s: tidak disertakan (tidak ada salinan bersih tanpa metadata)")
                    % {"name": f"bukti-{n:02d}"}
                )
                continue
            try:
                data = path_of(ev.clean_path).read_bytes()
            except (EvidenceError, OSError):
                lines.append(_("%(name)s: berkas tidak ditemukan") % {"name": f"bukti-{n:02d}"})
                continue
            name = f"bukti-{n:02d}.{ev.clean_path.rsplit('.', 1)[-1]}"
            zf.writestr(name, data)
            lines.append(f"{name}  sha256 {hashlib.sha256(data).hexdigest()}")
        for n, att in enumerate(_shareable_attachments(case), 1):
            name = f"lampiran-{n:02d}.{att.extension}"
            try:
                data = store.path_of(att.clean_path or att.path).read_bytes()
            except (CaseError, OSError):
                lines.append(_("%(name)s: berkas tidak ditemukan") % {"name": name})
                continue
            zf.writestr(name, data)
            about = (
                ", " + _("klarifikasi %(date)s") % {"date": f"{att.clarification.held_on:%d-%m-%Y}"}
                if att.clarification
                else ""
            )
            original = ", " + _("asli sha256 %(sha256)s") % {"sha256": att.sha256} if att.clean_path else ""
            lines.append(f"{name}  sha256 {hashlib.sha256(data).hexdigest()}{original}{about}")
        zf.writestr("daftar-isi.txt", "\n".join(lines) + "\n")
    return buf.getvalue()
