"""Who may do what with personal-data matters, declared into the one permission door
(:mod:`jaganetral.accounts.policy`), and which data-subject requests each user sees."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.privacy.models import DataRequest, Subject

# The retention page: what the purge will delete or anonymise next.
RETENTION = policy.define("privacy.retention", {Role.ADMIN})
# A reporter's requests touch the sealed identity: the custodians answer them.
REPORTER_REQUESTS = policy.define("privacy.reporter_requests", {Role.CUSTODIAN})
# A civil servant's requests about the screening registry: the people who keep that registry.
REGISTRY_REQUESTS = policy.define("privacy.registry_requests", {Role.ADMIN, Role.ANALYST})


@policy.scope(DataRequest)
def requests_for(actor: User) -> QuerySet[DataRequest]:
    """Reporter requests to custodians, registry requests to admins and analysts, each inside the
    user's region scope (a request without a region only for national users)."""
    allowed = Q(pk__in=[])
    if policy.can(actor, REPORTER_REQUESTS):
        allowed |= Q(subject=Subject.REPORTER)
    if policy.can(actor, REGISTRY_REQUESTS):
        allowed |= Q(subject=Subject.ASN)
    qs = DataRequest.objects.filter(allowed)
    if actor.scope:
        qs = qs.filter(policy.user_region_q(actor))
    return qs
