"""Staff login (password, then TOTP when enrolled), 2FA enrolment, logout and the staff home."""

from __future__ import annotations

import base64
import io

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts import actions, home, throttle
from jaganetral.accounts.forms import LoginForm, NotifyModeForm, TokenForm
from jaganetral.accounts.models import RolePolicy, User
from jaganetral.core import challenge

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
    """Password, then the two-factor code where the user has a device. Failures slow the account
    down (:mod:`jaganetral.accounts.throttle`) but never lock its owner out: while an account waits,
    the right password together with a valid two-factor code still logs in."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    context: dict[str, object] = {"form": form, "next": _next_url(request)}
    if request.method != "POST":
        return render(request, "accounts/login.html", context)
    username = str(request.POST.get("username", ""))[:150]
    current = throttle.state(username)
    if current.waiting:
        return _login_while_waiting(request, form, username, current)
    if current.wants_challenge and not challenge.passed(request):
        # Past the free failures every attempt also costs the client work (the page's script does
        # it in the background); not counted as a failure.
        context["challenge_needed"] = True
        return render(request, "accounts/login.html", context, status=429)
    if not form.is_valid():
        after = throttle.failed(username)
        context["wait_seconds"] = after.wait_seconds
        return render(request, "accounts/login.html", context, status=429 if after.waiting else 200)
    user = form.get_user()
    assert isinstance(user, User)  # noqa: S101 - AUTH_USER_MODEL
    throttle.succeeded(username)
    if _confirmed_device(user) is not None:
        request.session[PENDING_KEY] = user.pk
        return redirect(f"{reverse('accounts:login_token')}?next={_next_url(request)}")
    login(request, user)
    actions.record_login(actor=user, two_factor=False)
    return redirect(_next_url(request))


def _login_while_waiting(
    request: HttpRequest, form: LoginForm, username: str, current: throttle.State
) -> HttpResponse:
    """The account waits after failures: only password *and* two-factor code together get in; the
    password alone is not checked, so guessing it during the wait learns nothing."""
    code = str(request.POST.get("token", "")).strip()
    token_form = TokenForm({"token": code}) if code else None
    if token_form is not None and token_form.is_valid() and form.is_valid():
        user = form.get_user()
        assert isinstance(user, User)  # noqa: S101
        device = _confirmed_device(user)
        if _check_token(device, token_form):
            assert device is not None  # noqa: S101
            throttle.succeeded(username)
            login(request, user)
            otp_login(request, device)
            actions.record_login(actor=user, two_factor=True)
            return redirect(_next_url(request))
    after = throttle.failed(username)
    context = {
        "form": LoginForm(request),
        "next": _next_url(request),
        "wait_seconds": max(after.wait_seconds, current.wait_seconds),
        "username": username,
    }
    return render(request, "accounts/login.html", context, status=429)


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


def admin_login_view(request: HttpRequest) -> HttpResponse:
    """Where the admin site sends whoever it does not let in. Someone not logged in goes to the
    staff login (lock-out and two-factor); a logged-in user without the admin role gets a clear page
    (the login page would send them straight back to the admin: a loop)."""
    if request.user.is_authenticated:
        return render(request, "accounts/admin_only.html", status=403)
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    now = timezone.now()
    status = 200
    if request.method == "POST":
        form = NotifyModeForm(request.POST)
        if form.is_valid():
            actions.set_notify_mode(actor=user, mode=form.cleaned_data["notify_mode"])
            messages.success(request, _("Pilihan pemberitahuan tersimpan."))
            return redirect("accounts:dashboard")
        status = 400
    else:
        form = NotifyModeForm(initial={"notify_mode": user.notify_mode})
    context = {"staff_user": user, "home": home.home_for(user, now), "now": now, "notify_form": form}
    return render(request, "accounts/dashboard.html", context, status=status)
