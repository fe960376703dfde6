# ruff: noqa: E501, S608, S106 - a benchmark: long literal rows, table names of our own models, a throwaway password
"""Insights at scale: 100,000 cases (250,000 people, 100,000 legal clocks) and 1,000,000 screened
posts in a throwaway PostgreSQL database; each statistics view's p95 and its ratio to /healthz's
p95 measured in the same run, three ways: warm (figures computed less than a minute ago), stale
(older: answered at once while a background thread computes them afresh) and cold (the cache
emptied before every call: everything computed in the request). Goal: every dashboard view, the export of 10,000 rows and every
stats call under 500 ms at the 95th percentile.

    uv run python bench/insights.py [--rounds 20] [--keep]

PostgreSQL at 127.0.0.1:5432 with trust authentication (role postgres, or BENCH_PG_USER); the
database ``jn_bench_insights_<pid>`` is created and dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from typing import Any

SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # e.g. 0.01 for a quick try of the script itself
CASES = int(100_000 * SCALE)
POSTS = int(1_000_000 * SCALE)
ASN = max(100, int(50_000 * SCALE))
FINDINGS = int(20_000 * SCALE)
PG_USER = os.environ.get("BENCH_PG_USER", "postgres")
DB = os.environ.get("BENCH_DB") or f"jn_bench_insights_{os.getpid()}"
REUSE = bool(os.environ.get("BENCH_DB"))  # measure again on a database kept with --keep


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port=5432 user={PG_USER} dbname=postgres", autocommit=True) as conn:
        conn.execute(sql)


def setup() -> None:
    if not REUSE:
        admin_sql(f'CREATE DATABASE "{DB}"')
    os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@127.0.0.1:5432/{DB}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("JAGANETRAL_VAR_DIR", tempfile.mkdtemp(prefix="jn-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "jaganetral.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from jaganetral.reference.actions import load_reference

    if not REUSE:
        load_reference()


def copy(model: Any, rows: Iterable[dict[str, Any]]) -> int:
    """COPY rows (dicts of column → value; JSON fields as Python lists) into the model's table."""
    from django.db import connection
    from django.db.models import JSONField

    table = model._meta.db_table
    fields = {f.column: f for f in model._meta.concrete_fields}
    it = iter(rows)
    first = next(it)
    cols = list(first)
    json_cols = {c for c in cols if isinstance(fields[c], JSONField)}
    n = 0
    with connection.cursor() as cur, cur.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
        for row in _chain(first, it):
            cp.write_row([json.dumps(row[c]) if c in json_cols else row[c] for c in cols])
            n += 1
    with connection.cursor() as cur:
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    return n


