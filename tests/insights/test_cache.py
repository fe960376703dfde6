"""The statistics' cache: fresh figures for a minute, then the stale figures answered at once while
one background thread computes them afresh; inside a transaction, computed in the request."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from jaganetral.insights import cache as figures_cache
from jaganetral.insights.filters import Filters


def _refreshers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "insights-refresh"]


def _age(k: str, seconds: float) -> None:
    stamp, value = cache.get(k)
    cache.set(k, (stamp - seconds, value), 3600)


def test_fresh_figures_are_computed_once() -> None:
    calls: list[int] = []
    f = Filters(region="33")
    for _ in range(3):
        assert figures_cache.cached("t-fresh", None, f, lambda: calls.append(1) or len(calls)) == 1
    assert calls == [1]


def test_stale_figures_answer_at_once_and_one_thread_refreshes_them() -> None:
    f = Filters()
    k = figures_cache.key("t-stale", None, f)
    assert figures_cache.cached("t-stale", None, f, lambda: "old") == "old"
    _age(k, 120)
    release = threading.Event()
    calls: list[str] = []

    def slow() -> str:
        calls.append("new")
        release.wait(5)
        return "new"

    # two visitors while the figures are being computed afresh: both get the stale figures at once
    assert figures_cache.cached("t-stale", None, f, slow) == "old"
    assert figures_cache.cached("t-stale", None, f, slow) == "old"
    release.set()
    for t in _refreshers():
        t.join(5)
    assert calls == ["new"]  # one refresher, not one per visitor
    assert figures_cache.cached("t-stale", None, f, lambda: "unused") == "new"
    assert cache.get(k + ":refreshing") is None


def test_a_failed_refresh_keeps_the_stale_figures() -> None:
    f = Filters(source="laporan")
    k = figures_cache.key("t-fail", None, f)
    figures_cache.cached("t-fail", None, f, lambda: "old")
    _age(k, 120)

    def broken() -> str:
        raise RuntimeError("database gone")

    assert figures_cache.cached("t-fail", None, f, broken) == "old"
    for t in _refreshers():
        t.join(5)
    assert cache.get(k)[1] == "old" and cache.get(k + ":refreshing") is None


@pytest.mark.django_db
def test_inside_a_transaction_stale_figures_are_computed_in_the_request() -> None:
    """Another connection could not see the transaction's own writes (a test's, a wrapped view's)."""
    f = Filters(region="35")
    k = figures_cache.key("t-atomic", None, f)
    figures_cache.cached("t-atomic", None, f, lambda: "old")
    _age(k, 120)
    assert figures_cache.cached("t-atomic", None, f, lambda: "new") == "new"
    assert not _refreshers()


def test_stale_figures_are_dropped_after_the_stale_period(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INSIGHTS_STALE_SECONDS = 1
    settings.INSIGHTS_CACHE_SECONDS = 1
    f = Filters(election="pemilu-2024")
    figures_cache.cached("t-expire", None, f, lambda: "old")
    time.sleep(1.2)
    assert figures_cache.cached("t-expire", None, f, lambda: "new") == "new"


@pytest.mark.django_db(transaction=True)
def test_signing_in_computes_the_dashboard_in_the_background() -> None:
    """Right after a supervisor signs in, their dashboard's and risk page's figures are computed in
    the background, so the first visit finds them ready; they are the figures the pages then show."""
    from django.test import Client

    from jaganetral.accounts.actions import create_user
    from jaganetral.accounts.models import Role
    from jaganetral.reference.actions import load_reference

    load_reference()
    user = create_user(
        actor=None, username="warm-jateng", role=Role.SUPERVISOR, region="33", password="pw-long-enough-1"
    )
    k = figures_cache.key("dashboard", user, Filters())
    assert cache.get(k) is None
    client = Client()
    assert client.login(username="warm-jateng", password="pw-long-enough-1")
    for t in _refreshers():
        t.join(30)
    _stamp, figures = cache.get(k)
    from django.utils import timezone

    signed_in = timezone.localtime()  # everything computed before this was computed at sign-in
    page = client.get("/petugas/statistik/")
    assert page.status_code == 200
    assert page.context["generated"] == figures["generated"]  # served from the figures computed at sign-in
    risk = client.get("/petugas/statistik/risiko/")
    assert risk.status_code == 200 and risk.context["generated"] < signed_in
