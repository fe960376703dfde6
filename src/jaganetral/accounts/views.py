"""Staff login (password, then TOTP when enrolled), 2FA enrolment, logout and the staff home."""

from __future__ import annotations

import base64
import io

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts import actions, audit_log, home, policy
from jaganetral.accounts import permissions as account_perms
from jaganetral.accounts.forms import LoginForm, TokenForm
from jaganetral.accounts.models import RolePolicy, User
from jaganetral.core import audit

PENDING_KEY = "accounts_pending_2fa_user"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("accounts:dashboard")


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _check_token(device: TOTPDevice | None, form: TokenForm) -> bool:
    """Verify the code; django-otp slows down repeated wrong codes, which we explain."""
    if device is None:
        return False
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        form.add_error("token", _("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."))
        return False
    if device.verify_token(form.cleaned_data["token"].strip()):
        return True
    form.add_error("token", _("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    return False


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
        if _confirmed_device(user) is not None:
            request.session[PENDING_KEY] = user.pk
            return redirect(f"{reverse('accounts:login_token')}?next={_next_url(request)}")
        login(request, user)
        actions.record_login(actor=user, two_factor=False)
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


def login_token_view(request: HttpRequest) -> HttpResponse:
    """Second step: the TOTP code of a user who passed the password step."""
    pending = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=pending, is_active=True).first() if isinstance(pending, int) else None
    if user is None:
        return redirect("accounts:login")
    device = _confirmed_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(device, form):
        assert device is not None  # noqa: S101
        del request.session[PENDING_KEY]
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        otp_login(request, device)
        actions.record_login(actor=user, two_factor=True)
        return redirect(_next_url(request))
    return render(request, "accounts/login_token.html", {"form": form, "next": _next_url(request)})


@login_required
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device (or verify an existing one when the session is not yet verified)."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    device = _confirmed_device(user)
    enrolling = device is None
    if device is None:
        device = actions.start_totp_enrolment(actor=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(device, form):
        if enrolling:
            actions.confirm_totp(actor=user, device=device)
            messages.success(request, _("Verifikasi dua langkah aktif."))
        otp_login(request, device)
        return redirect(_next_url(request))
    context = {
        "form": form,
        "enrolling": enrolling,
        "required": RolePolicy.requires_two_factor(user.role),
        "next": _next_url(request),
    }
    if enrolling:
        qr = segno.make(device.config_url, error="m")
        context["qr_data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(_svg_bytes(qr)).decode()
        context["secret"] = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "accounts/two_factor.html", context)


def _svg_bytes(qr: segno.QRCode) -> bytes:
    buf = io.BytesIO()
    qr.save(buf, kind="svg", scale=5, border=2)
    return buf.getvalue()


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    now = timezone.now()
    return render(
        request,
        "accounts/dashboard.html",
        {"staff_user": user, "home": home.home_for(user, now), "now": now},
    )


def _auditor(request: HttpRequest) -> User:
    user = policy.staff(request.user)
    if user is None or not policy.can(user, account_perms.AUDIT):
        raise PermissionDenied
    return user


@login_required
def audit_view(request: HttpRequest) -> HttpResponse:
    """The audit log for administrators: filters, the newest rows, a CSV export of the same rows."""
    user = _auditor(request)
    form = audit_log.AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context = {"form": form, "rows": [], "total": 0, "limit": audit_log.PAGE_ROWS}
        return render(request, "accounts/audit.html", context, status=400)
    qs = audit_log.filtered(form.cleaned_data if form.is_bound else {})
    if request.GET.get("format") == "csv":
        rows = list(qs[: audit_log.EXPORT_ROWS])
        audit.record(
            "accounts.audit_exported",
            actor=user,
            filters={k: str(v) for k, v in (form.cleaned_data if form.is_bound else {}).items() if v},
            rows=len(rows),
        )
        response = HttpResponse(audit_log.csv_text(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="log-audit.csv"'
        response["Cache-Control"] = "no-store"
        return response
    context = {
        "form": form,
        "rows": qs[: audit_log.PAGE_ROWS],
        "total": qs.count(),
        "limit": audit_log.PAGE_ROWS,
        "query": request.GET.urlencode(),
    }
    return render(request, "accounts/audit.html", context)
