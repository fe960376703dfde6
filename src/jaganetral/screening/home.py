"""Screening's line on the staff home (:mod:`jaganetral.accounts.home`): findings waiting for review
in my scope, nearest review deadline first."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jaganetral.accounts import home
from jaganetral.accounts.models import User
from jaganetral.screening import selectors


@home.provider("screening")
def items(user: User, now: dt.datetime) -> list[home.Item]:
    if not selectors.can_screen(user):
        return []
    queue = selectors.review_queue(user)
    count = queue.count()
    if not count:
        return []
    first = queue.exclude(due_at__isnull=True).order_by("due_at").first()
    out = [
        home.Item(
            section=home.Section.WAITING,
            title=_("Penyaringan siber"),
            url=reverse("screening:queue"),
            what=ngettext("%(n)d temuan menunggu ditinjau", "%(n)d temuan menunggu ditinjau", count)
            % {"n": count},
            due=first.due_at if first else None,
            due_label=_("Tinjauan temuan") if first else "",
        )
    ]
    late = queue.filter(due_at__lte=now).count()
    if late:
        out.append(
            home.Item(
                section=home.Section.OVERDUE,
                title=_("Penyaringan siber"),
                url=reverse("screening:queue"),
                what=ngettext("%(n)d temuan lewat batas tinjauan", "%(n)d temuan lewat batas tinjauan", late)
                % {"n": late},
                due=first.due_at if first else None,
                due_label=_("Tinjauan temuan"),
            )
        )
    return out
