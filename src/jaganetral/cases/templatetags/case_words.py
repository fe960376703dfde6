"""Words, not identifiers, on the case pages: people as names with their role, party roles in
the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

PARTY_ROLES = {
    "terlapor": gettext_noop("terlapor"),
    "saksi": gettext_noop("saksi"),
    "ahli": gettext_noop("ahli"),
    "pelapor": gettext_noop("pelapor"),
}


@register.filter
def staff_name(user: Any) -> str:
    """ "Siti Aminah (Pengawas (Bawaslu))" — the full name, else the user name, with the role."""
    if user is None or not getattr(user, "pk", None):
        return ""
    name = user.get_full_name() or user.username
    role = user.get_role_display() if hasattr(user, "get_role_display") else ""
    return f"{name} ({role})" if role else name


@register.filter
def party_role(role: str) -> str:
    return _(PARTY_ROLES[role]) if role in PARTY_ROLES else role
