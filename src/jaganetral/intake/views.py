"""Public reporting pages under /lapor/ (no account; the receipt is typed into a form, never put in a
URL) and the staff pages under /petugas/laporan/. Thin: rules live in forms, actions and selectors."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.intake import actions, evidence, notices, permissions, selectors, service
from jaganetral.intake.evidence import EvidenceError, Held, path_of
from jaganetral.intake.forms import (
    AccessRequestForm,
    AddEvidenceForm,
    DecisionForm,
    IdentityForm,
    NotifyEmailForm,
    QuestionForm,
    ReceiptForm,
    ReplyForm,
    ReportForm,
)
from jaganetral.intake.models import CleanState, Report
from jaganetral.intake.pdf import receipt_pdf
from jaganetral.intake.words import identity_rows
from jaganetral.lib import receipt as receipt_lib
from jaganetral.reference.clocks import reporting_rule

SESSION_KEY = "intake_report"
SESSION_SECONDS = 30 * 60
SESSION_UNTIL_KEY = "intake_report_until"
REFUSED: tuple[type[Exception], ...] = (actions.IntakeError, EvidenceError)
# Kept out of Django's error reports (debug pages, error e-mails) should anything fail.
IDENTITY_POST_FIELDS = (*actions.IDENTITY_FIELDS, "witnesses", "receipt", "notify_email")


R = TypeVar("R", bound=HttpResponseBase)


def _no_store(response: R) -> R:
    response["Cache-Control"] = "no-store"
    return response


def _form_context(
    form: ReportForm, *, held: list[Held] | None = None, file_errors: list[str] | None = None
) -> dict[str, Any]:
    provinces: dict[str, Any] = {}
    for region in selectors.regions_for_form():
        if region.level == "province":
            provinces[region.code] = {"region": region, "children": []}
        elif region.parent_id in provinces:
            provinces[region.parent_id]["children"].append(region)
    summary = [
        {"anchor": anchor, "label": label, "message": message}
        for anchor, label, message in (form.error_summary() if form.is_bound else [])
    ]
    summary += [{"anchor": "id_files", "label": _("Berkas bukti"), "message": m} for m in file_errors or []]
    return {
        "form": form,
        "summary": summary,
        "held": held or [],
        "file_errors": file_errors or [],
        "identity_open": form.is_bound
        and (form.identity_has_errors() or form.data.get("anonymity") == "confidential"),
        "date_warning": form.date_warning() if form.is_bound else "",
        "provinces": provinces.values(),
        "agencies": selectors.agencies_for_form(),
        "elections": selectors.elections_for_form(),
        "days": reporting_rule(None).days,
        "max_file_mb": settings.INTAKE_MAX_FILE_BYTES // (1024 * 1024),
        "max_report_mb": settings.INTAKE_MAX_REPORT_BYTES // (1024 * 1024),
        "max_files": settings.INTAKE_MAX_FILES,
    }


@sensitive_post_parameters(*IDENTITY_POST_FIELDS)
@never_cache
def report_form(request: HttpRequest) -> HttpResponse:
    """The report form. When it comes back with errors, everything entered is still there: the
    fields, and the files (checked and held on the server, listed as still attached)."""
    if request.method != "POST":
        return render(request, "intake/form.html", _form_context(ReportForm()))
    try:
        service.check_request_size(request)
    except service.Refused as exc:  # the body is not read: nothing of it can be kept
        context = {**_form_context(ReportForm()), "refusal": exc.message}
        return render(request, "intake/form.html", context, status=exc.status)
    try:
        service.check_submit_rate(request)
    except service.Refused as exc:
        kept = {k: v for k, v in request.POST.items() if k not in ("website", "csrfmiddlewaretoken", "held")}
        context = {**_form_context(ReportForm(initial=kept)), "refusal": exc.message}
        return render(request, "intake/form.html", context, status=exc.status)
    form = ReportForm(request.POST)
    held, file_errors = evidence.read_held(request.POST.getlist("held"))
    added, refused = evidence.hold(request.FILES.getlist("files"))
    held += added
    file_errors += refused
    if form.is_valid() and not file_errors:
        try:
            report, code = actions.submit_report(data=form.to_input(), files=[], held=held)
        except REFUSED as exc:
            form.add_error(None, str(exc))
            held, _lost = evidence.read_held([h.token for h in held])
        else:
            _start_reporter_session(request, report)
            context = {
                "report": report,
                "receipt": receipt_lib.display(code),
                "receipt_groups": receipt_lib.display(code).split("-"),
                "date_warning": form.date_warning(),
            }
            return _no_store(render(request, "intake/submitted.html", context, status=201))
    context = _form_context(form, held=held, file_errors=file_errors)
    return _no_store(render(request, "intake/form.html", context, status=400))


@require_GET
def window_preview(request: HttpRequest) -> HttpResponse:
    """htmx fragment: the reporting deadline for the dates chosen so far."""
    form = ReportForm(request.GET)
    form.is_valid()
    known = form.cleaned_data.get("known_date")
    warning = form.date_warning()
    if known is None:
        return render(request, "intake/_window.html", {"window": None, "date_warning": warning})
    election = form.cleaned_data.get("election")
    region = form.cleaned_data.get("region")
    event = form.cleaned_data.get("event_date") or known
    if election is None and region is not None:
        election = selectors.election_for(region, event)
    window = actions.reporting_window(known, election=election, region=region)
    context = {"window": window, "election": election, "date_warning": warning}
    return render(request, "intake/_window.html", context)


def _start_reporter_session(request: HttpRequest, report: Report) -> None:
    """The reporter's session: a cookie that ends with the browser (nothing persistent on their
    device) and, on the server, at most ``SESSION_SECONDS`` long."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = str(report.uid)
    request.session[SESSION_UNTIL_KEY] = int(timezone.now().timestamp()) + SESSION_SECONDS
    request.session.set_expiry(0)


