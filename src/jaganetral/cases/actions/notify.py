"""Staff notifications: who hears of what, in the page and by e-mail as each user chose (at once,
in a daily digest, or not by e-mail). Called inside the transaction of the step it tells of (the
case actions, the overdue-clock job, and intake's signals for reports not yet a case); e-mails go
once it commits.

Who hears of what (each time never the person who did it, never an inactive user):

- a new report: the supervisors whose region scope covers the report's region (the most local
  ones; national supervisors only when no one closer covers it);
- a reporter's reply: the case's assignee; else the supervisor who asked; else as a new report;
- a custodian's decision: the supervisor who asked to open the identity;
- an assignment: the new assignee;
- a case forwarded to BKN: the authority's users who see the case (closest scope first);
- a new case from cyber screening: the region's supervisors, as a new report.

Administrators are not told of each event (they see everything already). The texts hold numbers,
regions and steps: never a reporter's identity, never the text of a report. A step dated more than
a day before now (the demo's 2020 cases, imports) tells no one: it is a record, not news.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from jaganetral.accounts import policy
from jaganetral.accounts.models import NotifyMode, Role, User
from jaganetral.cases import permissions
from jaganetral.cases.models import Case, Clock, Notification, NotificationKind
from jaganetral.intake import permissions as intake_permissions
from jaganetral.intake.models import IdentityAccessRequest, MessageAuthor, Report
from jaganetral.lib.i18n import gettext_noop

NEWS_WINDOW = dt.timedelta(days=1)
_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("notify_quiet", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Tell no one of what happens inside (loading demo or historical data)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def is_news(at: dt.datetime | None) -> bool:
    return not _quiet.get() and (at is None or at >= timezone.now() - NEWS_WINDOW)


def link_for(case: Case | None, report: Report | None) -> str:
    if case is not None:
        path = reverse("cases:detail", args=[case.pk])
    elif report is not None:
        path = reverse("intake_staff:detail", args=[report.pk])
    else:
        path = reverse("cases:notifications")
    return f"{settings.SITE_URL}{path}"


def notify(
    users: Iterable[User],
    *,
    kind: str,
    text: str,
    case: Case | None = None,
    report: Report | None = None,
    clock: Clock | None = None,
    actor: User | None = None,
    at: dt.datetime | None = None,
) -> list[Notification]:
    """Write one notification per user (not the actor, active users only) and send the e-mail of
    those who want it at once, once the transaction commits. Returns the notifications written."""
    if not is_news(at):
        return []
    ids = {u.pk for u in users} - ({actor.pk} if actor is not None else set())
    # read again: the choice and the address as they are now, not as the caller loaded them
    recipients = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True).order_by("pk")}
    if not recipients:
        return []
    now = timezone.now()
    rows = [
        Notification(
            user=u,
            kind=kind,
            case=case,
            report=report,
            clock=clock,
            text=text[:400],
            # only a digest still owes an e-mail
            emailed_at=None if u.notify_mode == NotifyMode.DIGEST and u.email else now,
        )
        for u in recipients.values()
    ]
    created = Notification.objects.bulk_create(rows)
    now_emails = [u.email for u in recipients.values() if u.email and u.notify_mode == NotifyMode.NOW]
    if now_emails:
        with translation.override(settings.LANGUAGE_CODE):
            subject = f"[JagaNetral] {NotificationKind(kind).label}: {_reference(case, report)}"
        body = f"{text}\n\n{link_for(case, report)}\n"
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[], bcc=now_emails)
        transaction.on_commit(lambda: message.send(fail_silently=True))
    return created


def _reference(case: Case | None, report: Report | None) -> str:
    if case is not None:
        return case.reference
    return report.reference if report is not None else ""


# --- who is told ------------------------------------------------------------------------------


def _closest(users: Sequence[User]) -> list[User]:
    """The users with a region scope, or the national ones when no one closer is there."""
    local = [u for u in users if u.scope]
    return local or [u for u in users if not u.scope]


def _who_sees(roles: Iterable[str], obj: Case | Report) -> list[User]:
    candidates = (
        User.objects.filter(is_active=True, role__in=list(roles))
        .exclude(role=Role.ADMIN)
        .select_related("region_scope")
    )
    return _closest([u for u in candidates if policy.can_see(u, obj)])


def regional_supervisors(obj: Case | Report) -> list[User]:
    return _who_sees(intake_permissions.TRIAGE.roles, obj)


def _site(text: str, **values: object) -> str:
    """A notification's text in the site's language (it is stored once for every reader)."""
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):
        return gettext(text) % values


# --- the events -------------------------------------------------------------------------------


def new_report(report: Report) -> list[Notification]:
    text = _site(
        gettext_noop("Laporan baru %(ref)s masuk untuk wilayah %(region)s."),
        ref=report.reference,
        region=report.region.name,
    )
    return notify(regional_supervisors(report), kind=NotificationKind.NEW_REPORT, text=text, report=report)


def reporter_reply(report: Report) -> list[Notification]:
    case = Case.objects.filter(report=report).select_related("assignee").first()
    users: list[User] = []
    if case is not None and case.assignee is not None and policy.can_see(case.assignee, case):
        users = [case.assignee]
    if not users:
        last = report.messages.filter(author_kind=MessageAuthor.STAFF, author__isnull=False).last()
        if last is not None and last.author is not None and policy.can_see(last.author, report):
            users = [last.author]
    users = users or regional_supervisors(report)
    text = _site(gettext_noop("Pelapor menjawab pada laporan %(ref)s."), ref=report.reference)
    return notify(users, kind=NotificationKind.REPORTER_REPLY, text=text, report=report, case=case)


def access_decision(access_request: IdentityAccessRequest) -> list[Notification]:
    report = access_request.report
    approved = access_request.status == "approved"
    if approved:
        until = timezone.localtime(access_request.expires_at) if access_request.expires_at else None
        text = _site(
            gettext_noop(
                "Permintaan Anda membuka identitas pelapor laporan %(ref)s disetujui, "
                "berlaku sampai %(until)s."
            ),
            ref=report.reference,
            until=f"{until:%d-%m-%Y %H:%M}" if until else "-",
        )
    else:
        text = _site(
            gettext_noop("Permintaan Anda membuka identitas pelapor laporan %(ref)s ditolak."),
            ref=report.reference,
        )
    return notify(
        [access_request.requested_by],
        kind=NotificationKind.ACCESS_DECISION,
        text=text,
        report=report,
        actor=access_request.decided_by,
    )


def assigned(case: Case, user: User, *, actor: User) -> list[Notification]:
    text = _site(
        gettext_noop("Kasus %(ref)s (%(region)s) diserahkan kepada Anda oleh %(actor)s."),
        ref=case.reference,
        region=case.region.name,
        actor=actor.get_full_name() or actor.username,
    )
    return notify([user], kind=NotificationKind.ASSIGNED, text=text, case=case, actor=actor)


def forwarded(case: Case, *, actor: User, at: dt.datetime | None = None) -> list[Notification]:
    waiting = case.reported.filter(state="forwarded").count()
    text = _site(
        gettext_noop("Kasus %(ref)s (%(region)s) diteruskan ke BKN: %(n)d ASN menunggu rekomendasi."),
        ref=case.reference,
        region=case.region.name,
        n=waiting,
    )
    users = _who_sees(permissions.RECOMMEND.roles, case)
    return notify(users, kind=NotificationKind.FORWARDED, text=text, case=case, actor=actor, at=at)


def screening_case(case: Case, *, actor: User, at: dt.datetime | None = None) -> list[Notification]:
    text = _site(
        gettext_noop("Kasus baru %(ref)s dari penapisan siber untuk wilayah %(region)s."),
        ref=case.reference,
        region=case.region.name,
    )
    users = _who_sees(permissions.SUPERVISE.roles, case)
    return notify(users, kind=NotificationKind.SCREENING_CASE, text=text, case=case, actor=actor, at=at)


# --- the daily digest -------------------------------------------------------------------------


def digest_email(rows: Sequence[Notification], day: dt.date) -> tuple[str, str]:
    """One e-mail for a day's notifications, grouped by what they tell of."""
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("[JagaNetral] Ringkasan pemberitahuan %(day)s") % {"day": f"{day:%d-%m-%Y}"}
        lines = [gettext("%(n)d pemberitahuan baru sejak ringkasan sebelumnya.") % {"n": len(rows)}, ""]
        for kind in NotificationKind:
            group = [n for n in rows if n.kind == kind.value]
            if not group:
                continue
            lines.append(f"{kind.label} ({len(group)})")
            for n in group:
                lines.append(f"- {n.text}")
                lines.append(f"  {link_for(n.case, n.report)}")
            lines.append("")
        lines.append(f"{settings.SITE_URL}{reverse('cases:notifications')}")
    return subject, "\n".join(lines)


