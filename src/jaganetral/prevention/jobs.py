"""The prevention app's periodic work (``jaganetral tick``): the traces friendly reminders leave
for the rate limits are deleted once older than the longest limit, at most once an hour."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from jaganetral.core.tick import claim_period, register
from jaganetral.prevention.actions.reminders import KEEP_DAYS
from jaganetral.prevention.models import ReminderSent


@register("prevention.purge")
def purge_reminder_traces(now: datetime) -> int:
    with transaction.atomic():
        if not claim_period("prevention.purge", now.strftime("%Y-%m-%dT%H")):
            return 0
        deleted, _ = ReminderSent.objects.filter(sent_at__lt=now - timedelta(days=KEEP_DAYS)).delete()
    return deleted
