from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from jaganetral.accounts.auth import token_auth
from jaganetral.accounts.models import User

router = Router(tags=["akun"])


class MeOut(Schema):
    username: str
    role: str
    region_scope: str
    agency_id: int | None


@router.get("/me", response=MeOut, auth=token_auth, summary="Pengguna pemilik token")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101
    return MeOut(username=user.username, role=user.role, region_scope=user.scope, agency_id=user.agency_id)