def send_digests(now: dt.datetime) -> int:
    """Once a day, from the configured hour on: one e-mail per user who chose the digest, with the
    notifications written before that hour and not yet e-mailed. Each user's day is claimed in the
    transaction that marks the notifications, so two ticks at once never send it twice."""
    from jaganetral.core.tick import claim_period

    local = timezone.localtime(now)
    if local.hour < settings.NOTIFY_DIGEST_HOUR:
        return 0
    cutoff = timezone.make_aware(dt.datetime.combine(local.date(), dt.time(settings.NOTIFY_DIGEST_HOUR)))
    owed = Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__lt=cutoff,
        user__notify_mode=NotifyMode.DIGEST,
        user__is_active=True,
    ).exclude(user__email="")
    sent = 0
    for user_id in sorted(set(owed.values_list("user_id", flat=True))):
        with transaction.atomic():
            if not claim_period("cases.notification_digest", f"{local.date().isoformat()}:{user_id}"):
                continue
            rows = list(
                owed.filter(user_id=user_id).select_related("case", "report").order_by("created_at", "id")
            )
            if not Notification.objects.filter(pk__in=[n.pk for n in rows], emailed_at__isnull=True).update(
                emailed_at=now
            ):
                continue
            address = User.objects.get(pk=user_id).email
            subject, body = digest_email(rows, local.date())
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[address])
            transaction.on_commit(lambda m=message: m.send(fail_silently=True))  # type: ignore[misc]
            sent += 1
    return sent
