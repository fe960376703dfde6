from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from jaganetral.accounts.models import User
from jaganetral.core.models import AuditEvent


def record(
    action: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    object_type: str = "",
    object_id: object = "",
    **data: Any,
) -> AuditEvent:
    """Write an audit row. Call inside the action's transaction so both land or neither does."""
    user = actor if isinstance(actor, User) else None
    return AuditEvent.objects.create(
        actor=user, action=action, object_type=object_type, object_id=str(object_id), data=data
    )
