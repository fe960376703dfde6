"""Screening runs: score the stored posts of registered accounts inside an election's period."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.reference.clocks import finding_review_days, screening_period
from jaganetral.reference.models import Election
from jaganetral.screening import selectors
from jaganetral.screening.actions.detectors import detector_pipeline
from jaganetral.screening.errors import ScreeningError
from jaganetral.screening.models import (
    DEFAULT_DETECTOR,
    Detector,
    DetectorKind,
    Finding,
    FindingStatus,
    Post,
)
from jaganetral.screening.nlp import Pipeline

log = logging.getLogger(__name__)


def in_period(election: Election, when: dt.datetime | None) -> bool:
    """Posts count only inside the election's screening period (``periods.screening`` of the clock
    book: campaign start, or 90 days before voting, to 7 days after voting day)."""
    if when is None:
        return False
    start, end = screening_period(election)
    return start <= timezone.localtime(when).date() <= end


def screen_new_posts(*, actor: User | None) -> int:
    """Screen the posts not screened yet against every stored election whose period contains
    them (active detector to the review queue, monitor-mode ones recorded). Returns the new
    queued-or-recorded findings of the active detector."""
    unscreened = Post.objects.filter(account__isnull=False, screened_at__isnull=True)
    made = 0
    for election in Election.objects.order_by("-voting_day", "code"):
        start, end = screening_period(election)
        if unscreened.filter(posted_at__date__gte=start, posted_at__date__lte=end).exists():
            made += screen_posts(election, actor=actor)
    return made


@dataclass
class _Run:
    detector: str
    pipe: Pipeline
    status: str  # queued: findings go to the review queue; monitor: only recorded
    made: int = 0


def screen_posts(
    election: Election,
    *,
    actor: User | None,
    detector: str | None = None,
    monitor: bool = False,
    pipeline: Pipeline | None = None,
) -> int:
    """Score posts of *registered* accounts inside the election period. Returns the new findings
    of the active (or named) detector.

    Without ``detector``: the active detector scores posts not yet screened and its findings above
    the threshold go to the review queue; every monitor-mode detector scores the same posts and its
    findings are only recorded (status ``monitor``), for :func:`selectors.compare_detectors`.
    With ``detector`` only that one runs; in monitor mode (``monitor`` or a monitor-mode Detector)
    it scores every stored post, already screened or not (a backfill), and marks none screened.
    """
    if detector is None and monitor:
        raise ScreeningError(_("mode pantau perlu nama detektor (--detector)"))
    if detector is None:
        active = selectors.active_detector()
        runs = [
            _Run(
                active.name if active else DEFAULT_DETECTOR,
                pipeline or detector_pipeline(active, election),
                FindingStatus.QUEUED,
            )
        ]
        for det in Detector.objects.filter(kind=DetectorKind.MONITOR):
            try:
                runs.append(_Run(det.name, detector_pipeline(det, election), FindingStatus.MONITOR))
            except ScreeningError as exc:  # a broken trial must not stop the review queue
                log.warning("monitor detector skipped: %s", exc)
        backfill: Detector | None = None
    else:
        backfill = Detector.objects.filter(name=detector).first()
        monitor = monitor or (backfill is not None and backfill.kind == DetectorKind.MONITOR)
        pipe = pipeline or detector_pipeline(backfill, election)
        runs = [_Run(detector, pipe, FindingStatus.MONITOR if monitor else FindingStatus.QUEUED)]
    qs = Post.objects.filter(account__isnull=False).select_related("account__person")
    if not monitor:
        qs = qs.filter(screened_at__isnull=True)
    now = timezone.now()
    for post in qs.iterator(chunk_size=1000):
        if not in_period(election, post.posted_at):
            continue
        for run in runs:
            res = run.pipe.classify(post.text, reply_to=post.reply_to or None)
            if res["partisan"]:
                run.made += _record_finding(election, post, run, res, now)
        if not monitor:
            Post.objects.filter(pk=post.pk).update(screened_at=now)
    with transaction.atomic():
        if monitor and backfill is not None:
            # it has now seen every stored post: compare it on all of them
            Detector.objects.filter(pk=backfill.pk).update(seen_since=None)
        record(
            "screening.screen",
            actor=actor,
            obj=election,
            code=election.code,
            findings=runs[0].made,
            detector=runs[0].detector,
            monitor=monitor,
            monitors={r.detector: r.made for r in runs[1:]},
        )
    return runs[0].made


def _record_finding(election: Election, post: Post, run: _Run, res: dict[str, Any], now: dt.datetime) -> int:
    account = post.account
    if account is None:  # pragma: no cover - filtered by the query
        return 0
    snoozed = account.snoozed_until is not None and account.snoozed_until > now
    with transaction.atomic():
        _, created = Finding.objects.get_or_create(
            post=post,
            detector=run.detector,
            defaults={
                "election": election,
                "status": FindingStatus.MONITOR if snoozed else run.status,
                "score": res["score"],
                "direction": res["direction"] or "",
                "target": res["target"],
                "target_kind": res.get("target_kind") or "",
                "rules": res["rules"],
                "evidence": res["evidence"],
                "region": account.person.region,
                # the finding_review clock: a temuan within 7 days of discovery (clocks.yaml)
                "due_at": now + dt.timedelta(days=finding_review_days(election.kind)),
            },
        )
    return int(created)


def pipeline_for(election: Election) -> Pipeline:
    """The active detector's pipeline (the built-in one while no detector is registered active)."""
    return detector_pipeline(selectors.active_detector(), election)
