"""Printable records of a case (A4 PDFs with the office's letterhead and page numbers, from HTML
templates): Form B.1/B.2, the clarification record B.12 with the oath records B.10/B.11, and the
study (kajian). The letters an office sends are in :mod:`jaganetral.cases.letters`, the referral
package in :mod:`jaganetral.cases.package`.

Nothing here contains the reporter's identity: cases hold none, the forms say "dirahasiakan", and a
clarification names the reporter only as "Pelapor".
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import letters, needtoknow, permissions, selectors
from jaganetral.cases.errors import CaseError, Forbidden
from jaganetral.cases.models import Case, CaseAttachment, Clarification, Source, Study
from jaganetral.reference import document_forms
from jaganetral.reference.calendar import reporting_deadline

authority_name = letters.authority_name


def _html(template: str, context: dict[str, object]) -> str:
    return render_to_string(template, {**context, "printed_at": timezone.localtime()})


def _pdf(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    return bytes(HTML(string=_html(template, context)).write_pdf())


def _head(case: Case, form_key: str) -> dict[str, Any]:
    """What every record's letterhead needs: the office (of the case's region) and the form."""
    office = letters.office_of(case)
    label = document_forms.form(form_key)
    return {
        "case": case,
        "office": office,
        "signer": office.signer,
        "form_label": label["label"],
        "form": label,
    }


def clarification_record(case: Case, record_pk: int) -> Clarification:
    """One clarification record of the (already scoped) case, or 404."""
    record = case.clarifications.filter(pk=record_pk).first() if 0 < record_pk < 2**62 else None
    if record is None:
        raise Http404("berita acara tidak ditemukan")
    return record


def study_record(case: Case, study_pk: int) -> Study:
    record = case.studies.filter(pk=study_pk).first() if 0 < study_pk < 2**62 else None
    if record is None:
        raise Http404("kajian tidak ditemukan")
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


# --- the clarification record (B.12) and the oath records (B.10, B.11) -------------------------


def clarification_context(case: Case, record: Clarification, viewer: User | None) -> dict[str, Any]:
    """The berita acara as ``viewer`` may read it: witnesses' and the reporter's names only for
    Bawaslu (cases/needtoknow.py); ``None``: a copy that leaves Bawaslu (always redacted)."""
    red = needtoknow.redactor(viewer, case)
    shown = needtoknow.clarification_for(red, record)
    cited = letters.articles(list(case.alleged_rules), case.rulebook_version)
    return {
        **_head(case, "clarification"),
        "record": record,
        "articles": cited,
        "parties": shown.parties,
        "statement": shown.statement,
        "summary": red.text(case.summary),
        "attended": [p for p in shown.parties if p.get("attended")],
        "supervisor": record.recorded_by.get_full_name() or record.recorded_by.username,
    }


def clarification_html(case: Case, record: Clarification, viewer: User | None) -> str:
    return _html("cases/pdf/clarification.html", clarification_context(case, record, viewer))


def clarification_pdf(case: Case, record: Clarification, viewer: User | None) -> bytes:
    return _pdf("cases/pdf/clarification.html", clarification_context(case, record, viewer))


def oath_parties(record: Clarification) -> list[tuple[int, dict[str, Any]]]:
    """The parties who swore (index in the record, party): those present when the oath was taken."""
    if not record.oath_taken:
        return []
    return [(n, p) for n, p in enumerate(record.parties) if p.get("attended")]


def oath_party(record: Clarification, index: int) -> dict[str, Any]:
    for n, party in oath_parties(record):
        if n == index:
            return party
    raise Http404("berita acara sumpah tidak ada")


def oath_form_key(party: dict[str, Any]) -> str:
    return "oath_expert" if party.get("role") == "ahli" else "oath"


def oath_pdf(case: Case, record: Clarification, index: int, viewer: User | None = None) -> bytes:
    """B.10 (reporter, reported party, witness) or B.11 (expert): one person's oath before the
    clarification. A witness's or the reporter's name only for readers with need to know
    (``viewer`` None: the copy in the referral package, redacted)."""
    red = needtoknow.redactor(viewer, case)
    party = dict(red.parties(record.parties)[index]) if 0 <= index < len(record.parties) else {}
    oath_party(record, index)  # 404 unless this party swore
    expert = party.get("role") == "ahli"
    return _pdf(
        "cases/pdf/oath.html",
        {
            **_head(case, oath_form_key(party)),
            "record": record,
            "party": party,
            "oath": document_forms.oath(expert),
            "supervisor": record.recorded_by.get_full_name() or record.recorded_by.username,
        },
    )


# --- the study (kajian) ----------------------------------------------------------------------


def study_pdf(case: Case, study: Study, viewer: User | None = None) -> bytes:
    """The study as ``viewer`` may read it (``None``: the copy in the referral package, redacted)."""
    red = needtoknow.redactor(viewer, case)
    persons = list(case.reported.select_related("agency"))
    cited = letters.articles(list(study.rules_found), study.rulebook_version or case.rulebook_version)
    return _pdf(
        "cases/pdf/study.html",
        {
            **_head(case, "study"),
            "study": study,
            "persons": persons,
            "articles": cited,
            "alleged": letters.articles(list(case.alleged_rules), case.rulebook_version),
            "clarifications": [needtoknow.clarification_for(red, c) for c in case.clarifications.all()],
            "conclusion": red.text(study.conclusion),
            "summary": red.text(case.summary),
            "author": study.recorded_by.get_full_name() or study.recorded_by.username,
            "date": timezone.localtime(study.created_at).date(),
            "authority": authority_name(),
        },
    )


# --- Form B.1 (Formulir Laporan) / B.2 (Formulir Temuan) ----------------------------------------


def is_report_form(case: Case) -> bool:
    """B.1 for a case opened from a public report; B.2 for a supervisor's or screening finding."""
    return case.source == Source.LAPORAN and case.report_id is not None


