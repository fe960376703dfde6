"""What each role may do in screening, and which screening rows each user sees, declared into the
one permission door (:mod:`jaganetral.accounts.policy`): rows are scoped by their region."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.screening.models import AsnPerson, Finding, ImportJob

# Screening work: people and accounts, post imports, the review queue, detectors (to read).
SCREEN = policy.define("screening.screen", {Role.ADMIN, Role.ANALYST, Role.SUPERVISOR})
# Switching the active detector changes screening everywhere: admins and national supervisors.
SWITCH_DETECTOR = policy.define("screening.switch_detector", {Role.ADMIN, Role.SUPERVISOR}, national=True)

M = TypeVar("M", bound=Model)


def _in_scope(actor: User, qs: QuerySet[M]) -> QuerySet[M]:
    if not policy.can(actor, SCREEN):
        return qs.none()
    return qs.filter(policy.user_region_q(actor))


@policy.scope(AsnPerson)
def people_for(actor: User) -> QuerySet[AsnPerson]:
    return _in_scope(actor, AsnPerson.objects.all())


@policy.scope(Finding)
def findings_for(actor: User) -> QuerySet[Finding]:
    return _in_scope(actor, Finding.objects.all())


@policy.scope(ImportJob)
def import_jobs_for(actor: User) -> QuerySet[ImportJob]:
    return _in_scope(actor, ImportJob.objects.all())