def _chain(first: dict[str, Any], rest: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    yield first
    yield from rest


STATES = [  # (case state, share, person states to draw from)
    ("received", 4, ["under_review"]),
    ("initial_review", 4, ["under_review"]),
    ("registered", 4, ["under_review"]),
    ("clarification", 4, ["under_review"]),
    ("study", 4, ["under_review"]),
    ("not_registered", 5, ["stopped"]),
    ("stopped", 12, ["stopped", "not_proven"]),
    ("forwarded", 20, ["forwarded", "not_proven"]),
    ("recommendation_received", 14, ["recommended", "cleared", "sanctioned"]),
    ("ppk_no_action", 8, ["ppk_no_action", "sanctioned"]),
    ("escalated", 5, ["escalated", "sanctioned", "closed"]),
    ("closed", 16, ["sanctioned", "cleared", "closed", "not_proven"]),
]
REGISTERED = {s for s, _n, _p in STATES[2:5]} | {
    "stopped",
    "forwarded",
    "recommendation_received",
    "ppk_no_action",
    "escalated",
    "closed",
}
FORWARDED = {"forwarded", "recommendation_received", "ppk_no_action", "escalated", "closed"}
RULES = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10"]
POSITIONS = ["Camat", "Kepala Desa", "Guru SD", "Kepala Dinas", "Sekretaris Desa", "Lurah", "Staf", "Bidan"]


def build(rng: random.Random) -> dict[str, int]:
    from django.utils import timezone

    from jaganetral.cases.models import Case, CaseReportedPerson, Clock
    from jaganetral.reference.models import Agency, Election, Region
    from jaganetral.screening.models import AsnPerson, Finding, Post, SocialAccount

    election = Election.objects.get(code="pemilu-2024")
    regencies = list(Region.objects.filter(level="regency").values_list("code", flat=True))
    agencies = list(Agency.objects.values_list("pk", flat=True))
    start = timezone.make_aware(dt.datetime(2023, 6, 1))
    states = [s for s, n, _p in STATES for _ in range(n)]
    person_states = {s: p for s, _n, p in STATES}
    case_rows, person_rows, clock_rows = [], [], []
    pid = 0
    counts = {}
    for cid in range(1, CASES + 1):
        state = rng.choice(states)
        created = start + dt.timedelta(minutes=rng.randrange(60 * 24 * 365))
        region = rng.choice(regencies)
        case_rows.append(
            {
                "id": cid, "number": f"{cid}/REG/LP/PL/{region}/2024" if state in REGISTERED else "",
                "office": region, "source": rng.choice(["laporan"] * 6 + ["temuan"] * 3 + ["screening"]),
                "report_id": None, "election_id": election.pk, "region_id": region, "state": state,
                "stop_reason": "not_proven" if state == "stopped" else "", "assignee_id": None, "place": "",
                "event_date": created.date(), "known_date": created.date(), "summary": "Uraian kasus uji.",
                "lhp_number": "", "on_time": True, "alleged_rules": rng.sample(RULES, rng.choice([1, 1, 2])),
                "rulebook_version": "", "forwarded_at": created + dt.timedelta(days=9) if state in FORWARDED else None,
                "created_by_id": None, "created_at": created, "updated_at": created, "head_seq": 0, "head_hash": "",
            }
        )  # fmt: skip
        n_people = 2 if cid % 2 else 3  # 250,000 people over 100,000 cases
        for _ in range(n_people):
            pid += 1
            pstate = rng.choice(person_states[state])
            proven = None if pstate == "under_review" else pstate not in ("not_proven", "stopped")
            person_rows.append(
                {
                    "id": pid, "name": f"ASN {pid}", "nip": f"{19800101200001000000 + rng.randrange(180_000):018d}"[-18:],
                    "agency_id": rng.choice(agencies), "position": rng.choice(POSITIONS), "case_id": cid,
                    "agency_name": "", "employment": "pns", "state": pstate, "proven": proven, "rules_found": [],
                    "rulebook_version": "", "state_changed_at": created + dt.timedelta(days=rng.randrange(10, 90)),
                }
            )  # fmt: skip
        due = created + dt.timedelta(days=9)
        stopped = created + dt.timedelta(days=rng.randrange(3, 14)) if state != "registered" else None
        clock_rows.append(
            {
                "id": cid, "case_id": cid, "person_id": None, "name": "handling", "label": "Penanganan setelah registrasi",
                "started_on": created.date(), "days": 7, "working": True, "due_on": due.date(), "due_at": due,
                "extended": False, "stopped_at": stopped, "overdue_marked_at": None, "notified_at": None,
            }
        )  # fmt: skip
    counts["cases"] = copy(Case, case_rows)
    counts["people"] = copy(CaseReportedPerson, person_rows)
    counts["clocks"] = copy(Clock, clock_rows)
    del case_rows, person_rows, clock_rows
    now = timezone.now()
    counts["asn"] = copy(
        AsnPerson,
        (
            {"id": i, "nip": f"{197001012000010000 + i}", "name": f"ASN {i}", "agency_id": rng.choice(agencies),
             "position": "Staf", "region_id": rng.choice(regencies), "created_at": now}
            for i in range(1, ASN + 1)
        ),
    )  # fmt: skip
    copy(
        SocialAccount,
        (
            {"id": i, "person_id": i, "platform": "x", "handle": f"asn{i}", "snoozed_until": None}
            for i in range(1, ASN + 1)
        ),
    )
    counts["posts"] = copy(
        Post,
        (
            {"id": i, "platform": "x", "external_id": str(i), "handle": f"asn{1 + i % ASN}", "account_id": 1 + i % ASN,
             "text": "", "url": "", "reply_to": "", "posted_at": start + dt.timedelta(seconds=i * 31),
             "imported_at": now, "screened_at": now}
            for i in range(1, POSTS + 1)
        ),
    )  # fmt: skip
    counts["findings"] = copy(
        Finding,
        (
            {"id": i, "post_id": i * 50, "election_id": election.pk, "detector": "active", "status": "queued",
             "score": 0.5, "direction": "", "target": None, "target_kind": "", "rules": [], "evidence": [],
             "region_id": rng.choice(regencies), "created_at": now, "due_at": None, "reviewed_by_id": None,
             "reviewed_at": None, "reason": "", "captured_url": "", "captured_text": "", "captured_at": None,
             "captured_sha256": "", "case_ref": ""}
            for i in range(1, FINDINGS + 1)
        ),
    )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # as autovacuum leaves a settled database: visibility map set
    return counts


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=100)[94]


