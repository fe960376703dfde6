"""Writes to accounts: one function per intention, atomic, with its audit row."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts.models import (
    ApiToken,
    NotifyMode,
    Role,
    RolePolicy,
    TokenScope,
    User,
    hash_token,
)
from jaganetral.core import audit
from jaganetral.lib.regioncode import RegionCodeError, normalize
from jaganetral.reference.models import Agency, Region

TOKEN_PREFIX = "jn_"  # noqa: S105 - a public prefix, not a secret


class AccountError(ValueError):
    pass


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    username: str,
    role: str,
    region: str | None = None,
    agency_id: int | None = None,
    email: str = "",
    password: str | None = None,
) -> User:
    if role not in Role.values:
        raise AccountError(
            _("peran tidak dikenal: %(role)s (pilih: %(choices)s)")
            % {"role": repr(role), "choices": ", ".join(Role.values)}
        )
    if not username or len(username) > 150:
        raise AccountError(_("nama pengguna wajib diisi (maksimal 150 karakter)"))
    if User.objects.filter(username=username).exists():
        raise AccountError(_("nama pengguna %(username)s sudah dipakai") % {"username": repr(username)})
    region_obj = None
    if region:
        try:
            code = normalize(region)
        except RegionCodeError as exc:
            raise AccountError(str(exc)) from None
        region_obj = Region.objects.filter(code=code).first()
        if region_obj is None:
            raise AccountError(_("wilayah %(code)s tidak ada di data referensi") % {"code": code})
    agency = None
    if agency_id is not None:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise AccountError(_("instansi dengan id %(id)d tidak ada") % {"id": agency_id})
    user = User(
        username=username,
        role=role,
        region_scope=region_obj,
        agency=agency,
        email=email,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountError(" ".join(exc.messages)) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record("user.created", actor=actor, obj=user, role=role, region=user.scope)
    return user


@transaction.atomic
def issue_api_token(
    *,
    actor: User | None,
    user: User,
    name: str = "cli",
    scope: str = TokenScope.WRITE,
    days: int | None = None,
) -> str:
    """Create a personal API token and return it; only its hash is stored. It ends after ``days``
    (default ``API_TOKEN_DAYS``); a ``read`` token may only read."""
    if scope not in TokenScope.values:
        raise AccountError(_("Cakupan token tidak dikenal: %(scope)s.") % {"scope": scope})
    lifetime = days if days is not None else settings.API_TOKEN_DAYS
    if lifetime < 1:
        raise AccountError(_("Masa berlaku token paling sedikit 1 hari."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=lifetime)
    ApiToken.objects.create(
        user=user, name=name[:80], prefix=raw[:10], key_hash=hash_token(raw), expires_at=expires, scope=scope
    )
    audit.record("api_token.issued", actor=actor, obj=user, name=name, scope=scope, days=lifetime)
    return raw


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record("api_token.revoked", actor=actor, obj=token.user)


@transaction.atomic
def ensure_first_admin(*, password: str | None) -> tuple[User, str] | None:
    """Create the first administrator if there is none; return it with its password."""
    if User.objects.filter(role=Role.ADMIN).exists():
        return None
    generated = password or secrets.token_urlsafe(12)
    user = User(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True)
    user.set_password(generated)
    user.save()
    audit.record("user.created", actor=None, obj=user, role=Role.ADMIN, first_admin=True)
    return user, generated


@transaction.atomic
def set_notify_mode(*, actor: User, mode: str) -> User:
    """The staff member's own choice: e-mail each notification now, once a day, or not at all."""
    if mode not in NotifyMode.values:
        raise AccountError(_("Pilihan pemberitahuan tidak dikenal."))
    User.objects.filter(pk=actor.pk).update(notify_mode=mode)
    actor.notify_mode = mode
    audit.record("accounts.notify_mode_set", actor=actor, obj=actor, mode=mode)
    return actor


@transaction.atomic
def set_role_policy(*, actor: User, role: str, require_two_factor: bool) -> RolePolicy:
    policy, _ = RolePolicy.objects.update_or_create(
        role=role, defaults={"require_two_factor": require_two_factor}
    )
    audit.record(
        "role_policy.changed",
        actor=actor,
        obj=policy,
        role=role,
        require_two_factor=require_two_factor,
    )
    return policy


@transaction.atomic
def record_login(*, actor: User, two_factor: bool) -> None:
    audit.record("user.login", actor=actor, obj=actor, two_factor=two_factor)


@transaction.atomic
def start_totp_enrolment(*, actor: User) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first use."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_totp(*, actor: User, device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record("user.two_factor_enrolled", actor=actor, obj=actor)
