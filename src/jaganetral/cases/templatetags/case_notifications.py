"""``{% unread_notifications user as n %}``: the unread count for the staff navigation."""

from __future__ import annotations

from django import template

from jaganetral.accounts.models import User
from jaganetral.cases import selectors

register = template.Library()


@register.simple_tag
def unread_notifications(user: object) -> int:
    if not isinstance(user, User) or user.role not in selectors.CASE_ROLES:
        return 0
    return selectors.unread_count(user)
