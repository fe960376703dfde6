"""What each role may do with reports, and which reports each user sees, declared into the one
permission door (:mod:`jaganetral.accounts.policy`). Reporters have no account: they reach their
own report only with its receipt (``selectors.report_by_receipt``)."""

from __future__ import annotations

from django.db.models import QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.intake.models import IdentityAccessRequest, Report

# Bawaslu's intake work: the queue, questions to the reporter, evidence, asking for the identity,
# recording whether a report was registered.
TRIAGE = policy.define("intake.triage", {Role.SUPERVISOR, Role.ADMIN})
# Deciding who may open a sealed reporter identity: the custodian alone (never the one who asked).
CUSTODY = policy.define("intake.custody", {Role.CUSTODIAN})


@policy.scope(Report)
def reports_for(actor: User) -> QuerySet[Report]:
    """Reports whose event region lies in the actor's region scope (supervisors and admins)."""
    if not policy.can(actor, TRIAGE):
        return Report.objects.none()
    return Report.objects.filter(policy.user_region_q(actor))


@policy.scope(IdentityAccessRequest)
def access_requests_for(actor: User) -> QuerySet[IdentityAccessRequest]:
    """Identity access requests in the custodian's region scope."""
    if not policy.can(actor, CUSTODY):
        return IdentityAccessRequest.objects.none()
    return IdentityAccessRequest.objects.filter(policy.user_region_q(actor, "report__region"))
