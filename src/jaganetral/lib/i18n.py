"""Translatable text for the pure modules (no Django here).

Messages are written in Bahasa Indonesia and wrapped in ``_()`` (this module's :func:`gettext`), so
``make messages`` extracts them into the catalogue like any other. Without Django the text stays as
written; once the site runs, ``core`` installs Django's ``gettext`` (see ``CoreConfig.ready``) and
the text comes out in the language of the request that raised it. Labels kept in module-level
tables are marked with :func:`gettext_noop` and translated where they are shown.
"""

from __future__ import annotations

from collections.abc import Callable


def _identity(message: str) -> str:
    return message


_translate: Callable[[str], str] = _identity


def install(translate: Callable[[str], str]) -> None:
    """Translate with ``translate`` from now on (the web app installs Django's ``gettext``)."""
    global _translate  # one process-wide translator, set once at start-up
    _translate = translate


def gettext(message: str) -> str:
    """``message`` in the active language (as written when no translator is installed)."""
    return _translate(message)


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (for tables of labels)."""
    return message
