"""JSON API for reports. The reporter's side needs no account: the receipt goes in the
``X-Receipt`` header, never in the URL. Staff read their scoped queue with a Bearer token."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User
from jaganetral.core import challenge
from jaganetral.intake import actions, notices, selectors, service
from jaganetral.intake.evidence import EvidenceError
from jaganetral.intake.forms import AddEvidenceForm, NotifyEmailForm, ReplyForm, ReportForm, first_error
from jaganetral.intake.models import Report
from jaganetral.lib import receipt as receipt_lib

router = Router(tags=["pelaporan"])

REPORT_FIELDS = {
    "anonymity": {"type": "string", "enum": ["anonymous", "confidential"]},
    "reported_name": {"type": "string"},
    "reported_nip": {"type": "string", "description": "18 angka, boleh kosong"},
    "reported_agency": {"type": "integer"},
    "reported_agency_name": {"type": "string"},
    "reported_position": {"type": "string"},
    "region": {"type": "string", "description": "kode Kemendagri, mis. 33.20"},
    "place": {"type": "string"},
    "event_date": {"type": "string", "format": "date"},
    "known_date": {"type": "string", "format": "date"},
    "election": {"type": "string", "description": "kode pemilihan, mis. pilkada-2024"},
    "what": {"type": "string"},
    "chronology": {"type": "string"},
    "witnesses": {"type": "string", "description": "satu saksi per baris (disegel)"},
    "links": {"type": "string", "description": "satu tautan per baris"},
    "name": {"type": "string", "description": "nama pelapor (wajib jika confidential; disegel)"},
    "notify_email": {"type": "string", "format": "email", "description": "surel untuk kabar (disegel)"},
    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
}


def _multipart(properties: dict[str, object], required: list[str]) -> dict[str, object]:
    return {
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": properties, "required": required}
                }
            }
        }
    }


class ReceiptOut(Schema):
    receipt: str
    status_url: str
    reference: str
    on_time: bool
    deadline: date
    deadline_note: str


class MessageOut(Schema):
    author: str
    body: str
    created_at: datetime


class StageOut(Schema):
    kind: str
    at: datetime
    title: str
    text: str


class PersonOutcomeOut(Schema):
    asn: str
    agency: str
    outcome: str
    outcome_label: str


class NoticeOut(Schema):
    at: datetime
    kind: str
    kind_label: str


class StatusOut(Schema):
    reference: str
    status: str
    status_label: str
    stage: str
    stages: list[StageOut]
    people: list[PersonOutcomeOut]
    notices: list[NoticeOut]
    notify_email: bool
    submitted_at: datetime
    on_time: bool
    deadline: date
    deadline_note: str
    anonymity: str
    evidence_files: int
    links: int
    messages: list[MessageOut]


class AddedOut(Schema):
    detail: str


class ChallengeRequired(HttpError):
    """429 with a fresh proof-of-work challenge: solve it and send the payload in ``X-Altcha``."""

    def __init__(self, message: str) -> None:
        super().__init__(429, message)
        self.challenge = challenge.issue()


def _refused(exc: service.Refused) -> HttpError:
    if exc.challenge:
        return ChallengeRequired(exc.message)
    return HttpError(exc.status, exc.message)


@router.post(
    "/reports",
    response={201: ReceiptOut},
    summary="Kirim laporan (multipart)",
    openapi_extra=_multipart(
        REPORT_FIELDS, ["anonymity", "reported_name", "region", "place", "event_date", "known_date", "what"]
    ),
)
def submit(request: HttpRequest) -> Status[ReceiptOut]:
    # Kept out of Django's error reports (debug pages, error e-mails) should anything fail.
    request.sensitive_post_parameters = [*actions.IDENTITY_FIELDS, "witnesses", "notify_email"]  # type: ignore[attr-defined]
    try:
        service.check_request_size(request)
        service.check_submit_rate(request)
    except service.Refused as exc:
        raise _refused(exc) from None
    form = ReportForm(request.POST, names=False)
    if not form.is_valid():
        raise HttpError(400, first_error(form))
    try:
        report, code = actions.submit_report(data=form.to_input(), files=request.FILES.getlist("files"))
    except (actions.IntakeError, EvidenceError) as exc:
        raise HttpError(400, str(exc)) from None
    return Status(
        201,
        ReceiptOut(
            receipt=receipt_lib.display(code),
            status_url=request.build_absolute_uri(reverse("api:intake_status")),
            reference=report.reference,
            on_time=report.on_time,
            deadline=report.deadline,
            deadline_note=report.deadline_note,
        ),
    )


def _by_header(request: HttpRequest) -> Report:
    raw = request.headers.get("X-Receipt", "")
    if not raw:
        raise HttpError(401, _("Sertakan kode tanda terima di header X-Receipt."))
    try:
        return service.lookup(request, raw)
    except service.Refused as exc:
        raise _refused(exc) from None


@router.get(
    "/reports/status",
    response=StatusOut,
    summary="Status laporan (header X-Receipt)",
    url_name="intake_status",
)
def status(request: HttpRequest) -> StatusOut:
    report = _by_header(request)
    progress = selectors.reporter_status(report)
    return StatusOut(
        reference=report.reference,
        status=report.status,
        status_label=progress.stage_label,
        stage=progress.stage,
        stages=[StageOut(kind=st.kind, at=st.at, title=st.title, text=st.text) for st in progress.stages],
        people=[
            PersonOutcomeOut(asn=f"ASN {p.n}", agency=p.agency, outcome=p.state, outcome_label=p.label)
            for p in progress.people
        ],
        notices=[
            NoticeOut(at=n.at, kind=n.kind, kind_label=str(n.get_kind_display())) for n in progress.notices
        ],
        notify_email=progress.notify_email,
        submitted_at=report.submitted_at,
        on_time=report.on_time,
        deadline=report.deadline,
        deadline_note=report.deadline_note,
        anonymity=report.anonymity,
        evidence_files=report.evidence.count(),
        links=report.links.count(),
        messages=[
            MessageOut(author=m.author_kind, body=m.body, created_at=m.created_at)
            for m in report.messages.all()
        ],
    )


@router.post(
    "/reports/status/replies",
    response={201: AddedOut},
    summary="Jawab pertanyaan pengawas (header X-Receipt)",
    openapi_extra=_multipart({"body": {"type": "string"}}, ["body"]),
)
def reply(request: HttpRequest) -> Status[AddedOut]:
    report = _by_header(request)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise HttpError(400, first_error(form))
    try:
        actions.reporter_reply(report=report, body=form.cleaned_data["body"])
    except actions.IntakeError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, AddedOut(detail=_("Jawaban terkirim.")))


@router.post(
    "/reports/status/files",
    response={201: AddedOut},
    summary="Tambah bukti: berkas dan/atau tautan (header X-Receipt)",
    openapi_extra=_multipart({"links": REPORT_FIELDS["links"], "files": REPORT_FIELDS["files"]}, []),
)
def add_files(request: HttpRequest) -> Status[AddedOut]:
    try:
        service.check_request_size(request)
    except service.Refused as exc:
        raise _refused(exc) from None
    report = _by_header(request)
    form = AddEvidenceForm(request.POST)
    if not form.is_valid():
        raise HttpError(400, first_error(form))
    try:
        n = actions.reporter_add_evidence(
            report=report, files=request.FILES.getlist("files"), links=form.cleaned_data["links"]
        )
    except (actions.IntakeError, EvidenceError) as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, AddedOut(detail=_("%(n)d bukti ditambahkan.") % {"n": n}))


@router.post(
    "/reports/status/notify-email",
    response={201: AddedOut},
    summary="Simpan surel untuk kabar, disegel (header X-Receipt)",
    openapi_extra=_multipart({"notify_email": REPORT_FIELDS["notify_email"]}, ["notify_email"]),
)
def set_notify_email(request: HttpRequest) -> Status[AddedOut]:
    request.sensitive_post_parameters = ["notify_email"]  # type: ignore[attr-defined]
    report = _by_header(request)
    form = NotifyEmailForm(request.POST)
    if not form.is_valid():
        raise HttpError(400, first_error(form))
    try:
        notices.set_notify_email(report=report, email=form.cleaned_data["notify_email"])
    except actions.IntakeError as exc:
        raise HttpError(400, str(exc)) from None
    return Status(201, AddedOut(detail=_("Alamat surel tersimpan dalam keadaan tersegel.")))


@router.delete(
    "/reports/status/notify-email",
    response=AddedOut,
    summary="Hapus surel untuk kabar (header X-Receipt)",
)
def remove_notify_email(request: HttpRequest) -> AddedOut:
    report = _by_header(request)
    removed = notices.remove_notify_email(report=report)
    return AddedOut(detail=_("Alamat surel dihapus.") if removed else _("Tidak ada alamat surel tersimpan."))


class QueueItem(Schema):
    id: int
    reference: str
    status: str
    region: str
    election: str | None
    submitted_at: datetime
    event_date: date
    known_date: date
    on_time: bool
    anonymity: str
    pseudonym: str
    reported: list[str]
    evidence_files: int


@router.get("/intake/queue", response=list[QueueItem], auth=token_auth, summary="Antrean laporan (petugas)")
def queue(request: HttpRequest) -> list[QueueItem]:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101
    return [
        QueueItem(
            id=r.pk,
            reference=r.reference,
            status=r.status,
            region=r.region_id,
            election=r.election.code if r.election else None,
            submitted_at=r.submitted_at,
            event_date=r.event_date,
            known_date=r.known_date,
            on_time=r.on_time,
            anonymity=r.anonymity,
            pseudonym=r.pseudonym,
            reported=[p.name for p in r.reported.all()],
            evidence_files=r.evidence_count,  # type: ignore[attr-defined]
        )
        for r in selectors.intake_queue(user)[:500]
    ]
