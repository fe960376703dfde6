"""``{{ user|staff_name }}``: a staff member as a person reads them, the full name (else the user
name) with the role, e.g. "Siti Aminah (Pengawas (Bawaslu))"."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def staff_name(user: Any) -> str:
    if user is None or not getattr(user, "pk", None):
        return ""
    name = user.get_full_name() or user.username
    role = user.get_role_display() if hasattr(user, "get_role_display") else ""
    return f"{name} ({role})" if role else name