def _session_report(request: HttpRequest) -> Report | None:
    uid = request.session.get(SESSION_KEY)
    until = request.session.get(SESSION_UNTIL_KEY)
    if not isinstance(uid, str) or not isinstance(until, int) or until < timezone.now().timestamp():
        return None
    return selectors.report_by_uid(uid)


@sensitive_post_parameters(*IDENTITY_POST_FIELDS)
@never_cache
def status_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if not form.is_valid():
            return render(request, "intake/status_login.html", {"form": form}, status=400)
        try:
            report = service.lookup(request, form.cleaned_data["receipt"])
        except service.Refused as exc:
            form.add_error("receipt", exc.message)
            return render(request, "intake/status_login.html", {"form": form}, status=exc.status)
        _start_reporter_session(request, report)
        return redirect("intake:status")
    current = _session_report(request)
    if current is None:
        return render(request, "intake/status_login.html", {"form": ReceiptForm()})
    return _no_store(_status_page(request, current))


def _status_page(
    request: HttpRequest,
    report: Report,
    *,
    reply_form: ReplyForm | None = None,
    evidence_form: AddEvidenceForm | None = None,
    identity_form: IdentityForm | None = None,
    notify_form: NotifyEmailForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "report": report,
        "progress": selectors.reporter_status(report),
        "notify_form": notify_form or NotifyEmailForm(),
        "messages_list": report.messages.all(),
        "evidence": report.evidence.all(),
        "links": report.links.all(),
        "reply_form": reply_form or ReplyForm(),
        "evidence_form": evidence_form or AddEvidenceForm(),
        "identity_form": identity_form or IdentityForm(),
        "max_file_mb": settings.INTAKE_MAX_FILE_BYTES // (1024 * 1024),
    }
    return render(request, "intake/status.html", context, status=status)


def _require_session_report(request: HttpRequest) -> Report:
    report = _session_report(request)
    if report is None:
        raise Http404("sesi habis")
    return report


@require_POST
def status_reply(request: HttpRequest) -> HttpResponse:
    report = _require_session_report(request)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            actions.reporter_reply(report=report, body=form.cleaned_data["body"])
        except REFUSED as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Jawaban Anda terkirim."))
            return redirect("intake:status")
    return _no_store(_status_page(request, report, reply_form=form, status=400))


@require_POST
def status_evidence(request: HttpRequest) -> HttpResponse:
    try:
        service.check_request_size(request)
    except service.Refused as exc:
        messages.error(request, exc.message)
        response = _status_page(request, _require_session_report(request), status=exc.status)
        return _no_store(response)
    report = _require_session_report(request)
    form = AddEvidenceForm(request.POST)
    if form.is_valid():
        try:
            actions.reporter_add_evidence(
                report=report, files=request.FILES.getlist("files"), links=form.cleaned_data["links"]
            )
        except REFUSED as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Bukti tambahan tersimpan."))
            return redirect("intake:status")
    return _no_store(_status_page(request, report, evidence_form=form, status=400))


@sensitive_post_parameters(*IDENTITY_POST_FIELDS)
@require_POST
def status_identity(request: HttpRequest) -> HttpResponse:
    report = _require_session_report(request)
    form = IdentityForm(request.POST)
    if form.is_valid():
        try:
            actions.reporter_add_identity(report=report, identity=form.identity())
        except REFUSED as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Identitas Anda tersimpan dalam keadaan tersegel."))
            return redirect("intake:status")
    return _no_store(_status_page(request, report, identity_form=form, status=400))


@sensitive_post_parameters("notify_email")
@require_POST
def status_notify(request: HttpRequest) -> HttpResponse:
    """The reporter leaves (or replaces) an e-mail address for "there is news" e-mails, sealed."""
    report = _require_session_report(request)
    form = NotifyEmailForm(request.POST)
    if form.is_valid():
        try:
            notices.set_notify_email(report=report, email=form.cleaned_data["notify_email"])
        except REFUSED as exc:
            form.add_error("notify_email", str(exc))
        else:
            messages.success(request, _("Alamat surel tersimpan dalam keadaan tersegel."))
            return redirect("intake:status")
    return _no_store(_status_page(request, report, notify_form=form, status=400))


