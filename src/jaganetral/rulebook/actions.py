"""Writes to the rulebook: loading a version from its YAML file. Loading is idempotent, and a loaded
version is never modified: a changed file must carry a new ``version``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from jaganetral.core import audit
from jaganetral.rulebook.models import Rule, RuleVersion
from jaganetral.rulebook.rule_file import (
    RuleFileError,
    content_hash,
    parse_rulebook,
    shipped_files,
)


@dataclass(frozen=True)
class LoadOutcome:
    version: RuleVersion
    created: bool


def read_rulebook_file(path: Path) -> str:
    try:
        if path.stat().st_size > 2_000_000:
            raise RuleFileError(f"{path.name}: file is larger than 2000000 bytes")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise RuleFileError(f"{path.name}: not UTF-8 text") from None
    except IsADirectoryError:
        raise RuleFileError(f"{path}: is a directory") from None


@transaction.atomic
def load_rulebook_text(
    text: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    source: str = "<rulebook>",
    using: str = "default",
    become_current: bool = True,
) -> LoadOutcome:
    """Load one rulebook version. Same content again: nothing changes. Same version number with
    different content: refused. A new version becomes the current one (unless ``become_current`` is
    false and another version is current already); older rows stay as they are."""
    spec = parse_rulebook(text, source)
    digest = content_hash(text)
    versions = RuleVersion.objects.using(using)
    same = versions.filter(sha256=digest).first()
    if same is not None:
        return LoadOutcome(version=same, created=False)
    if versions.filter(version=spec.version).exists():
        raise RuleFileError(
            f"{source}: version {spec.version} is already loaded with different content; "
            "give the changed file a new version"
        )
    current = become_current or not versions.filter(is_current=True).exists()
    if current:
        versions.filter(is_current=True).update(is_current=False)
    version = versions.create(
        version=spec.version,
        title=spec.title,
        effective=spec.effective,
        sha256=digest,
        source_file=source[-200:],
        is_current=current,
        sanctions=[k.model_dump(mode="json") for k in spec.sanctions],
    )
    Rule.objects.using(using).bulk_create(
        [
            Rule(
                version=version,
                code=r.code,
                position=i,
                track=r.track,
                title=r.title.id,
                title_en=r.title.en,
                explanation=r.explanation.id,
                explanation_en=r.explanation.en,
                sanction_kind=r.sanction.kind,
                sanction_level=r.sanction.level,
                elections=list(r.elections),
                data=r.model_dump(mode="json"),
            )
            for i, r in enumerate(spec.rules)
        ]
    )
    audit.record(
        "rulebook.load",
        actor=actor,
        obj=version,
        version=spec.version,
        rules=len(spec.rules),
        sha256=digest,
    )
    return LoadOutcome(version=version, created=True)


def load_rulebook(
    path: Path,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    using: str = "default",
    become_current: bool = True,
) -> LoadOutcome:
    return load_rulebook_text(
        read_rulebook_file(path), actor=actor, source=path.name, using=using, become_current=become_current
    )


def load_shipped_rulebook(using: str = "default") -> LoadOutcome:
    """Every version shipped in the package, oldest first, so the newest is current and the older
    ones stay citable (run after every migrate; idempotent). Returns the newest one's outcome."""
    outcome = None
    files = shipped_files()
    for path in files:
        # an earlier version loaded late (e.g. into a database that has the newer one) stays history
        outcome = load_rulebook(path, actor=None, using=using, become_current=path == files[-1])
    assert outcome is not None  # noqa: S101 - shipped_files always ends with the current file
    return outcome
