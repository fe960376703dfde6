from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password

from jaganetral import settings as project_settings


def test_production_hashes_passwords_with_argon2() -> None:
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_an_argon2_hash_is_what_gets_stored(settings: object) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS  # type: ignore[attr-defined]
    assert make_password("kata-sandi-yang-panjang").startswith("argon2")
    assert django_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
