"""Kemendagri region codes (``PP.KK.CC.DDDD``), pure helpers.

Codes are stored dotted (``33.20`` is Kabupaten Jepara). People also write them without dots
(``3320``); :func:`normalize` accepts both. A region *scope* is a code prefix on segment
boundaries: scope ``33`` covers ``33.20`` and ``33.20.01`` but not ``3``-anything else.
"""

from __future__ import annotations

import re

from jaganetral.lib.i18n import gettext as _

_SEGMENTS = (2, 2, 2, 4)
LEVELS = ("province", "regency", "district", "village")
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_PLAIN = re.compile(r"^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$")


class RegionCodeError(ValueError):
    pass


def normalize(code: str) -> str:
    """Return the dotted form of ``code`` or raise :class:`RegionCodeError`."""
    value = code.strip()
    if _DOTTED.match(value):
        return value
    if _PLAIN.match(value):
        parts, pos = [], 0
        for width in _SEGMENTS:
            if pos >= len(value):
                break
            parts.append(value[pos : pos + width])
            pos += width
        return ".".join(parts)
    raise RegionCodeError(_("bukan kode wilayah Kemendagri yang sah: %(code)s") % {"code": repr(code)})


def level_of(code: str) -> str:
    return LEVELS[normalize(code).count(".")]


def parent_of(code: str) -> str | None:
    dotted = normalize(code)
    return dotted.rsplit(".", 1)[0] if "." in dotted else None


def province_of(code: str) -> str:
    return normalize(code)[:2]


def covers(scope: str, code: str) -> bool:
    """True when a user whose region scope is ``scope`` may see ``code``. Empty scope = national."""
    if not scope:
        return True
    return code == scope or code.startswith(scope + ".")


# Keppres 41/1987. Kalimantan Utara (65) split from Kalimantan Timur and keeps its WITA time.
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}


def timezone_of(code: str) -> str:
    """WIB, WITA or WIT for any code, by its province."""
    province = province_of(code)
    if province in _WIT:
        return "WIT"
    if province in _WITA:
        return "WITA"
    return "WIB"


TZ_NAMES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
