"""What each role may do in the case register, and which cases each user sees, declared into the
one permission door (:mod:`jaganetral.accounts.policy`). The role sets of steps come from the
transition table (:mod:`jaganetral.cases.workflow`), never spelled out again.

Which cases a user sees:

- admin: every case;
- supervisor: cases whose event region lies in their region scope;
- authority: cases from the moment they were forwarded (and their region scope, if any);
- agency: forwarded cases naming a civil servant of their agency;
- analyst, custodian and anyone else: nothing.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.cases import person_path, workflow
from jaganetral.cases.models import Case, CaseReportedPerson

# Who works with cases at all (the case pages, the API, notifications).
VIEW = policy.define("cases.view", {Role.ADMIN, Role.SUPERVISOR, Role.AUTHORITY, Role.AGENCY})
# Bawaslu's own steps: open, register, clarify, study, forward or stop, assign, attach, link.
SUPERVISE = policy.define("cases.supervise", workflow.SUPERVISOR)
# Open a temuan from a confirmed screening finding.
OPEN_FROM_SCREENING = policy.define("cases.open_from_screening", {Role.ANALYST, *workflow.SUPERVISOR})
# BKN's decisions on a person (recommendation, PPK's silence, follow-up) and the PPK's sanction:
# whoever may take that step of a person's path (cases/person_path.py).
RECOMMEND = policy.define("cases.recommend", person_path.roles_into(person_path.PersonState.RECOMMENDED))
SANCTION = policy.define("cases.sanction", person_path.roles_into(person_path.PersonState.SANCTIONED))
# Every attachment, including those not marked shareable (they may name the reporter), and the
# originals of images: Bawaslu only.
SEE_ALL_ATTACHMENTS = policy.define("cases.see_all_attachments", workflow.SUPERVISOR)
# The names of witnesses and of the reporter in clarification records and studies: Bawaslu only,
# never the authority or the agency, who employ the reported person (cases/needtoknow.py).
SEE_WITNESSES = policy.define("cases.see_witnesses", workflow.SUPERVISOR)


def may_take(user: User, step: workflow.Transition) -> bool:
    """May ``user`` take this step of the transition table (its own role set)?"""
    return policy.staff(user) is not None and user.role in step.roles


def steps_for(user: User, state: workflow.State) -> list[workflow.Transition]:
    """The steps of the transition table the user may take from ``state``."""
    return [t for t in workflow.next_transitions(state) if may_take(user, t)]


def bulk_targets(user: User) -> list[workflow.State]:
    """The states the user may move several cases to at once (from the transition table)."""
    return workflow.bulk_targets(user.role) if policy.staff(user) is not None else []


@policy.scope(Case)
def cases_for(actor: User) -> QuerySet[Case]:
    if not policy.can(actor, VIEW):
        return Case.objects.none()
    qs = Case.objects.all()
    if actor.role == Role.ADMIN:
        return qs
    qs = qs.filter(policy.user_region_q(actor))
    if actor.role == Role.SUPERVISOR:
        return qs
    qs = qs.filter(forwarded_at__isnull=False)
    if actor.role == Role.AUTHORITY:
        return qs
    if actor.agency_id is None:
        return Case.objects.none()
    names_staff = CaseReportedPerson.objects.filter(case=OuterRef("pk"), agency_id=actor.agency_id)
    return qs.filter(Exists(names_staff))


def works_own_cases(user: User) -> bool:
    """A supervisor (not an admin) works a personal queue: own findings are assigned to them, and
    their case list opens on "waiting for me"."""
    return user.role == Role.SUPERVISOR


def names_own_staff_only(actor: User) -> bool:
    """An agency user acts only for its own civil servants, and must say whom."""
    return actor.role == Role.AGENCY


def sanctions_for_person(actor: User, person: CaseReportedPerson) -> bool:
    """An agency user records sanctions only for its own civil servants; the authority for anyone."""
    return not names_own_staff_only(actor) or person.agency_id == actor.agency_id


# Office profiles (letterhead, city line, signatories) of the offices inside one's region scope:
# admins, and the supervisors of an office (a regency's supervisor sets up that regency's office).
EDIT_OFFICES = policy.define("cases.edit_offices", {Role.ADMIN, Role.SUPERVISOR})


def may_edit_office(user: User, code: str) -> bool:
    """Admins and supervisors edit the profiles of the offices inside their region scope (the
    national office only with a national scope)."""
    return policy.can(user, EDIT_OFFICES) and (policy.covers(user, code) if code else not user.scope)
