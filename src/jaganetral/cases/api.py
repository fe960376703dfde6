"""JSON API for cases: ``/api/v1/cases``. Bearer token; every object is scoped (404 outside)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from jaganetral.accounts import policy
from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User
from jaganetral.cases import actions, documents, letters, package, permissions, selectors
from jaganetral.cases import attachments as attachment_store
from jaganetral.cases import schemas as s
from jaganetral.cases.actions.letters import letter_bytes
from jaganetral.cases.errors import CaseError
from jaganetral.cases.forms import AttachmentForm, first_error
from jaganetral.cases.models import Case
from jaganetral.cases.views import attachment_response, document_response
from jaganetral.intake.selectors import report_for_staff
from jaganetral.reference.models import Agency, Election, Region

router = Router(tags=["kasus"], auth=token_auth)
T = TypeVar("T")
MAX_ID = 2**62


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101
    return user


def _run(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except CaseError as exc:
        raise HttpError(exc.status, str(exc)) from None


def _case(user: User, case_id: int) -> Case:
    if not 0 < case_id < MAX_ID:
        raise Http404("kasus tidak ditemukan")
    return selectors.case_for(user, case_id)


def _agency(code: str) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise HttpError(400, _("Instansi tidak dikenal: %(code)s.") % {"code": code})
    return agency


def _persons(items: list[s.PersonIn]) -> list[actions.PersonInput]:
    return [
        actions.PersonInput(p.name, p.nip, _agency(p.agency), p.agency_name, p.position, p.employment)
        for p in items
    ]


def _election(code: str) -> Election | None:
    if not code:
        return None
    election = Election.objects.filter(code=code).first()
    if election is None:
        raise HttpError(400, _("Pemilihan tidak dikenal: %(code)s.") % {"code": code})
    return election


def _detail(user: User, case: Case) -> s.CaseDetail:
    full = selectors.case_detail(user, case.pk)
    return s.case_detail(full, user, timezone.now(), list(selectors.attachments_for(user, full)))


@router.get("/cases", response=list[s.CaseItem], summary="Daftar kasus (terlingkup)")
def list_cases(
    request: HttpRequest,
    state: str = Query("", max_length=30),
    region: str = Query("", max_length=13),
    election: str = Query("", max_length=60),
    overdue: bool | None = None,
    mine: bool = False,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> list[s.CaseItem]:
    qs = selectors.case_list(
        _user(request), state=state, region=region, election=election, overdue=overdue, mine=mine
    )
    return [s.case_item(c) for c in qs[offset : offset + limit]]


@router.get("/cases/{int:case_id}", response=s.CaseDetail, summary="Rincian kasus: linimasa dan batas waktu")
def get_case(request: HttpRequest, case_id: int) -> s.CaseDetail:
    user = _user(request)
    return _detail(user, _case(user, case_id))


@router.post("/cases", response={201: s.CaseDetail}, summary="Buka kasus dari laporan masuk")
def register(request: HttpRequest, payload: s.RegisterIn) -> Status[s.CaseDetail]:
    user = _user(request)
    # One answer for a report that does not exist, lies outside the user's scope, or that the
    # user's role may not open: no way to learn which report ids exist.
    try:
        if not policy.can(user, permissions.SUPERVISE):
            raise Http404
        report = report_for_staff(user, payload.report_id)
    except Http404:
        raise HttpError(404, _("Laporan tidak ditemukan.")) from None
    election = _election(payload.election)
    case = _run(
        lambda: actions.register_case_from_report(
            actor=user, report=report, election=election, rules=payload.rules
        )
    )
    return Status(201, _detail(user, case))


@router.post("/cases/findings", response={201: s.CaseDetail}, summary="Catat temuan pengawas (Form A / LHP)")
def finding(request: HttpRequest, payload: s.FindingIn) -> Status[s.CaseDetail]:
    user = _user(request)
    election = _election(payload.election)
    region = Region.objects.filter(pk=payload.region).first()
    if election is None or region is None:
        raise HttpError(400, _("Pemilihan dan wilayah kejadian wajib diisi dengan kode yang dikenal."))
    data = actions.FindingInput(
        election=election,
        region=region,
        summary=payload.summary,
        persons=_persons(payload.persons),
        place=payload.place,
        event_date=payload.event_date,
        known_date=payload.known_date,
        lhp_number=payload.lhp_number,
        rules=payload.rules,
    )
    case = _run(lambda: actions.record_finding(actor=user, data=data))
    return Status(201, _detail(user, case))


@router.post("/cases/assign", response=s.DoneOut, summary="Serahkan beberapa kasus sekaligus")
def assign(request: HttpRequest, payload: s.AssignIn) -> s.DoneOut:
    user = _user(request)
    cases = [_case(user, pk) for pk in dict.fromkeys(payload.case_ids)]
    assignee = None
    if payload.user_id is not None:
        assignee = User.objects.filter(pk=payload.user_id, is_active=True).first()
        if assignee is None:
            raise HttpError(400, _("Pengguna tidak dikenal."))
    n = _run(lambda: actions.assign(actor=user, cases=cases, user=assignee))
    return s.DoneOut(detail=_("%(n)d kasus diserahkan.") % {"n": n})


@router.post(
    "/cases/transitions", response=s.BulkOut, summary="Pindahkan beberapa kasus sekaligus (bila diizinkan)"
)
def bulk_transition(request: HttpRequest, payload: s.BulkTransitionIn) -> s.BulkOut:
    user = _user(request)
    cases = [_case(user, pk) for pk in dict.fromkeys(payload.case_ids)]
    result = _run(
        lambda: actions.transition_many(actor=user, cases=cases, target=payload.target, reason=payload.reason)
    )
    return s.BulkOut(moved=result.moved, refused={str(k): v for k, v in result.refused.items()})


@router.get("/cases/notifications", response=s.NotificationPage, summary="Pemberitahuan saya")
def notifications(
    request: HttpRequest,
    unread: bool = False,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> s.NotificationPage:
    """The caller's own notifications (e.g. a legal deadline passed): unread first, newest first."""
    user = _user(request)
    qs = selectors.notifications_for(user, unread_only=unread)
    return s.NotificationPage(
        count=qs.count(),
        unread=selectors.unread_count(user),
        items=[s.notification_out(n) for n in qs[offset : offset + limit]],
    )


