"""The retention purge as a periodic job (``jaganetral tick``), at most once an hour."""

from __future__ import annotations

from jaganetral.core.tick import register
from jaganetral.privacy.purge import run_hourly

register("privacy.purge")(run_hourly)
