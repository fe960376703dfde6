"""The list of cases behind a figure: the shared filters plus one facet (a funnel stage, a status,
a rule, an agency, a person's state, a position), checked like the filters. The page and the
exports take their rows from :func:`rows`, so an export holds exactly the list on screen."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.accounts.models import User
from jaganetral.cases import permissions as case_permissions
from jaganetral.cases.models import Case, CaseReportedPerson
from jaganetral.cases.person_path import PersonState
from jaganetral.cases.person_path import label as person_label
from jaganetral.cases.workflow import State, state_label
from jaganetral.insights import dashboard, selectors
from jaganetral.insights.filters import FilterError, Filters

MAX_EXPORT = 10_000
PAGE = 100
FACETS = ("stage", "status", "rule", "agency", "person_state", "position")
_RULE = re.compile(r"^[A-Za-z0-9._-]{1,30}$")
_AGENCY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,59}$")

COLUMNS: tuple[tuple[str, Any], ...] = (
    ("reference", gettext_lazy("Nomor")),
    ("received", gettext_lazy("Diterima")),
    ("region", gettext_lazy("Wilayah")),
    ("source", gettext_lazy("Sumber")),
    ("election", gettext_lazy("Pemilihan")),
    ("status", gettext_lazy("Status")),
    ("rules", gettext_lazy("Dugaan aturan")),
    ("people", gettext_lazy("Jumlah terlapor")),
    ("agencies", gettext_lazy("Instansi terlapor")),
)


@dataclass(frozen=True)
class Facet:
    name: str = ""
    value: str = ""

    def as_params(self) -> dict[str, str]:
        return {self.name: self.value} if self.name else {}

    def describe(self) -> list[tuple[str, str]]:
        if not self.name:
            return []
        states = {s.value for s in State}
        people = {s.value for s in PersonState}
        labels = {
            "stage": (_("Tahap"), {k: str(v) for k, v in dashboard.STAGES}.get(self.value, self.value)),
            "status": (_("Status"), state_label(State(self.value)) if self.value in states else self.value),
            "rule": (_("Dugaan aturan"), self.value),
            "agency": (_("Instansi terlapor"), self.value or _("instansi belum dikenali")),
            "person_state": (
                _("Status terlapor"),
                person_label(PersonState(self.value)) if self.value in people else self.value,
            ),
            "position": (_("Jabatan"), self.value or _("jabatan tidak diisi")),
        }
        return [labels[self.name]]


def parse_facet(params: Mapping[str, Any]) -> Facet:
    """At most one facet; :class:`FilterError` for an unknown or oversized value."""
    given = [(n, str(params.get(n, "")).strip()) for n in FACETS if n in params]
    if len(given) > 1:
        raise FilterError(
            _("Pilih satu saja dari: tahap, status, aturan, instansi, status terlapor, jabatan.")
        )
    if not given:
        return Facet()
    name, value = given[0]
    if len(value) > 200:
        raise FilterError(_("Saringan %(field)s terlalu panjang.") % {"field": name})
    ok = {
        "stage": value in dashboard.STAGE_KEYS,
        "status": value in State.__members__.values(),
        "rule": bool(_RULE.match(value)),
        "agency": value == "" or bool(_AGENCY.match(value)),
        "person_state": value in PersonState.__members__.values(),
        "position": True,
    }[name]
    if not ok:
        raise FilterError(
            _("Nilai saringan %(field)s tidak dikenal: %(value)s.") % {"field": name, "value": value[:60]}
        )
    return Facet(name, value)


def _rule_filter(qs: QuerySet[Case], code: str) -> QuerySet[Case]:
    if connection.vendor == "postgresql":
        return qs.filter(alleged_rules__contains=[code])
    has = RawSQL("EXISTS (SELECT 1 FROM json_each(cases_case.alleged_rules) j WHERE j.value = %s)", [code])
    return qs.filter(ExpressionWrapper(has, output_field=BooleanField()))


def _people_filter(user: User | None, f: Filters, **lookup: Any) -> Any:
    return selectors.people(user, f).filter(**lookup).values("case_id")


def cases(user: User | None, f: Filters, facet: Facet) -> QuerySet[Case]:
    qs = selectors.cases(user, f)
    if facet.name == "stage":
        qs = qs.filter(dashboard.case_stage_q(facet.value))
    elif facet.name == "status":
        qs = qs.filter(state=facet.value)
    elif facet.name == "rule":
        qs = _rule_filter(qs, facet.value)
    elif facet.name == "agency":
        lookup = {"agency__code": facet.value} if facet.value else {"agency__isnull": True}
        qs = qs.filter(pk__in=_people_filter(user, f, **lookup))
    elif facet.name == "person_state":
        qs = qs.filter(pk__in=_people_filter(user, f, state=facet.value))
    elif facet.name == "position":
        qs = qs.filter(pk__in=_people_filter(user, f, position__iexact=facet.value))
    return qs


def rows(
    user: User | None, f: Filters, facet: Facet, *, offset: int = 0, limit: int = PAGE
) -> tuple[list[dict[str, Any]], int]:
    """One page of the list as plain cells (no reporter, no witness, no civil servant's name), and
    how many cases the whole list holds."""
    qs = cases(user, f, facet)
    total = qs.count()
    people = CaseReportedPerson.objects.select_related("agency").only(
        "case_id", "agency__name", "agency_name"
    )
    if user is not None and case_permissions.names_own_staff_only(user):
        people = people.filter(agency_id=user.agency_id or 0)
    page = (
        qs.select_related("region", "election")
        .prefetch_related(Prefetch("reported", queryset=people.order_by("id"), to_attr="people"))
        .order_by("-created_at", "-id")[offset : offset + limit]
    )
    out = []
    for case in page:
        agencies = sorted({p.agency.name if p.agency else (p.agency_name or "—") for p in case.people})
        out.append(
            {
                "pk": case.pk,
                "reference": case.reference,
                "received": timezone.localdate(case.created_at).isoformat(),
                "region": f"{case.region.name} ({case.region_id})",
                "source": str(case.get_source_display()),
                "election": case.election.name,
                "status": state_label(State(case.state)),
                "rules": ", ".join(str(r) for r in case.alleged_rules),
                "people": len(case.people),
                "agencies": "; ".join(agencies),
            }
        )
    return out, total