@router.post(
    "/cases/notifications/read", response=s.NotificationsReadOut, summary="Tandai semua pemberitahuan dibaca"
)
def notifications_read(request: HttpRequest) -> s.NotificationsReadOut:
    n = actions.mark_notifications_read(actor=_user(request))
    return s.NotificationsReadOut(detail=_("%(n)d pemberitahuan ditandai sudah dibaca.") % {"n": n}, marked=n)


@router.post(
    "/cases/notifications/{int:notification_id}/read",
    response=s.NotificationOut,
    summary="Tandai satu pemberitahuan dibaca",
)
def notification_read(request: HttpRequest, notification_id: int) -> s.NotificationOut:
    if not 0 < notification_id < MAX_ID:
        raise Http404("pemberitahuan tidak ditemukan")
    user = _user(request)
    return s.notification_out(actions.mark_notification_read(actor=user, notification_id=notification_id))


@router.post("/cases/{int:case_id}/transitions", response=s.CaseDetail, summary="Pindahkan status kasus")
def transition(request: HttpRequest, case_id: int, payload: s.TransitionIn) -> s.CaseDetail:
    user = _user(request)
    case = _case(user, case_id)
    case = _run(
        lambda: actions.transition(
            actor=user,
            case=case,
            target=payload.target,
            reason=payload.reason,
            stop_reason=payload.stop_reason or None,
        )
    )
    return _detail(user, case)


@router.post("/cases/{int:case_id}/allegation", response=s.CaseDetail, summary="Dugaan aturan dan terlapor")
def allegation(request: HttpRequest, case_id: int, payload: s.AllegationIn) -> s.CaseDetail:
    user = _user(request)
    case = _case(user, case_id)
    persons = _persons(payload.add_persons)
    _run(lambda: actions.set_allegation(actor=user, case=case, rules=payload.rules, add_persons=persons))
    return _detail(user, case)


@router.post(
    "/cases/{int:case_id}/extension", response=s.CaseDetail, summary="Perpanjang batas waktu penanganan"
)
def extension(request: HttpRequest, case_id: int, payload: s.ReasonIn) -> s.CaseDetail:
    user = _user(request)
    case = _case(user, case_id)
    _run(lambda: actions.extend_handling(actor=user, case=case, reason=payload.reason))
    return _detail(user, case)


@router.post(
    "/cases/{int:case_id}/links", response={201: s.DoneOut}, summary="Tautkan kasus duplikat/terkait"
)
def link(request: HttpRequest, case_id: int, payload: s.LinkIn) -> Status[s.DoneOut]:
    user = _user(request)
    case, other = _case(user, case_id), _case(user, payload.other_id)
    made = _run(lambda: actions.link_cases(actor=user, case=case, other=other, kind=payload.kind))
    return Status(201, s.DoneOut(detail=_("Kasus ditautkan."), id=made.pk))


