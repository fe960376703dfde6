"""Personal API tokens for scripts and integrations: ``Authorization: Bearer jn_...``."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from jaganetral.accounts.models import ApiToken, TokenScope, User, hash_token

MAX_TOKEN_LENGTH = 200
READ_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    openapi_description = (
        "Token API pribadi (jaganetral users create NAMA --role PERAN --token): berlaku API_TOKEN_DAYS "
        "hari (bawaan 90); token dengan cakupan 'read' hanya boleh GET (403 untuk yang lain)."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        now = timezone.now()
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(
                key_hash=hash_token(token), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True
            )
            .first()
        )
        if api_token is None:
            return None
        if api_token.scope == TokenScope.READ and request.method not in READ_METHODS:
            raise HttpError(403, _("Token ini hanya untuk membaca (cakupan baca saja)."))
        if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


token_auth = TokenAuth()