def form_filename(case: Case) -> str:
    return "formulir-b1-laporan.pdf" if is_report_form(case) else "formulir-b2-temuan.pdf"


def _form(case: Case, viewer: User | None) -> tuple[str, dict[str, object]]:
    """Template and context of the case's B.1/B.2 form. The reporter's identity is never in it:
    cases hold none, and the form says "dirahasiakan" (supervisors also see the pseudonym).
    ``viewer`` None: the copy for the referral package (shareable attachments, no pseudonym)."""
    sees_all = viewer is not None and selectors.sees_all_attachments(viewer)
    attachments = (
        list(selectors.attachments_for(viewer, case))
        if viewer is not None
        else list(CaseAttachment.objects.filter(case=case, shareable=True))
    )
    red = needtoknow.redactor(viewer, case)
    context: dict[str, object] = {
        **_head(case, "report" if is_report_form(case) else "finding"),
        "summary": red.text(case.summary),
        "persons": list(case.reported.select_related("agency")),
        "attachments": attachments,
        "alleged": letters.articles(list(case.alleged_rules), case.rulebook_version),
        "witnesses": [
            p["name"]
            for c in case.clarifications.all()
            for p in needtoknow.shown_parties(c.parties, full=red.full)
            if p.get("role") == "saksi"
        ],
    }
    if is_report_form(case):
        report = case.report
        assert report is not None  # noqa: S101 - is_report_form checked it
        # the same rule and date as the case page's reporting clock: the case's election decides
        rule, due = reporting_deadline(report.known_date, case.election)
        unit = _("hari kerja") if rule.working else _("hari kalender")
        context.update(
            deadline=due,
            deadline_rule=_("%(days)d %(unit)s sejak tanggal diketahui %(known)s")
            % {"days": rule.days, "unit": unit, "known": f"{report.known_date:%d-%m-%Y}"},
            report=report,
            pseudonym=report.pseudonym if sees_all else "",
            what=red.text(report.what),
            chronology=red.text(report.chronology),
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


def form_html(case: Case, viewer: User | None) -> str:
    template, context = _form(case, viewer)
    return _html(template, context)


def form_pdf(case: Case, viewer: User | None) -> bytes:
    template, context = _form(case, viewer)
    return _pdf(template, context)