def _record(
    request: HttpRequest, case_id: int, fn: Callable[[User, Case], Any], what: str
) -> Status[s.DoneOut]:
    user = _user(request)
    case = _case(user, case_id)
    record = _run(lambda: fn(user, case))
    return Status(201, s.DoneOut(detail=_("%(what)s dicatat.") % {"what": what}, id=record.pk))


@router.post(
    "/cases/{int:case_id}/clarifications", response={201: s.DoneOut}, summary="Catat sesi klarifikasi"
)
def clarification(request: HttpRequest, case_id: int, payload: s.ClarificationIn) -> Status[s.DoneOut]:
    parties = [actions.PartyInput(p.role, p.name, p.attended) for p in payload.parties]
    return _record(
        request,
        case_id,
        lambda u, c: actions.record_clarification(
            actor=u,
            case=c,
            held_on=payload.held_on,
            place=payload.place,
            parties=parties,
            oath_offered=payload.oath_offered,
            oath_taken=payload.oath_taken,
            statement=payload.statement,
            started_at=payload.started_at,
            clerk=payload.clerk,
        ),
        _("Klarifikasi"),
    )


@router.post("/cases/{int:case_id}/studies", response={201: s.DoneOut}, summary="Catat kajian")
def study(request: HttpRequest, case_id: int, payload: s.StudyIn) -> Status[s.DoneOut]:
    return _record(
        request,
        case_id,
        lambda u, c: actions.record_study(
            actor=u,
            case=c,
            conclusion=payload.conclusion,
            rules_found=payload.rules_found,
            violation=payload.violation,
            proven=payload.proven,
        ),
        _("Kajian"),
    )


# --- attachments and documents --------------------------------------------------------------

_BINARY = {"type": "string", "format": "binary"}


def _file_response(content_type: str, description: str) -> dict[str, object]:
    return {"responses": {200: {"description": description, "content": {content_type: {"schema": _BINARY}}}}}


@router.post(
    "/cases/{int:case_id}/attachments",
    response={201: list[s.AttachmentOut]},
    summary="Unggah lampiran ke linimasa atau berita acara klarifikasi (multipart)",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": _BINARY},
                            "note": {"type": "string", "maxLength": 4000},
                            "clarification": {
                                "type": "integer",
                                "description": "id berita acara klarifikasi",
                            },
                            "shareable": {
                                "type": "boolean",
                                "description": "berkas tidak memuat identitas pelapor; boleh diteruskan",
                            },
                        },
                        "required": ["files"],
                    }
                }
            }
        }
    },
)
def upload_attachments(request: HttpRequest, case_id: int) -> Status[list[s.AttachmentOut]]:
    user = _user(request)
    _run(lambda: attachment_store.check_request_size(request.META.get("CONTENT_LENGTH")))
    case = _case(user, case_id)
    form = AttachmentForm(request.POST)
    if not form.is_valid():
        raise HttpError(400, first_error(form))
    d = form.cleaned_data
    rows = _run(
        lambda: actions.add_attachments(
            actor=user,
            case=case,
            files=request.FILES.getlist("files"),
            note=d["note"],
            clarification_id=d["clarification"],
            shareable=d["shareable"],
        )
    )
    fresh = {a.pk: a for a in selectors.attachments_for(user, case).filter(pk__in=[r.pk for r in rows])}
    return Status(201, [s.attachment_out(fresh[r.pk]) for r in rows])


@router.get(
    "/cases/{int:case_id}/attachments/{uuid:uid}",
    summary="Unduh lampiran (salinan tanpa metadata untuk gambar; asli=true untuk berkas asli)",
    openapi_extra=_file_response("application/octet-stream", "Berkas lampiran"),
)
def download_attachment(
    request: HttpRequest, case_id: int, uid: UUID, asli: bool = False
) -> HttpResponseBase:
    user = _user(request)
    if not 0 < case_id < MAX_ID:
        raise Http404("kasus tidak ditemukan")
    attachment = selectors.attachment_for(user, case_id, uid)
    return attachment_response(user, attachment, original=asli)


@router.get(
    "/cases/{int:case_id}/form.pdf",
    summary="Formulir Model B.1 (laporan) atau B.2 (temuan), PDF tanpa identitas pelapor",
    openapi_extra=_file_response("application/pdf", "Formulir B.1/B.2"),
)
def form_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    return document_response(
        user, case, documents.form_filename(case), documents.form_pdf(case, user), "application/pdf"
    )


