"""The one permission door (accounts/policy.py): role table, region rule, object scopes, and no
bypass left in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role, User
from jaganetral.cases import permissions as case_perms
from jaganetral.cases import workflow
from jaganetral.cases.models import Case
from jaganetral.intake import permissions as intake_perms
from jaganetral.screening import permissions as screening_perms
from tests.conftest import Personas

SRC = Path(__file__).resolve().parents[2] / "src" / "jaganetral"

EXPECTED = {
    "cases.view": {"admin", "supervisor", "authority", "agency"},
    "cases.supervise": {"admin", "supervisor"},
    "cases.open_from_screening": {"admin", "supervisor", "analyst"},
    "cases.recommend": {"admin", "authority"},
    "cases.sanction": {"admin", "authority", "agency"},
    "cases.see_all_attachments": {"admin", "supervisor"},
    "cases.see_witnesses": {"admin", "supervisor"},
    "accounts.audit": {"admin"},
    "cases.edit_offices": {"admin", "supervisor"},
    "intake.triage": {"admin", "supervisor"},
    "intake.custody": {"custodian"},
    "screening.screen": {"admin", "analyst", "supervisor"},
    "screening.switch_detector": {"admin", "supervisor"},
}


def test_the_role_table() -> None:
    table = {p.name: set(p.roles) for p in policy.registered()}
    assert {k: v for k, v in table.items() if k in EXPECTED} == EXPECTED


def test_recommend_and_sanction_come_from_the_transition_tables() -> None:
    from jaganetral.cases import person_path

    assert case_perms.RECOMMEND.roles == person_path.roles_into(person_path.PersonState.RECOMMENDED)
    assert case_perms.SANCTION.roles == person_path.roles_into(person_path.PersonState.SANCTIONED)
    assert case_perms.SUPERVISE.roles == workflow.SUPERVISOR


def test_a_permission_cannot_be_declared_twice_differently() -> None:
    from django.core.exceptions import ImproperlyConfigured

    assert policy.define("cases.supervise", workflow.SUPERVISOR) is not None  # same: fine
    with pytest.raises(ImproperlyConfigured):
        policy.define("cases.supervise", {"admin"})
    with pytest.raises(ImproperlyConfigured):
        policy.define("test.unknown_role", {"mayor"})


@pytest.mark.django_db
def test_inactive_and_anonymous_users_may_do_nothing(personas: Personas) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert policy.can(personas.jepara, intake_perms.TRIAGE)
    assert not policy.can(AnonymousUser(), intake_perms.TRIAGE)
    personas.jepara.is_active = False
    assert not policy.can(personas.jepara, intake_perms.TRIAGE)
    assert not policy.visible(personas.jepara, Case).exists()
    assert list(policy.visible(AnonymousUser(), Case)) == []


@pytest.mark.django_db
def test_switching_detectors_needs_a_national_scope(personas: Personas) -> None:
    assert policy.can(personas.admin, screening_perms.SWITCH_DETECTOR)
    assert not policy.can(personas.jateng, screening_perms.SWITCH_DETECTOR)  # supervisor, regional
    assert not policy.can(personas.analyst, screening_perms.SWITCH_DETECTOR)


@pytest.mark.django_db
def test_one_region_rule_for_codes_scopes_and_queries(personas: Personas) -> None:
    assert policy.covers_scope(personas.jateng, personas.jepara)
    assert not policy.covers_scope(personas.jepara, personas.jateng)
    assert not policy.covers_scope(personas.jateng, personas.jatim)
    assert policy.covers_scope(personas.admin, personas.jatim)
    national = User(username="n", role=Role.SUPERVISOR)
    assert not policy.covers_scope(personas.jateng, national)
    # the query and the per-code answer agree
    from jaganetral.reference.models import Region

    inside = set(
        Region.objects.filter(policy.user_region_q(personas.jepara, "code")).values_list("pk", flat=True)
    )
    assert inside == {r.pk for r in Region.objects.all() if policy.covers(personas.jepara, r.pk)}


@pytest.mark.django_db
def test_outside_the_scope_is_not_found(personas: Personas) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        policy.get_visible(personas.jepara, Case, pk=10**9)


# Role sets and region rules are spelled out only in the door and in the apps' permissions.py.
# lib/regioncode.py is the pure region rule the door uses; accounts/actions.py sets Django's own
# staff flags for administrators when it creates a user.
ALLOWED = {
    "accounts/policy.py",
    "accounts/models.py",
    "accounts/actions.py",
    "cases/workflow.py",
    "lib/regioncode.py",
}
BYPASSES = [
    re.compile(r"\b(actor|user|u|request\.user)\.role\s+(not\s+)?in\s"),
    re.compile(r"role\s*(==|!=)\s*Role\.(SUPERVISOR|ADMIN|AUTHORITY|AGENCY|ANALYST|CUSTODIAN)\b"),
    re.compile(r"covers_region|scope_q\(|startswith\(\w*\.?scope"),
]


def test_no_permission_bypass_in_the_code() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in ALLOWED or rel.endswith("permissions.py") or "/migrations/" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in BYPASSES):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "ask accounts.policy instead:\n" + "\n".join(found)
