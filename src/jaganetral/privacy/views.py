"""The privacy notice (public), the reporter's data-subject requests (with the receipt session of
``/lapor/status/``), and the staff pages: what retention will purge next, and the requests."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.models import AuditEvent
from jaganetral.intake import erasure as intake_erasure
from jaganetral.intake import selectors as intake_selectors
from jaganetral.intake.actions import IDENTITY_FIELDS
from jaganetral.intake.models import Report
from jaganetral.intake.views import SESSION_KEY
from jaganetral.privacy import actions, permissions, purge, selectors
from jaganetral.privacy.forms import CorrectionForm, DecisionForm, RegistryRequestForm, ReporterRequestForm
from jaganetral.privacy.models import RequestKind, RequestStatus, Subject
from jaganetral.privacy.retention import ACTION_LABELS, BASIS_LABELS, schedule


def _rules() -> list[dict[str, Any]]:
    lang = get_language() or "id"
    return [
        {
            "kind": name,
            "label": r.label.get(lang),
            "after": r.after.get(lang),
            "why": r.why.get(lang),
            "days": r.days,
            "action": _(ACTION_LABELS[r.action]),
            "basis": r.basis,
            "basis_kind": _(BASIS_LABELS[r.basis_kind]),
        }
        for name, r in schedule().kinds.items()
    ]


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    context = {
        "controller": settings.PRIVACY_CONTROLLER,
        "contact": settings.PRIVACY_CONTACT,
        "rules": _rules(),
        "version": schedule().version,
        "answer_hours": actions.ANSWER_HOURS,
    }
    return render(request, "privacy/notice.html", context)


# --- the reporter ----------------------------------------------------------------------------


def _session_report(request: HttpRequest) -> Report | None:
    uid = request.session.get(SESSION_KEY)
    return intake_selectors.report_by_uid(uid) if isinstance(uid, str) else None


def _reporter_page(
    request: HttpRequest,
    report: Report,
    form: ReporterRequestForm,
    correction: CorrectionForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "report": report,
        "inventory": intake_erasure.inventory(report),
        "requests": selectors.requests_of_report(report),
        "form": form,
        "correction": correction,
        "answer_hours": actions.ANSWER_HOURS,
    }
    response = render(request, "privacy/reporter.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters(*IDENTITY_FIELDS)
@never_cache
@require_http_methods(["GET", "POST"])
def reporter_requests(request: HttpRequest) -> HttpResponse:
    report = _session_report(request)
    if report is None:
        return render(request, "privacy/reporter_login.html", status=200 if request.method == "GET" else 403)
    if request.method != "POST":
        return _reporter_page(request, report, ReporterRequestForm(), CorrectionForm())
    form = ReporterRequestForm(request.POST)
    correction = CorrectionForm(request.POST, prefix="baru")
    if form.is_valid() and correction.is_valid():
        identity = correction.identity() if form.cleaned_data["kind"] == RequestKind.CORRECTION else None
        try:
            actions.reporter_request(
                report=report,
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data["details"],
                identity=identity,
            )
        except actions.PrivacyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Permintaan Anda diterima dan akan dijawab paling lambat 3 x 24 jam.")
            )
            return redirect("privacy:reporter")
    return _reporter_page(request, report, form, correction, status=400)


# --- staff -------------------------------------------------------------------------------------


def _staff(request: HttpRequest, *perms: policy.Permission) -> User:
    user = policy.staff(request.user)
    if user is None or not any(policy.can(user, p) for p in perms):
        raise PermissionDenied
    return user


@login_required
@require_GET
def retention_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request, permissions.RETENTION)
    lang = get_language() or "id"
    kinds = [
        {
            "preview": p,
            "label": p.rule.label.get(lang),
            "after": p.rule.after.get(lang),
            "action": _(ACTION_LABELS[p.rule.action]),
        }
        for p in purge.preview(user, timezone.now())
    ]
    runs = AuditEvent.objects.filter(action="privacy.purge").order_by("-created_at", "-id")[:10]
    return render(
        request, "privacy/retention.html", {"kinds": kinds, "runs": runs, "version": schedule().version}
    )


REQUEST_PERMS = (permissions.REPORTER_REQUESTS, permissions.REGISTRY_REQUESTS)


@login_required
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request, *REQUEST_PERMS)
    form = RegistryRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not policy.can(user, permissions.REGISTRY_REQUESTS):
            raise PermissionDenied
        if form.is_valid():
            try:
                req = actions.record_registry_request(actor=user, **form.cleaned_data)
            except actions.PrivacyError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Permintaan %(ref)s dicatat.") % {"ref": req.reference})
                return redirect("privacy_staff:detail", pk=req.pk)
        status = 400
    wanted = request.GET.get("status")
    listing = selectors.requests_for_staff(user, status=wanted if wanted in RequestStatus.values else None)[
        :200
    ]
    context = {
        "requests": listing,
        "form": form,
        "can_record": policy.can(user, permissions.REGISTRY_REQUESTS),
        "now": timezone.now(),
    }
    return render(request, "privacy/requests.html", context, status=status)


def _detail(
    request: HttpRequest, user: User, pk: int, form: DecisionForm | None = None, status: int = 200
) -> HttpResponse:
    req = selectors.request_for_staff(user, pk)
    context = {"req": req, "form": form or DecisionForm(), "now": timezone.now(), "Subject": Subject}
    return render(request, "privacy/request_detail.html", context, status=status)


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _staff(request, *REQUEST_PERMS), pk)


@login_required
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request, *REQUEST_PERMS)
    req = selectors.request_for_staff(user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide(
                actor=user, request=req, approve=form.approve(), answer=form.cleaned_data["answer"]
            )
        except actions.PrivacyError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Jawaban atas %(ref)s tercatat.") % {"ref": req.reference})
            return redirect("privacy_staff:detail", pk=req.pk)
    return _detail(request, user, pk, form, status=400)


@login_required
@require_GET
def request_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request, permissions.REGISTRY_REQUESTS)
    req = selectors.request_for_staff(user, pk)
    try:
        copy = actions.registry_copy(actor=user, request=req)
    except actions.PrivacyError:
        raise PermissionDenied from None
    body = json.dumps(copy, ensure_ascii=False, indent=1, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{req.reference}.json"'
    response["Cache-Control"] = "no-store"
    return response
