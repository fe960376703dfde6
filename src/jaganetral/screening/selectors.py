"""Reads for screening, scoped by the actor's region."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Mod

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.reference.models import Agency, Contestant, Election, Region, RegionLevel
from jaganetral.screening import permissions
from jaganetral.screening.models import (
    DEFAULT_DETECTOR,
    AsnPerson,
    Detector,
    DetectorKind,
    Finding,
    FindingStatus,
    ImportJob,
)
from jaganetral.screening.nlp import ContestantSpec, ElectionSpec


def election_spec(election: Election) -> ElectionSpec:
    """The pure pipeline's view of an election and its contestants."""
    return ElectionSpec(
        code=election.code,
        contestants=tuple(
            ContestantSpec(
                number=c.number,
                kind=c.kind,
                name=c.name,
                aliases=tuple(c.aliases or ()),
                parties=tuple(c.parties or ()),
                hashtags=tuple(c.hashtags or ()),
                slogans=tuple(c.slogans or ()),
                accounts=tuple(c.accounts or ()),
            )
            for c in election.contestants.all().order_by("kind", "number")
        ),
    )


def can_screen(user: User) -> bool:
    return policy.can(user, permissions.SCREEN)


def review_queue(user: User) -> QuerySet[Finding]:
    return (
        policy.visible(user, Finding)
        .filter(status=FindingStatus.QUEUED)
        .select_related("post", "post__account__person", "election")
        .order_by("-score", "due_at", "id")
    )


def contestant_names(findings: list[Finding]) -> dict[tuple[int, str, int], str]:
    """(election id, contestant kind, ballot number) -> name, for showing who a finding is about
    ("2" alone means nothing to a reader). Kind "" (findings recorded before the kind was kept)
    gives the names of every contestant with that number, as a party and a pair may share it."""
    wanted = {(f.election_id, f.target) for f in findings if f.target is not None}
    if not wanted:
        return {}
    names: dict[tuple[int, str, int], list[str]] = {}
    rows = Contestant.objects.filter(
        election_id__in={e for e, _n in wanted}, number__in={n for _e, n in wanted}
    ).order_by("kind", "number")
    for c in rows:
        names.setdefault((c.election_id, c.kind, c.number), []).append(c.name)
        names.setdefault((c.election_id, "", c.number), []).append(c.name)
    return {key: " / ".join(value) for key, value in names.items()}


def rule_titles(codes: list[str]) -> dict[str, str]:
    """Rule code -> its title in the current rulebook, so "E2" is shown with what it forbids."""
    from jaganetral.rulebook.selectors import current_version, rules_by_codes

    version = current_version()
    if version is None or not codes:
        return {}
    return {code: rule.title for code, rule in rules_by_codes(version, codes).items()}


def finding_for(user: User, pk: int) -> Finding | None:
    return (
        policy.visible(user, Finding)
        .filter(pk=pk)
        .select_related("post", "post__account__person", "election")
        .first()
    )


def people(user: User, query: str = "") -> QuerySet[AsnPerson]:
    qs = policy.visible(user, AsnPerson).select_related("agency", "region")
    if query:
        qs = qs.filter(
            Q(name__icontains=query) | Q(nip__startswith=query) | Q(accounts__handle__icontains=query)
        )
    return qs.distinct().order_by("name")


def person_for(user: User, pk: int) -> AsnPerson | None:
    return people(user).filter(pk=pk).prefetch_related("accounts").first()


def regions_for_person(user: User, current: Region | None) -> list[Region]:
    """Regions an ASN may be placed in by ``user``: provinces and regencies inside the scope."""
    qs = Region.objects.filter(level__in=(RegionLevel.PROVINCE, RegionLevel.REGENCY))
    qs = qs.filter(policy.user_region_q(user, "code"))
    regions = list(qs.order_by("code"))
    if current is not None and current not in regions:
        regions.append(current)
    return regions


def agencies_for_person(user: User, current: Agency | None) -> list[Agency]:
    """Active agencies that are central or lie inside the user's scope."""
    qs = Agency.objects.filter(is_active=True)
    if user.scope:
        qs = qs.filter(Q(region__isnull=True) | policy.user_region_q(user))
    agencies = list(qs.order_by("name"))
    if current is not None and current not in agencies:
        agencies.append(current)
    return agencies


# ------------------------------------------------------------------------------- import jobs


def import_jobs(user: User) -> QuerySet[ImportJob]:
    """Post import jobs the user may follow: those started inside their region scope."""
    return policy.visible(user, ImportJob).select_related("created_by")


def import_job_for(user: User, pk: int) -> ImportJob | None:
    return import_jobs(user).filter(pk=pk).first()


# --------------------------------------------------------------------------------- detectors


def can_switch_detector(user: User) -> bool:
    """Switching the active detector changes screening everywhere: admins and national supervisors."""
    return policy.can(user, permissions.SWITCH_DETECTOR)


