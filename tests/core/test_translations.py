from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import jaganetral

LOCALE = Path(jaganetral.__file__).parent / "locale"


def test_every_catalogue_is_complete_and_compiled() -> None:
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
    assert catalogues
    for po_path in catalogues:
        po = polib.pofile(str(po_path))
        assert po.untranslated_entries() == [], f"{po_path}: untranslated strings"
        # makemessages guesses a "fuzzy" translation for a new string from a similar old one; such
        # guesses are not compiled, so the page would show Indonesian: translate them instead.
        assert [e.msgid for e in po.fuzzy_entries()] == [], f"{po_path}: fuzzy (unchecked) strings"
        mo = {e.msgid: e.msgstr for e in polib.mofile(str(po_path.with_suffix(".mo")))}
        stale = [e.msgid for e in po.translated_entries() if mo.get(e.msgid) != e.msgstr]
        assert stale == [], f"{po_path}: run `make messages` (stale .mo)"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_the_catalogue_holds_every_string_of_the_source(tmp_path: Path) -> None:
    """Every string marked for translation in the code and templates is in the English catalogue
    (as `make messages` would extract it), so no message falls back to Indonesian on the English
    site. Extracts from a copy of the source, the repository stays untouched."""
    copy = tmp_path / "jaganetral"
    shutil.copytree(LOCALE.parent, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jaganetral.settings", "JAGANETRAL_VAR_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po")) if not e.obsolete}
    kept = {e.msgid for e in polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po")) if not e.obsolete}
    missing = sorted(fresh - kept)
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing[:40])