@router.get(
    "/cases/{int:case_id}/clarifications/{int:record_id}/berita-acara.pdf",
    summary="Berita acara klarifikasi (PDF)",
    openapi_extra=_file_response("application/pdf", "Berita acara klarifikasi"),
)
def clarification_pdf(request: HttpRequest, case_id: int, record_id: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    record = documents.clarification_record(case, record_id)
    data = documents.clarification_pdf(case, record, user)
    return document_response(user, case, f"klarifikasi-{record.pk}.pdf", data, "application/pdf")


@router.post(
    "/cases/{int:case_id}/invitation.pdf",
    summary="Undangan klarifikasi (PDF; hanya pengawas, kasus diregistrasi atau dalam klarifikasi)",
    openapi_extra=_file_response("application/pdf", "Undangan klarifikasi"),
)
def invitation_pdf(request: HttpRequest, case_id: int, payload: s.InvitationIn) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    _run(lambda: documents.check_invitation(user, case))
    letter = letters.issue_invitation(user, case, payload.dict())
    data = letter_bytes(letter)
    return document_response(user, case, "undangan-klarifikasi.pdf", data, "application/pdf")


@router.get(
    "/cases/{int:case_id}/referral.pdf",
    summary="Surat penerusan ke otoritas (PDF; kasus yang sudah diteruskan)",
    openapi_extra=_file_response("application/pdf", "Surat penerusan"),
)
def referral_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = documents.forwarded(selectors.case_detail(user, _case(user, case_id).pk))
    data = letters.referral_pdf(user, case)
    return document_response(user, case, "surat-penerusan.pdf", data, "application/pdf")


@router.get(
    "/cases/{int:case_id}/referral.zip",
    summary="Paket penerusan (ZIP: surat, formulir, berita acara, kajian, salinan bukti tanpa metadata, "
    "lampiran yang boleh diteruskan, daftar isi dengan SHA-256)",
    openapi_extra=_file_response("application/zip", "Paket penerusan"),
)
def referral_zip(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = documents.forwarded(selectors.case_detail(user, _case(user, case_id).pk))
    data = package.referral_package(case, user)
    return document_response(user, case, "paket-penerusan.zip", data, "application/zip")


@router.get(
    "/cases/{int:case_id}/clarifications/{int:record_id}/sumpah-{int:index}.pdf",
    summary="Berita acara sumpah/janji (Formulir B.10, ahli B.11) pihak ke-INDEX yang bersumpah (PDF)",
    openapi_extra=_file_response("application/pdf", "Berita acara sumpah/janji"),
)
def oath_pdf(request: HttpRequest, case_id: int, record_id: int, index: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    record = documents.clarification_record(case, record_id)
    data = documents.oath_pdf(case, record, index - 1 if 0 < index < 100 else -1, user)
    return document_response(user, case, f"sumpah-{record.pk}-{index}.pdf", data, "application/pdf")


@router.get(
    "/cases/{int:case_id}/studies/{int:study_id}/kajian.pdf",
    summary="Kajian dugaan pelanggaran (PDF)",
    openapi_extra=_file_response("application/pdf", "Kajian"),
)
def study_pdf(request: HttpRequest, case_id: int, study_id: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    study = documents.study_record(case, study_id)
    return document_response(
        user, case, f"kajian-{study.pk}.pdf", documents.study_pdf(case, study, user), "application/pdf"
    )


@router.get(
    "/cases/{int:case_id}/letters/{int:letter_id}.pdf",
    summary="Surat keluar kasus, sebagaimana diterbitkan (nomor dan SHA-256 ada di linimasa)",
    openapi_extra=_file_response("application/pdf", "Surat keluar"),
)
def letter_pdf(request: HttpRequest, case_id: int, letter_id: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    letter = letters.letter_for(case, letter_id)
    return document_response(user, case, f"surat-{letter.pk}.pdf", letter_bytes(letter), "application/pdf")


@router.post(
    "/cases/{int:case_id}/status-notice.pdf",
    summary="Surat pemberitahuan status kepada pelapor (sekali per status; hanya pengawas)",
    openapi_extra=_file_response("application/pdf", "Pemberitahuan status laporan"),
)
def status_notice_pdf(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_detail(user, _case(user, case_id).pk)
    if not policy.can(user, permissions.SUPERVISE):
        raise HttpError(403, _("Hanya pengawas yang membuat surat pemberitahuan status."))
    letter = _run(lambda: letters.issue_status_notice(user, case))
    return document_response(
        user, case, f"pemberitahuan-status-{letter.pk}.pdf", letter_bytes(letter), "application/pdf"
    )