def active_detector() -> Detector | None:
    """The registered active detector; None while the built-in one (named DEFAULT_DETECTOR) runs."""
    return Detector.objects.filter(kind=DetectorKind.ACTIVE).first()


def active_detector_name() -> str:
    active = active_detector()
    return active.name if active is not None else DEFAULT_DETECTOR


def detectors(user: User) -> QuerySet[Detector]:
    if not can_screen(user):
        return Detector.objects.none()
    return Detector.objects.select_related("created_by", "activated_by").order_by("kind", "name")


def detector_for(user: User, pk: int) -> Detector | None:
    return detectors(user).filter(pk=pk).first()


# One reviewed finding in this many (by id) is held back: ``screening train`` never learns from it,
# ``screening compare`` judges a candidate detector on it.
HOLD_BACK_EVERY = 5


def held_back(finding_id: int | None) -> bool:
    return finding_id is not None and finding_id % HOLD_BACK_EVERY == 0


@dataclass(frozen=True)
class Comparison:
    """Two detectors on the same posts, and how each agrees with the reviewers' decisions."""

    active: str
    candidate: str
    since: dt.datetime | None  # posts screened since then were scored by both (None: all posts)
    flagged_active: int
    flagged_candidate: int
    both: int
    only_active: int
    only_candidate: int
    confirmed: int  # posts whose finding a reviewer confirmed
    dismissed: int  # ... or dismissed
    active_confirmed: int  # confirmed posts the active detector flagged
    active_dismissed: int
    candidate_confirmed: int
    candidate_dismissed: int
    # the held-back share of reviewed posts (never used by ``screening train``): the fair test of a
    # candidate retrained on the reviewers' labels
    held_back_confirmed: int = 0
    held_back_dismissed: int = 0
    active_held_back_confirmed: int = 0
    active_held_back_dismissed: int = 0
    candidate_held_back_confirmed: int = 0
    candidate_held_back_dismissed: int = 0

    @property
    def reviewed(self) -> int:
        return self.confirmed + self.dismissed

    def _agreement(self, hits: int, false_alarms: int) -> float | None:
        """Share of reviewed posts where the detector agrees with the reviewer: it flagged a
        confirmed post, or did not flag a dismissed one."""
        if not self.reviewed:
            return None
        return (hits + self.dismissed - false_alarms) / self.reviewed

    @property
    def active_agreement(self) -> float | None:
        return self._agreement(self.active_confirmed, self.active_dismissed)

    @property
    def candidate_agreement(self) -> float | None:
        return self._agreement(self.candidate_confirmed, self.candidate_dismissed)

    def _held_back_agreement(self, hits: int, false_alarms: int) -> float | None:
        reviewed = self.held_back_confirmed + self.held_back_dismissed
        if not reviewed:
            return None
        return (hits + self.held_back_dismissed - false_alarms) / reviewed

    @property
    def active_held_back_agreement(self) -> float | None:
        return self._held_back_agreement(self.active_held_back_confirmed, self.active_held_back_dismissed)

    @property
    def candidate_held_back_agreement(self) -> float | None:
        return self._held_back_agreement(
            self.candidate_held_back_confirmed, self.candidate_held_back_dismissed
        )

    @property
    def candidate_better(self) -> bool | None:
        """Whether the candidate agrees with the reviewers more often than the active detector on
        the held-back share (None: nothing held back reviewed yet)."""
        a, c = self.active_held_back_agreement, self.candidate_held_back_agreement
        return None if a is None or c is None else c > a

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        data["since"] = self.since.isoformat() if self.since else None
        data["active_agreement"] = self.active_agreement
        data["candidate_agreement"] = self.candidate_agreement
        data["active_held_back_agreement"] = self.active_held_back_agreement
        data["candidate_held_back_agreement"] = self.candidate_held_back_agreement
        data["candidate_better_on_held_back"] = self.candidate_better
        return data


def _findings_compared(
    election: Election, active: str, candidate: str, scope: str
) -> tuple[QuerySet[Finding], dt.datetime | None]:
    marks = [d.seen_since for d in Detector.objects.filter(name__in=(active, candidate)) if d.seen_since]
    since = max(marks) if marks else None
    base = Finding.objects.filter(election=election).filter(policy.region_q(scope))
    if since is not None:
        base = base.filter(post__screened_at__gte=since)
    return base, since


