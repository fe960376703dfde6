from __future__ import annotations

import logging
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

from jaganetral.rulebook.rule_file import RuleFileError

log = logging.getLogger(__name__)


def _load_shipped_rulebook(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """After migrations (and test flushes), make sure the shipped rulebook version is loaded."""
    from django.db import connections

    from jaganetral.rulebook.actions import load_shipped_rulebook
    from jaganetral.rulebook.models import Rule, RuleVersion

    tables = connections[using].introspection.table_names()
    if RuleVersion._meta.db_table in tables and Rule._meta.db_table in tables:
        try:
            load_shipped_rulebook(using=using)
        except RuleFileError as exc:
            # An edited shipped file that kept its version number: say so, keep the loaded version.
            log.warning("rulebook not loaded: %s", exc)


class RulebookConfig(AppConfig):
    name = "jaganetral.rulebook"
    label = "rulebook"
    verbose_name = "Katalog aturan netralitas"

    def ready(self) -> None:
        post_migrate.connect(_load_shipped_rulebook, sender=self, dispatch_uid="rulebook-load-shipped")
