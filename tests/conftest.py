"""Shared fixtures: reference data and the personas every scope test uses.

Personas (healthchecks/Zulip style): each test asks for the people it needs and checks that the
wrong person is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaganetral.accounts.actions import create_user, issue_api_token
from jaganetral.accounts.models import Role, RolePolicy, User
from jaganetral.reference.actions import load_reference
from jaganetral.reference.models import Agency, Region

PASSWORD = "kata-sandi-uji-yang-panjang"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Production hashes passwords with Argon2 (tests/accounts/test_passwords.py checks that);
    the suite creates hundreds of users, so it uses a fast hasher."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _audit_heads_outside_the_repository(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tick's daily export of the audit heads writes a file and makes a signing key: in a
    temporary folder, never in the working tree's var/."""
    where = tmp_path_factory.mktemp("audit-heads")
    settings.AUDIT_HEADS_DIR = where / "exports"
    settings.AUDIT_SIGNING_KEY_FILE = where / "audit_signing_key"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: the statistics' one-minute cache (and anything else
    kept in Django's per-process cache) must not carry one test's figures into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts and ends in the site's language (Indonesian). A request in English leaves
    English active in the thread (LocaleMiddleware activates each request's language and never
    switches it back), so a later test's refusals on the same worker would come out in English."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Load the reference data once into the test database; each test rolls back on top of it."""
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture
def refdata(db: None) -> None:
    """Regions, agencies and the shipped elections. Transactional tests flush the tables when they
    end, so the data is loaded again here when a previous test removed it."""
    if not Region.objects.filter(code="33.20").exists():
        load_reference()


@dataclass
class Personas:
    admin: User
    jateng: User  # Central Java (33) supervisor
    jepara: User  # Kabupaten Jepara (33.20) supervisor
    jatim: User  # East Java (35) supervisor
    custodian: User
    analyst: User
    authority: User
    agency: User  # staff of Pemerintah Kabupaten Jepara

    def client(self, user: User) -> Client:
        """Logged in as ``user``; for a role that must use two-factor (admin, custodian by default)
        also verified with a confirmed TOTP device, as after a real log-in."""
        return logged_in(user)

    def token(self, user: User) -> str:
        return issue_api_token(actor=None, user=user, name="test")


def logged_in(user: User) -> Client:
    c = Client()
    c.force_login(user)
    if RolePolicy.requires_two_factor(user.role):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
        session = c.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return c


def _make(username: str, role: str, region: str | None = None, agency: str | None = None) -> User:
    agency_id = Agency.objects.get(code=agency).pk if agency else None
    return create_user(
        actor=None, username=username, role=role, region=region, agency_id=agency_id, password=PASSWORD
    )


@pytest.fixture
def personas(refdata: None) -> Personas:
    return Personas(
        admin=_make("admin-nasional", Role.ADMIN),
        jateng=_make("pengawas-jateng", Role.SUPERVISOR, "33"),
        jepara=_make("pengawas-jepara", Role.SUPERVISOR, "33.20"),
        jatim=_make("pengawas-jatim", Role.SUPERVISOR, "35"),
        custodian=_make("penjaga", Role.CUSTODIAN),
        analyst=_make("analis", Role.ANALYST),
        authority=_make("bkn", Role.AUTHORITY, agency="bkn"),
        agency=_make("bkd-jepara", Role.AGENCY, "33.20", agency="pemkab-33-20"),
    )


_DB_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that never touch a database ``nodb``: CI's PostgreSQL stage leaves them out,
    since they ran already in the SQLite stage and no database can change their result."""
    for item in items:
        if item.get_closest_marker("django_db") or _DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            continue
        # the operations tests that start installations on the suite's PostgreSQL server
        # (tests/ops/installation.py: postgres_databases) need it though they use no db fixture
        module = getattr(item, "module", None)
        if module is not None and "postgres_databases" in vars(module):
            continue
        item.add_marker(pytest.mark.nodb)