def compare_detectors(election: Election, active: str, candidate: str, *, scope: str = "") -> Comparison:
    """Posts flagged by both detectors, by only one, and agreement with reviewers, counted over the
    posts both have scored (screened since the later one was registered, unless backfilled) and
    inside ``scope`` (a region prefix; "" = national). Used by the page and ``screening compare``."""
    base, since = _findings_compared(election, active, candidate, scope)
    by_active = base.filter(detector=active)
    by_candidate = base.filter(detector=candidate)
    candidate_posts = by_candidate.values("post_id")
    confirmed = base.filter(status=FindingStatus.CONFIRMED).values("post_id")
    dismissed = base.filter(status=FindingStatus.DISMISSED).values("post_id")
    flagged_active = by_active.count()
    flagged_candidate = by_candidate.count()
    both = by_active.filter(post_id__in=candidate_posts).count()
    held = base.annotate(share=Mod("id", HOLD_BACK_EVERY)).filter(share=0)
    held_confirmed = held.filter(status=FindingStatus.CONFIRMED).values("post_id")
    held_dismissed = held.filter(status=FindingStatus.DISMISSED).values("post_id")
    return Comparison(
        active=active,
        candidate=candidate,
        since=since,
        flagged_active=flagged_active,
        flagged_candidate=flagged_candidate,
        both=both,
        only_active=flagged_active - both,
        only_candidate=flagged_candidate - both,
        confirmed=confirmed.distinct().count(),
        dismissed=dismissed.distinct().count(),
        active_confirmed=by_active.filter(post_id__in=confirmed).count(),
        active_dismissed=by_active.filter(post_id__in=dismissed).count(),
        candidate_confirmed=by_candidate.filter(post_id__in=confirmed).count(),
        candidate_dismissed=by_candidate.filter(post_id__in=dismissed).count(),
        held_back_confirmed=held_confirmed.distinct().count(),
        held_back_dismissed=held_dismissed.distinct().count(),
        active_held_back_confirmed=by_active.filter(post_id__in=held_confirmed).count(),
        active_held_back_dismissed=by_active.filter(post_id__in=held_dismissed).count(),
        candidate_held_back_confirmed=by_candidate.filter(post_id__in=held_confirmed).count(),
        candidate_held_back_dismissed=by_candidate.filter(post_id__in=held_dismissed).count(),
    )


def detector_comparisons(user: User, election: Election) -> list[Comparison]:
    """The active detector against every monitor-mode one, inside the user's scope."""
    if not can_screen(user):
        return []
    active = active_detector_name()
    return [
        compare_detectors(election, active, d.name, scope=user.scope)
        for d in Detector.objects.filter(kind=DetectorKind.MONITOR).exclude(name=active).order_by("name")
    ]


def disagreements(
    user: User, election: Election, active: str, candidate: str, limit: int = 10
) -> tuple[list[Finding], list[Finding]]:
    """Examples to read: findings only the candidate made, and findings only the active one made."""
    if not can_screen(user):
        return [], []
    base, _ = _findings_compared(election, active, candidate, user.scope)
    base = base.select_related("post", "post__account__person").order_by("-score", "id")
    only_candidate = base.filter(detector=candidate).exclude(
        post_id__in=base.filter(detector=active).values("post_id")
    )
    only_active = base.filter(detector=active).exclude(
        post_id__in=base.filter(detector=candidate).values("post_id")
    )
    return list(only_candidate[:limit]), list(only_active[:limit])


def elections_with_findings(user: User) -> list[Election]:
    """Elections to compare detectors on: those with findings in the user's scope, newest first."""
    if not can_screen(user):
        return []
    codes = policy.visible(user, Finding).values("election_id").distinct()
    return list(Election.objects.filter(pk__in=codes).order_by("-voting_day", "code"))


QUEUE_FILTER_ROWS = 2000  # queued findings read for the queue's rule filter and its choices


def _codes(pairs: list[object]) -> set[str]:
    """Screening names rules in pairs ("E2/D2"): every code of every pair."""
    return {code for pair in pairs for code in str(pair).split("/") if code}


def review_queue_filtered(user: User, *, region: str = "", agency: str = "", rule: str = "") -> list[Finding]:
    """The review queue narrowed by region (a Kemendagri code prefix), the civil servant's agency
    (its code) and a rule code; the actor's own scope always applies."""
    qs = review_queue(user)
    if region:
        qs = qs.filter(policy.region_q(region))
    if agency:
        qs = qs.filter(post__account__person__agency__code=agency)
    rows = list(qs.select_related("region", "post__account__person__agency")[:QUEUE_FILTER_ROWS])
    if rule:
        rows = [f for f in rows if rule in _codes(f.rules)]
    return rows


def queue_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """What the queue's filters offer: the regions, agencies and rules of the actor's queued
    findings."""
    regions: dict[str, str] = {}
    agencies: dict[str, str] = {}
    rules: set[str] = set()
    qs = review_queue(user).select_related("region", "post__account__person__agency")
    for f in qs[:QUEUE_FILTER_ROWS]:
        if f.region is not None:
            regions[f.region.code] = f.region.name
        person = f.post.account.person if f.post.account is not None else None
        if person is not None and person.agency is not None:
            agencies[person.agency.code] = person.agency.name
        rules |= _codes(f.rules)
    return {
        "regions": sorted(regions.items()),
        "agencies": sorted(agencies.items(), key=lambda x: x[1]),
        "rules": [(c, c) for c in sorted(rules)],
    }
