"""Who may run prevention work, declared into the one permission door
(:mod:`jaganetral.accounts.policy`), and which campaigns and briefings each user sees.

Pledge campaigns belong to an agency: its own staff (the agency role, limited to their agency) run
them, and administrators inside their region scope. Briefings are held by agencies and by Bawaslu:
supervisors record them too, inside their region scope."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.prevention.models import Briefing, Campaign
from jaganetral.reference.models import Agency

CAMPAIGNS = policy.define("prevention.campaigns", {Role.AGENCY, Role.ADMIN})
BRIEFINGS = policy.define("prevention.briefings", {Role.AGENCY, Role.SUPERVISOR, Role.ADMIN})


@policy.scope(Campaign)
def campaigns_for(actor: User) -> QuerySet[Campaign]:
    """An agency officer sees their own agency's campaigns; an administrator those of agencies in
    their region scope (central agencies, which have no region, only for national administrators)."""
    if not policy.can(actor, CAMPAIGNS):
        return Campaign.objects.none()
    if actor.role == Role.AGENCY:
        if actor.agency_id is None:
            return Campaign.objects.none()
        return Campaign.objects.filter(agency_id=actor.agency_id)
    return Campaign.objects.filter(policy.user_region_q(actor, "agency__region"))


@policy.scope(Briefing)
def briefings_for(actor: User) -> QuerySet[Briefing]:
    """Briefings in the user's region scope; an agency officer's only those of their agency."""
    if not policy.can(actor, BRIEFINGS):
        return Briefing.objects.none()
    qs = Briefing.objects.filter(policy.user_region_q(actor))
    if actor.role == Role.AGENCY:
        return qs.filter(agency_id=actor.agency_id) if actor.agency_id else Briefing.objects.none()
    return qs


def agencies_for(actor: User) -> QuerySet[Agency]:
    """The agencies an officer may run prevention work for: an agency officer their own, others
    the active agencies in their region scope."""
    if not (policy.can(actor, CAMPAIGNS) or policy.can(actor, BRIEFINGS)):
        return Agency.objects.none()
    if actor.role == Role.AGENCY:
        return Agency.objects.filter(pk=actor.agency_id) if actor.agency_id else Agency.objects.none()
    return Agency.objects.filter(is_active=True).filter(policy.user_region_q(actor)).order_by("name")
