"""Floods (issue 15): limits shared by all processes, the client address only through a trusted
proxy, a proof-of-work challenge instead of refusal, and a correct receipt that others' failures
never lock out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from jaganetral.core import challenge
from jaganetral.core.models import Counter
from jaganetral.lib import pow as pow_lib
from jaganetral.lib.clientaddr import client_address
from tests.conftest import PASSWORD, Personas
from tests.intake.conftest import report_post, submit

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
WRONG = "0000-0000-0000-0000-0000"


@pytest.fixture(autouse=True)
def _light_work(settings: Any) -> None:
    settings.POW_MAX_NUMBER = 2000  # the same scheme, less work for the test machine


def _solve(resp: Any) -> str:
    payload = pow_lib.solve(resp.json()["challenge"])
    assert payload
    return payload


def _fresh_solution() -> str:
    payload = pow_lib.solve(challenge.issue())
    assert payload
    return payload


def test_the_proof_of_work_scheme_refuses_forgeries() -> None:
    key = b"k" * 32
    c = pow_lib.make(key, maxnumber=50, expires=int(time.time()) + 60)
    good = pow_lib.solve(c)
    assert good and pow_lib.verify(good, key, now=int(time.time())) == c["challenge"]
    assert pow_lib.verify(good, b"x" * 32, now=int(time.time())) is None  # not our signature
    assert pow_lib.verify(good, key, now=int(time.time()) + 61) is None  # expired
    body = json.loads(__import__("base64").b64decode(good))
    body["number"] += 1
    forged = __import__("base64").b64encode(json.dumps(body).encode()).decode()
    assert pow_lib.verify(forged, key, now=int(time.time())) is None
    for junk in ("", "%%%", "e30=", "x" * 5000):
        assert pow_lib.verify(junk, key, now=int(time.time())) is None


def test_the_address_comes_from_a_trusted_proxy_only() -> None:
    assert client_address("203.0.113.5", "198.51.100.1", []) == "203.0.113.5"
    assert client_address("127.0.0.1", "198.51.100.1", ["127.0.0.1"]) == "198.51.100.1"
    # a client's own forged entry stands left of the one the proxy appended
    assert client_address("127.0.0.1", "1.1.1.1, 198.51.100.1", ["127.0.0.1"]) == "198.51.100.1"
    assert (
        client_address("127.0.0.1", "198.51.100.1, 10.0.0.2", ["127.0.0.1", "10.0.0.0/8"]) == "198.51.100.1"
    )
    assert client_address("203.0.113.5", "198.51.100.1", ["127.0.0.1"]) == "203.0.113.5"


def test_reporters_behind_the_tls_proxy_each_have_their_own_limit(refdata: None, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.INTAKE_SUBMIT_RATE = (2, 3600)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for person in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for _ in range(2):
            assert submit(Client(), report_post(), HTTP_X_FORWARDED_FOR=person, **proxy).status_code == 201
    assert submit(Client(), report_post(), HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    # the header is not believed from anyone else: a client cannot reset its own count with it
    settings.TRUSTED_PROXIES = []
    direct = {"REMOTE_ADDR": "203.0.113.9"}
    codes = [
        submit(Client(), report_post(), HTTP_X_FORWARDED_FOR=f"10.9.9.{i}", **direct).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 429]


def test_over_the_limit_a_solved_challenge_lets_the_report_through(refdata: None, settings: Any) -> None:
    settings.INTAKE_SUBMIT_RATE = (1, 3600)
    client = Client()
    assert submit(client, report_post()).status_code == 201
    refused = submit(client, report_post())
    assert refused.status_code == 429 and set(refused.json()) == {"detail", "challenge"}
    payload = _solve(refused)
    assert submit(client, report_post(), HTTP_X_ALTCHA=payload).status_code == 201
    assert submit(client, report_post(), HTTP_X_ALTCHA=payload).status_code == 429  # one use only
    # the page form: the script's hidden field does the same, and what was typed comes back
    page = client.post("/lapor/", report_post(place="Pasar Jepara lantai dua"))
    assert page.status_code == 429 and "Pasar Jepara lantai dua" in page.content.decode()
    assert 'data-pow-url="/tantangan"' in page.content.decode()
    sent = client.post("/lapor/", {**report_post(), "altcha": _fresh_solution()})
    assert sent.status_code == 201


def test_counts_are_shared_not_kept_in_one_process_memory(refdata: None, settings: Any) -> None:
    settings.INTAKE_LOOKUP_RATE = (3, 600)
    client = Client()
    for _ in range(3):
        assert client.get("/api/v1/reports/status", HTTP_X_RECEIPT=WRONG).status_code == 404
    cache.clear()  # a different process (or a restarted one) has empty memory
    assert client.get("/api/v1/reports/status", HTTP_X_RECEIPT=WRONG).status_code == 429
    assert Counter.objects.filter(key__startswith="intake-rl:lookup:").get().count == 4
    assert not Counter.objects.filter(key__contains="127.0.0.1").exists()


def test_a_correct_receipt_is_answered_during_a_flood_from_many_addresses(
    refdata: None, settings: Any
) -> None:
    settings.INTAKE_LOOKUP_FAILURES_GLOBAL = (30, 60)
    receipt = submit(Client(), report_post()).json()["receipt"]
    flood = [
        Client(REMOTE_ADDR=f"198.18.{i // 200}.{i % 200 + 1}")
        .get("/api/v1/reports/status", HTTP_X_RECEIPT=WRONG)
        .status_code
        for i in range(60)
    ]
    assert flood.count(404) == 30 and flood.count(429) == 30  # past 30 failures: work is asked for
    answered = 0
    for i in range(10):
        reporter = Client(REMOTE_ADDR=f"192.0.2.{i + 1}")
        resp = reporter.get("/api/v1/reports/status", HTTP_X_RECEIPT=receipt)
        if resp.status_code == 429:
            resp = reporter.get("/api/v1/reports/status", HTTP_X_RECEIPT=receipt, HTTP_X_ALTCHA=_solve(resp))
        answered += resp.status_code == 200
    assert answered == 10
    # the page: the hidden field filled by the script
    page = Client().post("/lapor/status/", {"receipt": receipt, "altcha": _fresh_solution()})
    assert page.status_code == 302


def test_after_failures_a_log_in_also_costs_work(personas: Personas) -> None:
    client = Client()
    for _ in range(3):
        client.post("/akun/masuk/", {"username": "analis", "password": "salah-salah-salah"})
    from jaganetral.accounts.models import LoginThrottle

    LoginThrottle.objects.update(wait_until=None)  # the wait is over, the challenge stays
    res = client.post("/akun/masuk/", {"username": "analis", "password": PASSWORD})
    assert res.status_code == 429 and "tantangan pengaman" in res.content.decode()
    res = client.post(
        "/akun/masuk/", {"username": "analis", "password": PASSWORD, "altcha": _fresh_solution()}
    )
    assert res.status_code == 302


COUNT_IN_CHILD = """
import os, sys, django
django.setup()
from django.core.management import call_command
if sys.argv[1] == "migrate":
    call_command("migrate", verbosity=0)
else:
    from jaganetral.core import counters
    print(max(counters.hit("shared-test", 600) for _ in range(25)))
"""


def test_two_processes_count_together(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "JAGANETRAL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "jaganetral.settings",
    }
    env.pop("REDIS_URL", None)
    run = [sys.executable, "-c", COUNT_IN_CHILD]
    subprocess.run([*run, "migrate"], env=env, check=True, cwd=ROOT, timeout=300)
    children = [
        subprocess.Popen([*run, "count"], env=env, cwd=ROOT, stdout=subprocess.PIPE) for _ in range(2)
    ]
    highest = [int(p.communicate(timeout=120)[0]) for p in children]
    assert max(highest) == 50


def test_with_redis_the_counts_live_in_redis(settings: Any) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from django.core.cache import caches

    from jaganetral.core import counters

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    settings.RATE_LIMIT_STORE = "cache"
    try:
        caches["default"].delete("issue15-redis-test")
        assert [counters.hit("issue15-redis-test", 60) for _ in range(3)] == [1, 2, 3]
        assert redis.Redis.from_url("redis://127.0.0.1:6379/15").keys("*issue15-redis-test*")
        assert not Counter.objects.exists()
    finally:
        caches["default"].delete("issue15-redis-test")
