"""Scoped reads of the prevention app: campaigns and briefings through the permission door,
coverage per unit, the rule summary a signer reads, a certificate by its code, quiz results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from jaganetral.accounts import policy
from jaganetral.prevention import permissions, quiz
from jaganetral.prevention.models import Briefing, Campaign, Phase, QuizResponse, Signer
from jaganetral.reference.models import Agency, Election
from jaganetral.rulebook.models import Rule, RuleVersion, Track
from jaganetral.rulebook.sanctions import catalogue


def campaigns(user: Any) -> QuerySet[Campaign]:
    return policy.visible(user, Campaign).select_related("agency", "election")


def campaign(user: Any, pk: int) -> Campaign:
    return policy.get_visible(user, Campaign, pk=pk)


def briefings(user: Any) -> QuerySet[Briefing]:
    return policy.visible(user, Briefing).select_related("agency", "region")


def briefing(user: Any, pk: int) -> Briefing:
    return policy.get_visible(user, Briefing, pk=pk)


def agencies_for(user: Any) -> QuerySet[Agency]:
    """The agencies a user may open a campaign or record a briefing for."""
    who = policy.staff(user)
    return permissions.agencies_for(who) if who is not None else Agency.objects.none()


def elections() -> QuerySet[Election]:
    return Election.objects.order_by("-voting_day", "code")


@dataclass(frozen=True)
class UnitCoverage:
    unit: str
    total: int
    signed: int

    @property
    def percent(self) -> int:
        return round(100 * self.signed / self.total) if self.total else 0


def coverage(c: Campaign) -> list[UnitCoverage]:
    rows = (
        Signer.objects.filter(campaign=c)
        .values("unit")
        .annotate(total=Count("pk"), signed=Count("pk", filter=Q(signed_at__isnull=False)))
        .order_by("unit")
    )
    return [UnitCoverage(r["unit"], r["total"], r["signed"]) for r in rows]


def overall(units: list[UnitCoverage]) -> UnitCoverage:
    return UnitCoverage("", sum(u.total for u in units), sum(u.signed for u in units))


def rule_sources(version: RuleVersion) -> list[quiz.Source]:
    lang = get_language() or "id"
    return [
        quiz.Source(
            r.code, r.track, r.title_en if lang == "en" and r.title_en else r.title, tuple(r.examples)
        )
        for r in Rule.objects.filter(version=version).order_by("position")
    ]


def summary(version: RuleVersion, election_kind: str, employment: str) -> dict[str, Any]:
    """What a signer reads: the breaches that apply to the election, the allowed acts, and the
    sanction kinds that can be given to a PNS or a PPPK under this rulebook version."""
    rules = [
        r for r in Rule.objects.filter(version=version).order_by("position") if election_kind in r.elections
    ]
    kinds = catalogue(version.version, version.sanctions).choosable(employment)
    lang = get_language() or "id"
    return {
        "forbidden": [r for r in rules if r.track != Track.BOLEH],
        "allowed": [r for r in rules if r.track == Track.BOLEH],
        "kinds": [k.label(lang) for k in kinds],
    }


def certificate(code: str) -> Signer | None:
    if not code:
        return None
    return (
        Signer.objects.select_related("campaign__agency")
        .filter(certificate_code=code, signed_at__isnull=False)
        .first()
    )


def quiz_questions(b: Briefing) -> list[quiz.Question]:
    return quiz.resolve(b.questions, rule_sources(b.rule_version))


def quiz_results(b: Briefing) -> tuple[list[quiz.QuestionResult], dict[str, int]]:
    questions = quiz_questions(b)
    before = [r.answers for r in QuizResponse.objects.filter(briefing=b, phase=Phase.BEFORE)]
    after = [r.answers for r in QuizResponse.objects.filter(briefing=b, phase=Phase.AFTER)]
    return quiz.tally(questions, before, after), {"before": len(before), "after": len(after)}
