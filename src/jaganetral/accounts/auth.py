"""Personal API tokens for scripts and integrations: ``Authorization: Bearer jn_...``."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from jaganetral.accounts.models import ApiToken, User, hash_token

MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    openapi_description = "Token API pribadi (jaganetral users create NAMA --role PERAN --token)"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


token_auth = TokenAuth()
