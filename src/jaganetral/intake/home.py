"""Intake's lines on the staff home (:mod:`jaganetral.accounts.home`): identity requests waiting
for a custodian's decision, and, for the supervisor who asked, requests to the custodian and
questions to the reporter not yet answered."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from jaganetral.accounts import home, policy
from jaganetral.accounts.models import User
from jaganetral.intake import permissions, selectors
from jaganetral.intake.models import AccessStatus, IdentityAccessRequest, Message, MessageAuthor


@home.provider("intake")
def items(user: User, now: dt.datetime) -> list[home.Item]:
    out: list[home.Item] = []
    if policy.can(user, permissions.CUSTODY):
        pending = selectors.access_requests_for_custodian(user).filter(status=AccessStatus.PENDING)
        for req in pending.order_by("created_at")[: home.LIMIT]:
            out.append(
                home.Item(
                    section=home.Section.WAITING,
                    title=req.report.reference,
                    url=reverse("intake_staff:access_list") + f"#permintaan-{req.pk}",
                    what=_("Permintaan membuka identitas pelapor menunggu keputusan Anda"),
                    since=req.created_at,
                )
            )
    if policy.can(user, permissions.TRIAGE):
        mine = IdentityAccessRequest.objects.filter(
            requested_by=user,
            status=AccessStatus.PENDING,
            report__in=selectors.intake_queue(user).values("pk"),
        ).select_related("report")
        for req in mine.order_by("created_at")[: home.LIMIT]:
            out.append(
                home.Item(
                    section=home.Section.ASKED,
                    title=req.report.reference,
                    url=reverse("intake_staff:detail", args=[req.report_id]),
                    what=_("Menunggu keputusan penjaga identitas"),
                    since=req.created_at,
                )
            )
        last = Message.objects.filter(report=OuterRef("pk")).order_by("-created_at", "-id")
        asked = (
            selectors.intake_queue(user)
            .annotate(last_author=Subquery(last.values("author_kind")[:1]))
            .annotate(last_at=Subquery(last.values("created_at")[:1]))
            .annotate(last_by=Subquery(last.values("author")[:1]))
            .filter(last_author=MessageAuthor.STAFF, last_by=user.pk)
        )
        for report in asked.order_by("last_at")[: home.LIMIT]:
            out.append(
                home.Item(
                    section=home.Section.ASKED,
                    title=report.reference,
                    url=reverse("intake_staff:detail", args=[report.pk]),
                    what=_("Pertanyaan kepada pelapor belum dijawab"),
                    since=report.last_at,  # type: ignore[attr-defined]
                )
            )
    return out
