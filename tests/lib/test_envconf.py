from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jaganetral.lib.envconf import (
    SettingError,
    check_database_url,
    env_bool,
    env_int,
    env_list,
    env_secret,
)


def test_env_bool_is_strict() -> None:
    assert env_bool("DEBUG", False, {"DEBUG": "true"}) is True
    assert env_bool("DEBUG", True, {"DEBUG": "0"}) is False
    assert env_bool("DEBUG", False, {}) is False
    with pytest.raises(SettingError, match=r"^DEBUG: "):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_env_int_names_the_variable() -> None:
    assert env_int("PORT", 1, {"PORT": "8000"}) == 8000
    with pytest.raises(SettingError, match=r"^PORT: expected a whole number"):
        env_int("PORT", 1, {"PORT": "eighty"})


def test_env_list() -> None:
    assert env_list("ALLOWED_HOSTS", ["a"], {"ALLOWED_HOSTS": "x.id, y.id"}) == ["x.id", "y.id"]
    with pytest.raises(SettingError, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", ["a"], {"ALLOWED_HOSTS": " , "})


@pytest.mark.parametrize("url", ["sqlite:///tmp/x.sqlite3", "postgres://u@localhost/db", "postgresql://h/db"])
def test_database_urls_accepted(url: str) -> None:
    assert check_database_url("DATABASE_URL", url) == url


@pytest.mark.parametrize("url", ["mysql://u@h/db", "nonsense", "postgres://"])
def test_database_urls_refused(url: str) -> None:
    with pytest.raises(SettingError, match=r"^DATABASE_URL: "):
        check_database_url("DATABASE_URL", url)


def test_secret_is_generated_once_with_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "secret_key"
    first = env_secret("SECRET_KEY", path, {})
    assert env_secret("SECRET_KEY", path, {}) == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(first) >= 50


def test_short_secret_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match=r"^SECRET_KEY: "):
        env_secret("SECRET_KEY", tmp_path / "k", {"SECRET_KEY": "short"})


def test_env_format_checks_the_template_fields() -> None:
    from jaganetral.lib.envconf import env_format

    sample = {"seq": 1, "office": "33.20", "year": 2024}
    assert env_format("F", "{seq:03d}", sample, env={}) == "{seq:03d}"
    assert (
        env_format("F", "{seq:03d}", sample, env={"F": "{office}-{seq:04d}/{year}"})
        == "{office}-{seq:04d}/{year}"
    )
    for bad in ("{nomor}", "{seq:03d}/{0}", "{seq:zz}", "{seq"):
        with pytest.raises(SettingError, match=r"^F: not a template of"):
            env_format("F", "{seq:03d}", sample, env={"F": bad})


def test_env_text_has_a_limit() -> None:
    from jaganetral.lib.envconf import env_text

    assert env_text("T", "BKN", env={}) == "BKN"
    assert env_text("T", "BKN", env={"T": "  Kepala Badan X  "}) == "Kepala Badan X"
    with pytest.raises(SettingError, match=r"^T: at most 200"):
        env_text("T", "BKN", env={"T": "x" * 201})


def test_env_choice_emails_and_path() -> None:
    from jaganetral.lib.envconf import env_choice, env_emails, env_path

    choices = {"db": "backends.db", "cache": "backends.cache"}
    assert env_choice("SESSION_ENGINE", "db", choices, {}) == "backends.db"
    assert env_choice("SESSION_ENGINE", "db", choices, {"SESSION_ENGINE": "Cache"}) == "backends.cache"
    with pytest.raises(SettingError, match=r"^SESSION_ENGINE: expected one of cache, db"):
        env_choice("SESSION_ENGINE", "db", choices, {"SESSION_ENGINE": "file"})
    assert env_emails("AUDIT_HEADS_EMAIL", {}) == []
    emails = env_emails("AUDIT_HEADS_EMAIL", {"AUDIT_HEADS_EMAIL": "a@b.id, c@d.go.id"})
    assert emails == ["a@b.id", "c@d.go.id"]
    with pytest.raises(SettingError, match=r"^AUDIT_HEADS_EMAIL: not an e-mail address"):
        env_emails("AUDIT_HEADS_EMAIL", {"AUDIT_HEADS_EMAIL": "a@b.id, bukan-surel"})
    assert env_path("X_DIR", Path("/d"), {}) == Path("/d")
    assert env_path("X_DIR", Path("/d"), {"X_DIR": "/srv/media/"}) == Path("/srv/media")
