"""The MIT Indonesian slang lexicons (see NOTICE) and their one loader.

Pure Python. The CSV files beside this module come from indo-normalizer and indoNLP (licence text in
``LICENSE.indonlp.txt`` here and in NOTICE). :func:`slang_map` merges them into slang -> formal,
lower-cased; both the self-check's matcher and the screening normaliser read it.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent
# Read in this order; a later file wins where both map the same slang word.
SLANG_FILES = ("slang_indo-normalizer.csv", "slang_indoNLP.csv")


@lru_cache(maxsize=8)
def slang_map(exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """Slang -> formal, merged from the two MIT lexicons (indoNLP wins on conflicts).

    Entries that map a word to itself, number keys and the words in ``exclude`` (a caller's own
    words the general lexicons get wrong) are left out. Cached per ``exclude``; callers must not
    change the returned dict (copy it first).
    """
    out: dict[str, str] = {}
    for name in SLANG_FILES:
        path = LEXICON_DIR / name
        if not path.exists():  # pragma: no cover - shipped with the package
            continue
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) < 2 or row[0] == "slang":
                    continue
                key, val = row[0].strip().lower(), row[1].strip().lower()
                if key and val and key != val and key not in exclude and not key.isdigit():
                    out[key] = val
    return out
