"""Friendly reminders between colleagues: an anonymous, polite e-mail explaining one rule.

Not a report: no case, no sender identity, no message body is kept. What stays is the least the
limits need: a keyed hash of the recipient's address (stable, so the limit and an opt-out hold)
and a keyed hash of the sender's network address under a key that changes every day (so it links
nothing beyond that day), with the rule's code and the time. Rows older than the longest window
are deleted whenever a reminder is sent.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.core.audit import record
from jaganetral.prevention import tokens
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.models import ReminderOptOut, ReminderSent
from jaganetral.rulebook.models import Rule

# (how many, in how many days): one reminder per colleague a week, three per sender a day
RECIPIENT_LIMIT = (1, 7)
SENDER_LIMIT = 3
KEEP_DAYS = 8


def _key(purpose: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()


def normalise_email(address: str) -> str:
    return address.strip().lower()


def recipient_hash(address: str) -> str:
    return hmac.new(
        _key("jaganetral.prevention.reminder.recipient"), normalise_email(address).encode(), hashlib.sha256
    ).hexdigest()


def sender_hash(client_address: str, day: date | None = None) -> str:
    """The sender's network address under today's key: the key changes at midnight (UTC) and
    yesterday's hashes can no longer be matched to an address."""
    day = day or timezone.now().date()
    key = _key(f"jaganetral.prevention.reminder.sender:{day.isoformat()}")
    return hmac.new(key, (client_address or "unknown").encode(), hashlib.sha256).hexdigest()


def opted_out(address: str) -> bool:
    return ReminderOptOut.objects.filter(recipient_hash=recipient_hash(address)).exists()


def send(*, rule: Rule, recipient: str, client_address: str, absolute: Callable[[str], str]) -> None:
    """Send one reminder about ``rule`` to ``recipient``, or refuse (opted out, limits)."""
    from django.urls import reverse

    if rule.track == "boleh":
        raise PreventionError(_("Pilih aturan yang berupa larangan."))
    now = timezone.now()
    rhash = recipient_hash(recipient)
    shash = sender_hash(client_address)
    with transaction.atomic():
        ReminderSent.objects.filter(sent_at__lt=now - timedelta(days=KEEP_DAYS)).delete()
        if ReminderOptOut.objects.filter(recipient_hash=rhash).exists():
            raise PreventionError(_("Penerima ini memilih untuk tidak menerima pengingat."))
        limit, days = RECIPIENT_LIMIT
        recent = ReminderSent.objects.filter(recipient_hash=rhash, sent_at__gte=now - timedelta(days=days))
        if recent.count() >= limit:
            raise PreventionError(
                _("Rekan ini sudah menerima pengingat dalam %(days)d hari terakhir. Coba lagi nanti.")
                % {"days": days}
            )
        if ReminderSent.objects.filter(sender_hash=shash).count() >= SENDER_LIMIT:
            raise PreventionError(
                _("Anda sudah mengirim %(n)d pengingat hari ini. Coba lagi besok.") % {"n": SENDER_LIMIT}
            )
        ReminderSent.objects.create(recipient_hash=rhash, sender_hash=shash, rule_code=rule.code, sent_at=now)
        context = {
            "rule": rule,
            "rule_url": absolute(
                reverse("rulebook:detail_versioned", args=[rule.version.version, rule.code])
            ),
            "optout_url": absolute(reverse("prevention:optout", args=[tokens.optout_token(rhash)])),
        }
        body = render_to_string("prevention/reminder_email.txt", context)
        EmailMessage(
            _("Pengingat bersahabat: netralitas ASN"), body, settings.DEFAULT_FROM_EMAIL, [recipient]
        ).send()
        record("prevention.friendly_reminder", actor=None, rule=rule.code)


def opt_out(token: str) -> None:
    rhash = tokens.read_optout(token)
    ReminderOptOut.objects.get_or_create(recipient_hash=rhash)
