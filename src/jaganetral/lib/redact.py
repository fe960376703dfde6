"""Take client addresses out of log lines: the service keeps no IP address (DESIGN, THREATS).

Pure Python. :class:`RedactAddresses` is a :mod:`logging` filter for every handler and logger
that may see one (Django's loggers, gunicorn's error and access logs).
"""

from __future__ import annotations

import logging
import re

_IPV4 = r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"
_IPV6 = r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])[0-9A-Fa-f:]*::[0-9A-Fa-f:.]*"
ADDRESS = re.compile(f"{_IPV6}|{_IPV4}")
MASK = "[alamat disembunyikan]"


def scrub(text: str) -> str:
    """``text`` with every IPv4 and IPv6 address replaced by a mask."""
    return ADDRESS.sub(MASK, text)


class RedactAddresses(logging.Filter):
    """Formats the record's message now and masks any IP address in it (the record keeps no args)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