@require_POST
def status_notify_remove(request: HttpRequest) -> HttpResponse:
    report = _require_session_report(request)
    if notices.remove_notify_email(report=report):
        messages.success(request, _("Alamat surel Anda sudah dihapus. Kami tidak akan mengirim surel lagi."))
    return redirect("intake:status")


@require_POST
def status_pdf(request: HttpRequest) -> HttpResponse:
    report = _require_session_report(request)
    response = HttpResponse(receipt_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{report.reference}.pdf"'
    return _no_store(response)


@require_POST
def status_done(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("intake:status")


# --- staff ----------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not policy.can(user, permissions.TRIAGE):
        raise PermissionDenied
    return user


@login_required
def queue_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    status = request.GET.get("status") or None
    reports = selectors.intake_queue(user, status=status)[:200]
    return render(request, "intake/queue.html", {"reports": reports, "status": status})


def _detail(
    request: HttpRequest, user: User, report: Report, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "report": report,
        "reported": report.reported.all(),
        "evidence": report.evidence.all(),
        "links": report.links.all(),
        "messages_list": report.messages.select_related("author"),
        "events": report.events.select_related("actor"),
        "my_requests": selectors.access_requests_of(user, report),
        "has_grant": selectors.has_open_grant(user, report, timezone.now()),
        "question_form": forms.get("question_form") or QuestionForm(),
        "access_form": forms.get("access_form") or AccessRequestForm(),
    }
    return render(request, "intake/detail.html", context, status=status)


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    return _detail(request, user, selectors.report_for_staff(user, pk))


@login_required
@require_POST
def ask_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    report = selectors.report_for_staff(user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            actions.ask_reporter(actor=user, report=report, body=form.cleaned_data["body"])
        except REFUSED as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pertanyaan terkirim. Pelapor membacanya dengan kode tanda terima."))
            return redirect("intake_staff:detail", pk=report.pk)
    return _detail(request, user, report, status=400, question_form=form)


@login_required
@require_POST
def request_access_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    report = selectors.report_for_staff(user, pk)
    form = AccessRequestForm(request.POST)
    if form.is_valid():
        try:
            actions.request_identity_access(actor=user, report=report, reason=form.cleaned_data["reason"])
        except REFUSED as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Permintaan dikirim ke penjaga identitas."))
            return redirect("intake_staff:detail", pk=report.pk)
    return _detail(request, user, report, status=400, access_form=form)


@login_required
@require_POST
def open_identity_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    report = selectors.report_for_staff(user, pk)
    try:
        opened = actions.open_identity(actor=user, report=report)
    except REFUSED as exc:
        messages.error(request, str(exc))
        return redirect("intake_staff:detail", pk=report.pk)
    context = {"report": report, **opened, "identity_rows": identity_rows(opened.get("identity"))}
    return _no_store(render(request, "intake/identity.html", context))


@login_required
@require_GET
def evidence_view(request: HttpRequest, pk: int, uid: str) -> HttpResponseBase:
    """The clean copy (no metadata, no active content) by default. The original, with whatever it
    carries (GPS, author, scripts), only when asked for with ``?asli=1``: decrypted by an audited
    action and always downloaded, never shown in the browser."""
    user = _staff(request)
    ev = selectors.evidence_for_staff(user, pk, uid)
    if request.GET.get("asli") == "1":
        try:
            data = actions.open_original(actor=user, evidence=ev)
        except (EvidenceError, OSError):
            raise Http404("berkas tidak ada") from None
        response: HttpResponseBase = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{ev.uid}.asli.{ev.extension}"'
    else:
        if ev.clean_state != CleanState.DONE or not ev.clean_path:
            return render(
                request, "intake/evidence_pending.html", {"ev": ev, "report": ev.report}, status=409
            )
        try:
            fh = path_of(ev.clean_path).open("rb")
        except (EvidenceError, OSError):
            raise Http404("berkas tidak ada") from None
        actions.record_evidence_download(actor=user, evidence=ev, original=False)
        response = FileResponse(fh, content_type=ev.content_type)
        response["Content-Disposition"] = f'inline; filename="{ev.uid}.{ev.extension}"'
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return _no_store(response)


def _custodian(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not policy.can(user, permissions.CUSTODY):
        raise PermissionDenied
    return user


@login_required
def access_list_view(request: HttpRequest) -> HttpResponse:
    user = _custodian(request)
    requests_ = selectors.access_requests_for_custodian(user)[:200]
    return render(request, "intake/access_list.html", {"requests": requests_, "form": DecisionForm()})


@login_required
@require_POST
def access_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _custodian(request)
    req = selectors.access_request_for_custodian(user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("intake_staff:access_list")
    try:
        actions.decide_identity_access(
            actor=user,
            access_request=req,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data.get("note", ""),
        )
    except REFUSED as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Keputusan tercatat."))
    return redirect("intake_staff:access_list")
