"""Strict parsers for settings read from the environment.

Every parser raises :class:`SettingError` naming the variable at fault, so start-up can stop
with one line that tells the operator what to fix. Pure Python: no Django import.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


class SettingError(ValueError):
    """A setting in the environment is invalid; the message names the variable."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name


def env_bool(name: str, default: bool, env: Mapping[str, str] = os.environ) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingError(name, f"expected true or false, got {raw!r}")


def env_int(name: str, default: int, env: Mapping[str, str] = os.environ, *, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingError(name, f"expected a whole number, got {raw!r}") from None
    if value < minimum:
        raise SettingError(name, f"must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str], env: Mapping[str, str] = os.environ) -> list[str]:
    raw = env.get(name)
    if raw is None:
        return list(default)
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise SettingError(name, "must list at least one value (comma-separated)")
    for item in items:
        if any(ch.isspace() for ch in item):
            raise SettingError(name, f"value {item!r} contains white space")
    return items


def env_format(
    name: str, default: str, sample: Mapping[str, object], env: Mapping[str, str] = os.environ
) -> str:
    """A ``str.format`` template whose fields are those of ``sample`` (checked by formatting it)."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        raw.format(**sample)
    except (KeyError, IndexError, ValueError) as exc:
        fields = ", ".join("{" + k + "}" for k in sample)
        raise SettingError(name, f"not a template of {fields}: {exc}") from None
    return raw


def env_text(name: str, default: str, env: Mapping[str, str] = os.environ, *, limit: int = 200) -> str:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if len(raw) > limit:
        raise SettingError(name, f"at most {limit} characters")
    return raw


def env_choice(
    name: str, default: str, choices: Mapping[str, str], env: Mapping[str, str] = os.environ
) -> str:
    """One of ``choices``' keys, returned as its value (e.g. a short name mapped to a class path)."""
    raw = (env.get(name) or "").strip()
    key = raw.lower() or default
    if key not in choices:
        raise SettingError(name, f"expected one of {', '.join(sorted(choices))}, got {raw!r}")
    return choices[key]


EMAIL_RE = re.compile(r"^[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"']+$")


def env_emails(name: str, env: Mapping[str, str] = os.environ) -> list[str]:
    """Comma-separated e-mail addresses (none when unset)."""
    raw = env.get(name)
    if raw is None or not raw.strip():
        return []
    items = [item.strip() for item in raw.split(",") if item.strip()]
    for item in items:
        if len(item) > 254 or not EMAIL_RE.match(item):
            raise SettingError(name, f"not an e-mail address: {item!r}")
    return items


def env_path(name: str, default: Path, env: Mapping[str, str] = os.environ) -> Path:
    """A directory or file path (made absolute); relative paths are taken from the working directory."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if "\x00" in raw:
        raise SettingError(name, "contains a NUL character")
    return Path(raw).expanduser().resolve()


def check_database_url(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in DATABASE_SCHEMES:
        shown = parts.scheme or url[:20]
        raise SettingError(
            name, f"unsupported database {shown!r}; use sqlite:///path/to/file.sqlite3 or postgres://..."
        )
    if parts.scheme != "sqlite" and not (parts.path.strip("/") or parts.hostname):
        raise SettingError(name, "a PostgreSQL URL needs a host or a database name")
    return url


def read_or_create_secret(path: Path, *, nbytes: int = 50) -> str:
    """Return the secret stored in ``path``, creating it (mode 0600) on first use."""
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value + "\n")
    return value


def env_secret(name: str, fallback_file: Path, env: Mapping[str, str] = os.environ) -> str:
    """A secret from ``NAME``, from the file named by ``NAME_FILE``, or generated into ``fallback_file``."""
    raw = env.get(name)
    if raw is not None:
        if len(raw.strip()) < 32:
            raise SettingError(name, "must be at least 32 characters long")
        return raw.strip()
    file_name = env.get(f"{name}_FILE")
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise SettingError(f"{name}_FILE", f"no such file: {file_name}")
        value = path.read_text(encoding="utf-8").strip()
        if len(value) < 32:
            raise SettingError(f"{name}_FILE", "the file must hold at least 32 characters")
        return value
    return read_or_create_secret(fallback_file)
