"""Letters an office sends (A4 PDFs with letterhead, number, Sifat, Lampiran, Hal, addressee, body
citing the legal articles, city and date, signature block and tembusan): the invitation to a
clarification, the referral to BKN and the notice of status to the reporter. Each is numbered in
its office's register and kept as issued (:mod:`jaganetral.cases.actions.letters`).

The office is that of the case's region, else its province's, else the national office
(:func:`jaganetral.reference.selectors.office_for`). The legal articles come from the rulebook
version the case was judged under, never the catalogue's internal codes. The reporter's identity is
never in a letter: the notice is addressed to "the reporter of report number ..." and delivered
through the receipt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.cases import needtoknow
from jaganetral.cases.actions.letters import LetterHead, issue_letter, letter_bytes
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, Letter, LetterKind
from jaganetral.cases.workflow import State, stop_label
from jaganetral.reference.models import Office
from jaganetral.reference.selectors import office_for

MAX_ARTICLES = 30


@dataclass(frozen=True)
class Article:
    """One rule of the catalogue as a letter cites it: what the act is and where the law says so."""

    title: str
    basis: str


def office_of(case: Case) -> Office:
    return office_for(case.region_id)


def parent_office(office: Office) -> Office | None:
    """The office above (a regency's province office, a province's national office)."""
    if not office.code:
        return None
    parent = office.code.rsplit(".", 1)[0] if "." in office.code else ""
    found = office_for(parent)
    return found if found.code != office.code else None


def articles(codes: list[str], version: str) -> list[Article]:
    """The legal articles of rule ``codes`` in rulebook ``version`` (the current one when the case
    names none or the version is unknown), in the order given."""
    from jaganetral.rulebook import selectors as rulebook

    found = (rulebook.version_by_name(version) if version else None) or rulebook.current_version()
    if found is None or not codes:
        return []
    rules = rulebook.rules_by_codes(found, list(codes)[:MAX_ARTICLES])
    out = []
    for code in codes[:MAX_ARTICLES]:
        rule = rules.get(code)
        if rule is None:
            continue
        basis = "; ".join(
            f"{b.get('article', '')} {b.get('instrument', '')}".strip()
            for b in rule.data.get("basis", [])
            if isinstance(b, dict)
        )
        out.append(Article(rule.title, basis))
    return out


def citation(items: list[Article]) -> str:
    """Every distinct legal basis of ``items``, joined (for one sentence of a letter)."""
    seen: list[str] = []
    for item in items:
        for part in item.basis.split("; "):
            if part and part not in seen:
                seen.append(part)
    return "; ".join(seen)


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported lazily: pango loads slowly

    html = render_to_string(template, {**context, "printed_at": timezone.localtime()})
    return bytes(HTML(string=html).write_pdf())


def _base(case: Case, office: Office, head: LetterHead) -> dict[str, Any]:
    return {"case": case, "office": office, "head": head, "signer": office.signer}


# --- the invitation to a clarification -----------------------------------------------------

ROLE_WORDS = {"terlapor": "terlapor", "saksi": "saksi", "ahli": "ahli", "pelapor": "pelapor"}


def issue_invitation(actor: User, case: Case, invite: dict[str, Any]) -> Letter:
    """Number and keep an invitation to a clarification (attendance cannot be compelled). A
    witness's or the reporter's name stays off the timeline."""
    office = office_of(case)
    role = str(invite.get("role", ""))
    cited = articles(list(case.alleged_rules), case.rulebook_version)

    def render(head: LetterHead) -> bytes:
        return _pdf(
            "cases/pdf/invitation.html",
            {
                **_base(case, office, head),
                "invite": invite,
                "articles": cited,
                "citation": citation(cited),
                "subject": _("Undangan klarifikasi"),
                "nature": _("Segera"),
                "addressee": invite["name"],
                "addressee_lines": [],
                "copies": [_("Arsip")],
            },
        )

    shown = str(invite["name"]) if role == "terlapor" else _("%(role)s (nama pada surat)") % {"role": role}
    return issue_letter(
        actor=actor,
        case=case,
        office=office,
        kind=LetterKind.INVITATION,
        addressee=str(invite["name"]),
        subject=_("Undangan klarifikasi"),
        render=render,
        timeline_addressee=shown,
        detail={"role": role},
    )


# --- the referral to BKN -----------------------------------------------------------------------


def authority_name() -> str:
    from django.conf import settings

    return str(getattr(settings, "CASES_AUTHORITY_NAME", "Kepala Badan Kepegawaian Negara (BKN)"))


def referral_letter(actor: User | None, case: Case) -> Letter:
    """The referral letter of a forwarded case: issued (numbered, dated the day the case was
    forwarded) the first time anyone asks for it, then always the same file."""
    if case.forwarded_at is None:
        raise Http404("kasus belum diteruskan")
    existing = case.letters.filter(kind=LetterKind.REFERRAL).order_by("id").first()
    if existing is not None:
        return existing
    office = office_of(case)
    study = case.studies.order_by("-created_at", "-id").first()
    persons = list(case.reported.select_related("agency"))
    found = [p for p in persons if p.proven is not False]
    codes = list(study.rules_found) if study and study.rules_found else list(case.alleged_rules)
    cited = articles(codes, (study.rulebook_version if study else "") or case.rulebook_version)
    agencies = sorted({p.agency.name if p.agency else p.agency_name for p in found} - {""})
    above = parent_office(office)
    copies = [
        *([above.signer["title"] or _("Pimpinan %(office)s") % {"office": above.name}] if above else []),
        *[_("Pejabat Pembina Kepegawaian %(agency)s") % {"agency": a} for a in agencies],
        _("Arsip"),
    ]
    forwarded_on = timezone.localtime(case.forwarded_at).date()
    clarifications = list(case.clarifications.all())
    red = needtoknow.redactor(None, case)  # the letter leaves Bawaslu: never a witness's name

    def render(head: LetterHead) -> bytes:
        return _pdf(
            "cases/pdf/referral.html",
            {
                **_base(case, office, head),
                "study": study,
                "persons": found,
                "articles": cited,
                "citation": citation(cited),
                "clarifications": clarifications,
                "summary": red.text(case.summary),
                "conclusion": red.text(study.conclusion) if study else "",
                "subject": _("Penerusan dugaan pelanggaran netralitas Aparatur Sipil Negara"),
                "nature": _("Segera"),
                "enclosures": _("1 (satu) berkas"),
                "addressee": authority_name(),
                "addressee_lines": [],
                "copies": copies,
            },
        )

    return issue_letter(
        actor=actor,
        case=case,
        office=office,
        kind=LetterKind.REFERRAL,
        addressee=authority_name(),
        subject=_("Penerusan dugaan pelanggaran netralitas Aparatur Sipil Negara"),
        render=render,
        on=forwarded_on,
    )


def referral_pdf(actor: User | None, case: Case) -> bytes:
    return letter_bytes(referral_letter(actor, case))


# --- the notice of status to the reporter ----------------------------------------------------

NOTICE_REGISTERED, NOTICE_NOT_REGISTERED, NOTICE_FORWARDED, NOTICE_STOPPED = (
    "diregistrasi",
    "tidak_diregistrasi",
    "diteruskan",
    "dihentikan",
)
REGISTERED_STATES = {State.REGISTERED, State.CLARIFICATION, State.STUDY}


def notice_status(case: Case) -> str:
    """Which status a notice to the reporter would tell now; CaseError when there is none to tell
    (a finding has no reporter; a report still under initial review has no status yet)."""
    if case.report_id is None:
        raise CaseError(_("Kasus ini temuan pengawas: tidak ada pelapor yang diberi tahu."))
    state = case.state_enum
    if state == State.NOT_REGISTERED:
        return NOTICE_NOT_REGISTERED
    if state == State.STOPPED:
        return NOTICE_STOPPED
    if case.forwarded_at is not None:
        return NOTICE_FORWARDED
    if state in REGISTERED_STATES:
        return NOTICE_REGISTERED
    raise CaseError(_("Belum ada status yang dapat diberitahukan kepada pelapor (laporan masih dikaji)."))


def _reason(case: Case, state: State) -> str:
    event = case.events.filter(kind="transition", to_state=state.value).order_by("-seq").first()
    return event.reason if event is not None else ""


def issue_status_notice(actor: User | None, case: Case, on: dt.date | None = None) -> Letter:
    """The notice telling the reporter the case's status (registered / not registered and why /
    forwarded / stopped and why), once per status: asked again, the same letter."""
    status = notice_status(case)
    existing = (
        case.letters.filter(kind=LetterKind.STATUS_NOTICE, detail__status=status).order_by("id").first()
    )
    if existing is not None:
        return existing
    office = office_of(case)
    report = case.report
    assert report is not None  # noqa: S101 - notice_status checked it
    reason = ""
    if status == NOTICE_NOT_REGISTERED:
        reason = _reason(case, State.NOT_REGISTERED)
    elif status == NOTICE_STOPPED:
        label = stop_label(case.stop_reason_enum) if case.stop_reason_enum else ""
        reason = "; ".join(x for x in (label, _reason(case, State.STOPPED)) if x)
    study = case.studies.order_by("-created_at", "-id").first()
    if study is not None and study.rules_found:
        cited = articles(list(study.rules_found), study.rulebook_version or case.rulebook_version)
    else:
        cited = articles(list(case.alleged_rules), case.rulebook_version)
    addressee = _("Pelapor laporan nomor %(ref)s") % {"ref": report.reference}

    def render(head: LetterHead) -> bytes:
        return _pdf(
            "cases/pdf/status_notice.html",
            {
                **_base(case, office, head),
                "report": report,
                "status": status,
                "reason": reason,
                "articles": cited,
                "citation": citation(cited),
                "forwarded_on": timezone.localtime(case.forwarded_at).date() if case.forwarded_at else None,
                "authority": authority_name(),
                "subject": _("Pemberitahuan status laporan"),
                "nature": _("Biasa"),
                "addressee": addressee,
                "addressee_lines": [_("(identitas pelapor dirahasiakan; disampaikan melalui tanda terima)")],
                "copies": [_("Arsip")],
            },
        )

    return issue_letter(
        actor=actor,
        case=case,
        office=office,
        kind=LetterKind.STATUS_NOTICE,
        addressee=addressee,
        subject=_("Pemberitahuan status laporan"),
        render=render,
        on=on,
        detail={"status": status, "reason": reason[:300]},
    )


def letter_for(case: Case, letter_pk: int) -> Letter:
    """One letter of the (already scoped) case, or 404."""
    letter = case.letters.filter(pk=letter_pk).first() if 0 < letter_pk < 2**62 else None
    if letter is None:
        raise Http404("surat tidak ditemukan")
    return letter
