"""Case downloads: documents (PDF, ZIP) and attachments, every one audited."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.cases import actions, documents, forms, letters, package, permissions, selectors
from jaganetral.cases import attachments as attachment_store
from jaganetral.cases.actions.letters import letter_bytes
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, CaseAttachment
from jaganetral.cases.views.pages import _case_pk, _detail, _post_action, _staff, _too_large


def _download(
    request: HttpRequest, pk: int, name: str, make: Callable[[User, Case], bytes], content_type: str
) -> HttpResponse:
    user = _staff(request)
    case = selectors.case_detail(user, _case_pk(pk))
    return document_response(user, case, name, make(user, case), content_type)


def document_response(user: User, case: Case, name: str, data: bytes, content_type: str) -> HttpResponse:
    """A case document as a download, audited (the pages and the API both answer with this)."""
    actions.record_download(actor=user, case=case, document=name)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def clarification_pdf_view(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    def make(user: User, case: Case) -> bytes:
        return documents.clarification_pdf(case, documents.clarification_record(case, record_pk), user)

    return _download(request, pk, f"klarifikasi-{record_pk}.pdf", make, "application/pdf")


@login_required
def oath_pdf_view(request: HttpRequest, pk: int, record_pk: int, index: int) -> HttpResponse:
    """Form B.10/B.11: the oath record of one person who swore before a clarification."""

    def make(user: User, case: Case) -> bytes:
        return documents.oath_pdf(case, documents.clarification_record(case, record_pk), index - 1, user)

    return _download(request, pk, f"sumpah-{record_pk}-{index}.pdf", make, "application/pdf")


@login_required
def study_pdf_view(request: HttpRequest, pk: int, study_pk: int) -> HttpResponse:
    def make(user: User, case: Case) -> bytes:
        return documents.study_pdf(case, documents.study_record(case, study_pk), user)

    return _download(request, pk, f"kajian-{study_pk}.pdf", make, "application/pdf")


@login_required
def letter_pdf_view(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """A letter of the register, as it was issued (the file whose SHA-256 the timeline records)."""

    def make(user: User, case: Case) -> bytes:
        return letter_bytes(letters.letter_for(case, letter_pk))

    return _download(request, pk, f"surat-{letter_pk}.pdf", make, "application/pdf")


@login_required
def referral_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(
        request,
        pk,
        "surat-penerusan.pdf",
        lambda u, c: letters.referral_pdf(u, documents.forwarded(c)),
        "application/pdf",
    )


@login_required
def referral_zip_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(
        request,
        pk,
        "paket-penerusan.zip",
        lambda u, c: package.referral_package(documents.forwarded(c), u),
        "application/zip",
    )


@login_required
@require_POST
def status_notice_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue (once per status) the notice telling the reporter the case's status, and download it."""
    user = _staff(request)
    if not policy.can(user, permissions.SUPERVISE):
        raise PermissionDenied
    case = selectors.case_for(user, _case_pk(pk))
    try:
        letter = letters.issue_status_notice(user, case)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status)
    return document_response(
        user, case, f"pemberitahuan-status-{letter.pk}.pdf", letter_bytes(letter), "application/pdf"
    )


@login_required
@require_POST
def invitation_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    if not policy.can(user, permissions.SUPERVISE):
        raise PermissionDenied
    case = selectors.case_for(user, _case_pk(pk))
    form = forms.InvitationForm(request.POST)
    if not form.is_valid():
        return _detail(request, user, case.pk, error=forms.first_error(form), status=400)
    try:
        documents.check_invitation(user, case)
    except CaseError as exc:
        return _detail(request, user, case.pk, error=str(exc), status=exc.status)
    letter = letters.issue_invitation(user, case, dict(form.cleaned_data))
    return document_response(user, case, "undangan-klarifikasi.pdf", letter_bytes(letter), "application/pdf")


@login_required
@require_POST
def attachments_view(request: HttpRequest, pk: int) -> HttpResponse:
    if refused := _too_large(request, pk):
        return refused
    return _post_action(
        request,
        pk,
        forms.AttachmentForm,
        "attachment_form",
        lambda u, c, d: actions.add_attachments(
            actor=u,
            case=c,
            files=request.FILES.getlist("files"),
            note=d["note"],
            clarification_id=d["clarification"],
            shareable=d["shareable"],
        ),
        _("Lampiran ditambahkan."),
    )


def attachment_response(user: User, attachment: CaseAttachment, *, original: bool) -> HttpResponseBase:
    """The attachment as a download, audited. Images are served as their copy without metadata
    unless the original is asked for (supervisors and admins only); PDFs have only the original."""
    if original and attachment.clean_path and not selectors.sees_all_attachments(user):
        raise PermissionDenied("berkas asli hanya untuk pengawas")
    use_original = original or not attachment.clean_path
    try:
        fh = attachment_store.path_of(attachment.path if use_original else attachment.clean_path).open("rb")
    except (CaseError, OSError):
        raise Http404("berkas tidak ada") from None
    actions.record_attachment_download(actor=user, attachment=attachment, original=use_original)
    response = FileResponse(
        fh,
        content_type=attachment.content_type,
        as_attachment=use_original or attachment.kind == "pdf",
        filename=attachment.name,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def attachment_view(request: HttpRequest, pk: int, uid: UUID) -> HttpResponseBase:
    user = _staff(request)
    attachment = selectors.attachment_for(user, _case_pk(pk), uid)
    return attachment_response(user, attachment, original=request.GET.get("asli") == "1")


@login_required
def form_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Form B.1 (a public report) or B.2 (a finding), without the reporter's identity."""
    user = _staff(request)
    case = selectors.case_detail(user, _case_pk(pk))
    return _download(
        request, pk, documents.form_filename(case), lambda u, c: documents.form_pdf(c, u), "application/pdf"
    )
