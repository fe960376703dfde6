"""``{% unread_notifications user as n %}``: the unread count for the staff navigation."""

from __future__ import annotations

from django import template

from jaganetral.accounts import policy
from jaganetral.cases import permissions, selectors

register = template.Library()


@register.simple_tag
def unread_notifications(user: object) -> int:
    staff = policy.staff(user)
    if staff is None or not policy.can(staff, permissions.VIEW):
        return 0
    return selectors.unread_count(staff)
