from __future__ import annotations

from pathlib import Path

import polib

import jaganetral

LOCALE = Path(jaganetral.__file__).parent / "locale"


def test_every_catalogue_is_complete_and_compiled() -> None:
    catalogues = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
    assert catalogues
    for po_path in catalogues:
        po = polib.pofile(str(po_path))
        assert po.untranslated_entries() == [], f"{po_path}: untranslated strings"
        mo = {e.msgid: e.msgstr for e in polib.mofile(str(po_path.with_suffix(".mo")))}
        stale = [e.msgid for e in po.translated_entries() if mo.get(e.msgid) != e.msgstr]
        assert stale == [], f"{po_path}: run `make messages` (stale .mo)"
