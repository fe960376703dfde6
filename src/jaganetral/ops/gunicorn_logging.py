"""gunicorn's logger without client addresses (``--logger-class``): gunicorn writes the peer's
address into its error log ("Invalid request from ip=..."); this class masks every IP address in
its error and access logs before any handler writes them."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from jaganetral.lib.redact import RedactAddresses

LOGGER_CLASS = "jaganetral.ops.gunicorn_logging.PrivateLogger"


class PrivateLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactAddresses) for f in log.filters):
                log.addFilter(RedactAddresses())
