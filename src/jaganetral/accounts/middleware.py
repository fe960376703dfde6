from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jaganetral.accounts.models import RolePolicy, User

EXEMPT_PREFIXES = ("/static/", "/i18n/", "/api/", "/akun/2fa/", "/akun/keluar/")


class RequireTwoFactorMiddleware:
    """Send a logged-in user whose role requires 2FA to enrol or verify before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not getattr(user, "is_verified", lambda: False)()  # set by django_otp's middleware
            and RolePolicy.requires_two_factor(user.role)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
        return self.get_response(request)
