"""The staff dashboard's figures beyond one grouping: the funnel for cases and for people, legal
clocks met and median days per stage, and the PPK's follow-up per agency with the people still
waiting. Every figure carries the facet that selects the cases behind it (:mod:`.drilldown`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from statistics import median
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaganetral.accounts.models import User
from jaganetral.cases.models import CaseReportedPerson
from jaganetral.cases.person_path import AWAITING_PPK, PersonState
from jaganetral.cases.workflow import State
from jaganetral.insights import selectors
from jaganetral.insights.filters import Filters
from jaganetral.reference.models import Agency

P = PersonState
# a person BKN recommended a sanction for, whatever the PPK did next
RECOMMENDED = frozenset({P.RECOMMENDED, P.SANCTIONED, P.PPK_NO_ACTION, P.ESCALATED, P.CLOSED})
NOT_ACTED = frozenset({P.PPK_NO_ACTION, P.ESCALATED, P.CLOSED})
PAST_BAWASLU = frozenset(set(P) - {P.UNDER_REVIEW, P.NOT_PROVEN, P.STOPPED})
STOPPED_PEOPLE = frozenset({P.STOPPED, P.NOT_PROVEN})
STOPPED_CASES = frozenset({State.STOPPED, State.NOT_REGISTERED})

# the funnel's stages in order: (key, label)
STAGES: tuple[tuple[str, Any], ...] = (
    ("received", gettext_lazy("Diterima")),
    ("registered", gettext_lazy("Diregistrasi")),
    ("forwarded", gettext_lazy("Diteruskan ke BKN")),
    ("stopped", gettext_lazy("Dihentikan / tidak terbukti")),
    ("recommended", gettext_lazy("Direkomendasikan sanksi")),
    ("sanctioned", gettext_lazy("Disanksi PPK")),
    ("not_acted", gettext_lazy("Tidak ditindaklanjuti PPK")),
)
STAGE_KEYS = tuple(k for k, _label in STAGES)


def _values(states: frozenset[Any]) -> list[str]:
    return sorted(s.value for s in states)


# the people's states at (or past) each funnel stage but "registered" (None: everyone)
STAGE_STATES: dict[str, frozenset[PersonState] | None] = {
    "received": None,
    "forwarded": PAST_BAWASLU,
    "stopped": STOPPED_PEOPLE,
    "recommended": RECOMMENDED,
    "sanctioned": frozenset({P.SANCTIONED}),
    "not_acted": NOT_ACTED,
}


def person_stage_q(stage: str, prefix: str = "") -> Q:
    """The people at (or past) a funnel stage; ``prefix`` reaches them from another model."""
    state = f"{prefix}state__in"
    return {
        "received": Q(),
        "registered": ~Q(**{f"{prefix}case__number": ""}),
        "forwarded": Q(**{state: _values(PAST_BAWASLU)}),
        "stopped": Q(**{state: _values(STOPPED_PEOPLE)}),
        "recommended": Q(**{state: _values(RECOMMENDED)}),
        "sanctioned": Q(**{f"{prefix}state": P.SANCTIONED.value}),
        "not_acted": Q(**{state: _values(NOT_ACTED)}),
    }[stage]


def case_stage_q(stage: str) -> Q:
    """The cases at (or past) a funnel stage; the last three: a case with at least one such person."""
    if stage in ("recommended", "sanctioned", "not_acted"):
        people = CaseReportedPerson.objects.filter(person_stage_q(stage), case=OuterRef("pk"))
        return Q(Exists(people))
    return {
        "received": Q(),
        "registered": ~Q(number=""),
        "forwarded": Q(forwarded_at__isnull=False),
        "stopped": Q(state__in=_values(STOPPED_CASES)) | Q(state=State.CLOSED, forwarded_at__isnull=True),
    }[stage]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    cases: int
    people: int


PERSON_DRIVEN = ("recommended", "sanctioned", "not_acted")  # a case counts when one of its people does


@dataclass(frozen=True)
class PeopleGrouped:
    """The people counted once per (agency, state): the dashboard's person states, agencies,
    follow-ups and the people's side of the funnel all come from this one pass."""

    counts: dict[tuple[int | None, str], int]

    @cached_property
    def _per_state(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (_agency, state), n in self.counts.items():
            out[state] = out.get(state, 0) + n
        return out

    def by_state(self) -> list[tuple[str, int]]:
        return list(self._per_state.items())

    def by_agency(self) -> list[tuple[int | None, int]]:
        out: dict[int | None, int] = {}
        for (agency, _state), n in self.counts.items():
            out[agency] = out.get(agency, 0) + n
        return list(out.items())

    def total(self, states: frozenset[Any] | None = None) -> int:
        wanted = None if states is None else {s.value for s in states}
        return sum(n for s, n in self._per_state.items() if wanted is None or s in wanted)


@dataclass(frozen=True)
class CasesGrouped:
    """The cases counted once per (state, source, election, numbered, forwarded): the dashboard's
    status, source and election groups and the cases' own funnel stages come from this one pass."""

    counts: dict[tuple[str, str, int, bool, bool], int]

    def by(self, position: int) -> list[tuple[Any, int]]:
        out: dict[Any, int] = {}
        for key, n in self.counts.items():
            out[key[position]] = out.get(key[position], 0) + n
        return list(out.items())

    def stages(self) -> dict[str, int]:
        stopped = _values(STOPPED_CASES)
        out = dict.fromkeys(("received", "registered", "forwarded", "stopped"), 0)
        for (state, _source, _election, numbered, sent), n in self.counts.items():
            out["received"] += n
            out["registered"] += n if numbered else 0
            out["forwarded"] += n if sent else 0
            out["stopped"] += n if state in stopped or (state == State.CLOSED.value and not sent) else 0
        return out


def cases_grouped(user: User | None, f: Filters) -> CasesGrouped:
    rows = (
        selectors.cases(user, f)
        .order_by()
        .annotate(
            numbered=ExpressionWrapper(~Q(number=""), output_field=BooleanField()),
            sent=ExpressionWrapper(Q(forwarded_at__isnull=False), output_field=BooleanField()),
        )
        .values("state", "source", "election_id", "numbered", "sent")
        .annotate(n=Count("*"))
        .values_list("state", "source", "election_id", "numbered", "sent", "n")
    )
    return CasesGrouped({(st, so, el, bool(nu), bool(se)): n for st, so, el, nu, se, n in rows})


def people_grouped(user: User | None, f: Filters) -> PeopleGrouped:
    rows = selectors.people(user, f).order_by().values("agency_id", "state").annotate(n=Count("*"))
    return PeopleGrouped({(a, s): n for a, s, n in rows.values_list("agency_id", "state", "n")})


def funnel(
    user: User | None,
    f: Filters,
    grouped: PeopleGrouped | None = None,
    cases_by: CasesGrouped | None = None,
) -> list[Stage]:
    """Received → registered → forwarded / stopped → recommended → sanctioned / not acted on, from
    the groupings of the cases and the people (counted here when not given), plus two counts: the
    people of cases without a number, and the cases with someone at each of the last stages."""
    people = selectors.people(user, f)
    case_counts = (cases_by or cases_grouped(user, f)).stages()
    grouped = grouped or people_grouped(user, f)
    person_counts = {k: grouped.total(states) for k, states in STAGE_STATES.items()}
    # registered: all but the people of the (few) cases without a number, found through the index
    # on the number, instead of joining every person to their case
    person_counts["registered"] = person_counts["received"] - people.filter(case__number="").count()
    # cases with at least one person at a stage: the recommended people grouped by case (a hash
    # over a quarter of the people), not three distinct counts over all of them
    flagged = {f"any_{k}": Max(Case(When(person_stage_q(k), then=1), default=0)) for k in PERSON_DRIVEN[1:]}
    per_case = people.filter(person_stage_q("recommended")).order_by().values("case_id").annotate(**flagged)
    driven = per_case.aggregate(
        recommended=Count("case_id"), **{k: Coalesce(Sum(f"any_{k}"), 0) for k in PERSON_DRIVEN[1:]}
    )
    case_counts.update(driven)
    return [Stage(k, str(label), case_counts[k], person_counts[k]) for k, label in STAGES]


@dataclass(frozen=True)
class ClockFigure:
    name: str
    label: str
    met: int
    missed: int
    running: int
    median_days: float | None

    @property
    def share_met(self) -> int | None:
        decided = self.met + self.missed
        return round(100 * self.met / decided) if decided else None


def _medians(user: User | None, f: Filters) -> dict[str, float]:
    """Median calendar days from a clock's start to its stop, per clock (stopped clocks only)."""
    stopped = selectors.clocks(user, f).filter(stopped_at__isnull=False)
    if connection.vendor == "postgresql":
        inner, params = stopped.order_by().values("name", "started_on", "stopped_at").query.sql_with_params()
        span = "(c.stopped_at AT TIME ZONE %s)::date - c.started_on"
        # the inner query is Django's own SQL with its parameters, never text from the request
        sql = f"SELECT c.name, percentile_cont(0.5) WITHIN GROUP (ORDER BY {span}) FROM ({inner}) AS c GROUP BY c.name"  # noqa: S608, E501
        with connection.cursor() as cursor:
            cursor.execute(sql, [timezone.get_current_timezone_name(), *params])
            return {name: round(float(m), 1) for name, m in cursor.fetchall()}
    days: dict[str, list[int]] = {}
    for name, started, stopped_at in stopped.values_list("name", "started_on", "stopped_at").iterator():
        days.setdefault(name, []).append((timezone.localdate(stopped_at) - started).days)
    return {name: round(float(median(v)), 1) for name, v in days.items()}


def clock_figures(user: User | None, f: Filters, now: dt.datetime | None = None) -> list[ClockFigure]:
    """Per legal clock: met (stopped in time), missed (stopped late, or running past due), still
    running in time, and the median days taken."""
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        return _clock_figures_pg(user, f, now)
    rows = (
        selectors.clocks(user, f)
        .values("name")
        .annotate(
            label=Max("label"),
            met=Count("pk", filter=Q(stopped_at__isnull=False, stopped_at__lte=F("due_at"))),
            missed=Count(
                "pk", filter=Q(stopped_at__gt=F("due_at")) | Q(stopped_at__isnull=True, due_at__lt=now)
            ),
            still_running=Count("pk", filter=Q(stopped_at__isnull=True, due_at__gte=now)),
        )
        .order_by("name")
    )
    medians = _medians(user, f)
    return [
        ClockFigure(r["name"], r["label"], r["met"], r["missed"], r["still_running"], medians.get(r["name"]))
        for r in rows
    ]


def _clock_figures_pg(user: User | None, f: Filters, now: dt.datetime) -> list[ClockFigure]:
    """:func:`clock_figures` in one pass on PostgreSQL, the median beside the counts."""
    clocks = (
        selectors.clocks(user, f).order_by().values("name", "label", "started_on", "stopped_at", "due_at")
    )
    inner, params = clocks.query.sql_with_params()
    span = "(c.stopped_at AT TIME ZONE %s)::date - c.started_on"
    # the inner query is Django's own SQL with its parameters, never text from the request
    sql = (
        "SELECT c.name, MAX(c.label),"  # noqa: S608
        " COUNT(*) FILTER (WHERE c.stopped_at <= c.due_at),"
        " COUNT(*) FILTER (WHERE c.stopped_at > c.due_at OR (c.stopped_at IS NULL AND c.due_at < %s)),"
        " COUNT(*) FILTER (WHERE c.stopped_at IS NULL AND c.due_at >= %s),"
        f" percentile_cont(0.5) WITHIN GROUP (ORDER BY {span}) FILTER (WHERE c.stopped_at IS NOT NULL)"
        f" FROM ({inner}) AS c GROUP BY c.name ORDER BY c.name"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '32MB'")  # the median's sort stays in memory
        cursor.execute(sql, [now, now, timezone.get_current_timezone_name(), *params])
        found = cursor.fetchall()
    return [
        ClockFigure(name, label, met, missed, running, None if m is None else round(float(m), 1))
        for name, label, met, missed, running, m in found
    ]


@dataclass(frozen=True)
class FollowUp:
    agency: str  # code ("" unknown)
    name: str
    recommended: int
    sanctioned: int
    waiting: int

    @property
    def rate(self) -> int | None:
        return round(100 * self.sanctioned / self.recommended) if self.recommended else None


def follow_up_by_agency(
    user: User | None, f: Filters, grouped: PeopleGrouped | None = None
) -> list[FollowUp]:
    """Per agency: people BKN recommended a sanction for, how many its PPK sanctioned, and how many
    still wait for the PPK's decision; lowest follow-up rate first."""
    return _sorted(_follow_ups_from(grouped or people_grouped(user, f)))


def _sorted(out: list[FollowUp]) -> list[FollowUp]:
    return sorted(out, key=lambda x: (x.rate if x.rate is not None else 101, -x.waiting, x.name))


def _follow_ups_from(grouped: PeopleGrouped) -> list[FollowUp]:
    recommended = _values(RECOMMENDED)
    waiting = set(_values(AWAITING_PPK))
    per: dict[int | None, list[int]] = {}
    for (agency, state), n in grouped.counts.items():
        if state in recommended:
            row = per.setdefault(agency, [0, 0, 0])
            row[0] += n
            row[1] += n if state == P.SANCTIONED.value else 0
            row[2] += n if state in waiting else 0
    known = {
        pk: (code, name)
        for pk, code, name in Agency.objects.filter(pk__in=[a for a in per if a]).values_list(
            "pk", "code", "name"
        )
    }
    unknown = ("", _("instansi belum dikenali"))
    return [
        FollowUp(*(known.get(agency, unknown) if agency else unknown), rec, sanc, wait)
        for agency, (rec, sanc, wait) in per.items()
    ]


def waiting_people(user: User | None, f: Filters, limit: int = 50) -> list[CaseReportedPerson]:
    """The people still waiting for their PPK's decision, longest waiting first."""
    qs = selectors.people(user, f).filter(state__in=_values(AWAITING_PPK))
    return list(
        qs.select_related("case", "agency").order_by(F("state_changed_at").asc(nulls_first=True), "id")[
            :limit
        ]
    )


def waiting_count(user: User | None, f: Filters) -> int:
    return selectors.people(user, f).filter(state__in=_values(AWAITING_PPK)).count()
