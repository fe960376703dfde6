"""The list of cases behind a figure: the shared filters plus one facet (a funnel stage, a status,
a rule, an agency, a person's state, a position), checked like the filters. The page and the
exports take their rows from :func:`rows`, so an export holds exactly the list on screen."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.accounts.models import User
from jaganetral.cases import permissions as case_permissions
from jaganetral.cases.models import Case, CaseReportedPerson, Source
from jaganetral.cases.person_path import PersonState
from jaganetral.cases.person_path import label as person_label
from jaganetral.cases.workflow import State, state_label
from jaganetral.insights import dashboard, selectors
from jaganetral.insights.filters import FilterError, Filters
from jaganetral.reference.models import Agency, Election, Region

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
    having = RawSQL("SELECT c.id FROM cases_case c, json_each(c.alleged_rules) j WHERE j.value = %s", [code])
    return qs.filter(pk__in=having)


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
        lookup: dict[str, Any] = {"agency__code": facet.value} if facet.value else {"agency__isnull": True}
        qs = qs.filter(pk__in=_people_filter(user, f, **lookup))
    elif facet.name == "person_state":
        qs = qs.filter(pk__in=_people_filter(user, f, state=facet.value))
    elif facet.name == "position":
        qs = qs.filter(pk__in=_people_filter(user, f, position__iexact=facet.value))
    return qs


def cells(
    user: User | None, f: Filters, facet: Facet, *, offset: int = 0, limit: int = PAGE
) -> tuple[list[tuple[Any, ...]], int]:
    """One page of the list as ``(pk, *cells in COLUMNS order)`` tuples (no reporter, no witness, no
    civil servant's name), and how many cases the whole list holds. Read as plain values: an export
    of 10,000 rows builds no model objects and no dictionaries."""
    qs = cases(user, f, facet)
    total = qs.count()
    window = qs.order_by("-created_at", "-id")[offset : offset + limit]
    page = list(
        window.annotate(
            received=TruncDate("created_at"),  # the local day, from the database
            rules=Cast("alleged_rules", TextField()),  # parsed once per distinct list below
        ).values_list("pk", "number", "received", "region_id", "source", "election_id", "state", "rules")
    )
    # names looked up once per distinct region, election and agency rather than joined to each row
    regions = dict(Region.objects.filter(pk__in={row[3] for row in page}).values_list("pk", "name"))
    elections = dict(Election.objects.filter(pk__in={row[5] for row in page}).values_list("pk", "name"))
    # the people of exactly those cases, through the same query as a subquery (a list of 10,000
    # keys as parameters was twice as slow)
    people = CaseReportedPerson.objects.filter(case__in=window.values("pk"))
    if user is not None and case_permissions.names_own_staff_only(user):
        people = people.filter(agency_id=user.agency_id or 0)
    rows = list(people.order_by().values_list("case_id", "agency_id", "agency_name"))
    agencies_named = dict(
        Agency.objects.filter(pk__in={r[1] for r in rows if r[1]}).values_list("pk", "name")
    )
    named: dict[int, list[str]] = {}
    for case_id, agency, written in rows:
        found = named.get(case_id)
        if found is None:
            named[case_id] = found = []
        found.append((agencies_named.get(agency) if agency else None) or written or "—")
    states = {s.value: state_label(s) for s in State}
    sources = {k: str(v) for k, v in Source.choices}
    rule_text: dict[str, str] = {}
    none: list[str] = []
    out = []
    for pk, number, received, region, source, election, state, rules in page:
        agencies = named.get(pk, none)
        shown = rule_text.get(rules)
        if shown is None:
            rule_text[rules] = shown = ", ".join(map(str, json.loads(rules or "[]")))
        out.append(
            (
                pk,
                number or f"KASUS-{pk:06d}",
                received.isoformat(),
                f"{regions.get(region, '')} ({region})",
                sources.get(source, source),
                elections.get(election, ""),
                states.get(state, state),
                shown,
                len(agencies),
                "; ".join(sorted(set(agencies))) if len(agencies) > 1 else (agencies[0] if agencies else ""),
            )
        )
    return out, total


KEYS = ("pk", *(k for k, _label in COLUMNS))


def rows(
    user: User | None, f: Filters, facet: Facet, *, offset: int = 0, limit: int = PAGE
) -> tuple[list[dict[str, Any]], int]:
    """:func:`cells` as dictionaries keyed ``pk`` and the column keys (for the page)."""
    found, total = cells(user, f, facet, offset=offset, limit=limit)
    return [dict(zip(KEYS, row, strict=True)) for row in found], total