def measure(views: dict[str, Callable[[], Any]], baseline: Callable[[], Any], rounds: int) -> dict[str, Any]:
    """Each view interleaved with the baseline, ``rounds`` times after two warm-up calls."""
    out: dict[str, Any] = {}
    for name, fn in views.items():
        fn(), fn()
        a: list[float] = []
        b: list[float] = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            fn()
            t1 = time.perf_counter()
            baseline()
            t2 = time.perf_counter()
            a.append((t1 - t0) * 1000)
            b.append((t2 - t1) * 1000)
        out[name] = {"p50_ms": round(statistics.median(a), 1), "p95_ms": round(p95(a), 1),
                     "healthz_p95_ms": round(p95(b), 2), "ratio_p95": round(p95(a) / p95(b), 1)}  # fmt: skip
        flag = "ok " if out[name]["p95_ms"] < 500 else "SLOW"
        print(f"{flag} {name:<44} p95 {out[name]['p95_ms']:>8.1f} ms  p50 {out[name]['p50_ms']:>8.1f} ms  "
              f"ratio to /healthz p95 {out[name]['ratio_p95']:>7.1f}", flush=True)  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    setup()
    try:
        if not REUSE:
            counts = build(random.Random(14))
            print(f"built {counts} in {time.perf_counter() - t0:.0f} s in database {DB}", flush=True)
        run(args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep and not REUSE:
            admin_sql(f'DROP DATABASE "{DB}"')


def run(rounds: int) -> None:
    from django.test import Client

    from jaganetral.accounts.actions import create_user, issue_api_token
    from jaganetral.accounts.models import Role, User

    def user(name: str, role: str, region: str | None = None) -> User:
        found = User.objects.filter(username=name).first()
        return found or create_user(
            actor=None, username=name, role=role, region=region, password="bench-password-long-1"
        )

    from jaganetral.accounts.models import RolePolicy

    # the throwaway database's administrator signs in without a second factor (a force_login
    # client has no OTP device); everything else is as in production
    RolePolicy.objects.update_or_create(role=Role.ADMIN, defaults={"require_two_factor": False})
    admin = user("bench-admin", Role.ADMIN)
    jateng = user("bench-jateng", Role.SUPERVISOR, "33")
    staff, national = Client(), Client()
    national.force_login(admin)
    staff.force_login(jateng)
    api = Client(HTTP_AUTHORIZATION="Bearer " + issue_api_token(actor=None, user=admin, name="bench"))
    public = Client()

    def ok(client: Client, url: str, **params: Any) -> Callable[[], None]:
        def call() -> None:
            r = client.get(url, params)
            assert r.status_code == 200, (url, r.status_code)
            if r.streaming:
                b"".join(r.streaming_content)  # type: ignore[arg-type]

        return call

    def export(fmt: str) -> Callable[[], None]:
        def call() -> None:
            r = national.get(f"/petugas/statistik/ekspor.{fmt}", {"what": "list"})
            assert r.status_code == 200
            if fmt == "csv":
                lines = r.content.decode("utf-8-sig").count("\n")
                assert lines > min(10_000, CASES), lines

        return call

    views: dict[str, Callable[[], Any]] = {
        "dashboard (national admin)": ok(national, "/petugas/statistik/"),
        "dashboard (Jawa Tengah supervisor)": ok(staff, "/petugas/statistik/"),
        "dashboard region=33 drill-down (admin)": ok(national, "/petugas/statistik/", region="33"),
        "dashboard month filter (admin)": ok(
            national, "/petugas/statistik/", **{"from": "2024-01-01", "to": "2024-01-31"}
        ),
        "case list behind a figure (admin)": ok(national, "/petugas/statistik/kasus/", stage="forwarded"),
        "risk index page (admin)": ok(national, "/petugas/statistik/risiko/"),
        "public page": ok(public, "/statistik/"),
        "public page region=33": ok(public, "/statistik/", region="33"),
        "export CSV 10,000 rows": export("csv"),
        "export XLSX 10,000 rows": export("xlsx"),
        "export CSV dashboard": ok(national, "/petugas/statistik/ekspor.csv"),
    }
    for group in (
        "status",
        "rule",
        "region",
        "agency",
        "source",
        "month",
        "person_state",
        "election",
        "position",
    ):
        views[f"GET /api/v1/stats?group_by={group}"] = ok(api, "/api/v1/stats", group_by=group)
    views["GET /api/v1/stats/public?group_by=region"] = ok(public, "/api/v1/stats/public", group_by="region")
    baseline = ok(public, "/healthz")
    print(f"--- warm: figures may come from the one-minute cache ({rounds} rounds) ---", flush=True)
    results = measure(views, baseline, rounds)
    from django.core.cache import cache

    def cold(fn: Callable[[], Any]) -> Callable[[], Any]:
        def call() -> None:
            cache.clear()  # every figure computed afresh from the database
            fn()

        return call

    from jaganetral.insights import cache as figures_cache

    # stale: every call finds figures older than their minute, so it is answered with them while
    # a background thread computes them afresh (one at a time per figure), as a visitor after the
    # minute is; the refreshes run beside the measured calls and compete with them for the cores
    fresh_for = figures_cache._fresh_for
    figures_cache._fresh_for = lambda: 1e-6  # type: ignore[assignment,return-value]
    print(
        f"--- stale: figures older than their minute, refreshed in the background ({rounds} rounds) ---",
        flush=True,
    )
    stale_views = {name + " [stale]": fn for name, fn in views.items() if "export" not in name}
    results.update(measure(stale_views, baseline, rounds))
    figures_cache._fresh_for = fresh_for
    import threading

    for t in threading.enumerate():
        if t.name == "insights-refresh":
            t.join()

    cold_rounds = max(5, rounds // 4)
    print(f"--- cold: cache cleared before every call ({cold_rounds} rounds) ---", flush=True)
    cold_views = {name + " [cold]": cold(fn) for name, fn in views.items() if "export" not in name}
    results.update(measure(cold_views, baseline, cold_rounds))
    slow = [k for k, v in results.items() if v["p95_ms"] >= 500]
    print(
        json.dumps(
            {"rounds": rounds, "cold_rounds": cold_rounds, "results": results, "over_500ms": slow},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
