"""Words, not identifiers, on the case pages: people as names with their role (the accounts
filter, also loadable from here), party roles in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jaganetral.accounts.templatetags.staff_words import staff_name

register = template.Library()

PARTY_ROLES = {
    "terlapor": gettext_noop("terlapor"),
    "saksi": gettext_noop("saksi"),
    "ahli": gettext_noop("ahli"),
    "pelapor": gettext_noop("pelapor"),
}


register.filter("staff_name", staff_name)


@register.filter
def party_role(role: str) -> str:
    return _(PARTY_ROLES[role]) if role in PARTY_ROLES else role
