"""What intake tells the layers above it, without importing them (DESIGN: a lower layer reacts to a
higher one through a signal). Sent inside the intake action's transaction, so a receiver's writes
(e.g. case handling's staff notifications) commit or roll back with it.

Every signal carries the report (or the access request) only: never the reporter's identity.
"""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: report
report_submitted = Signal()
# kwargs: report
reporter_replied = Signal()
# kwargs: access_request (approved or refused, by the custodian)
access_decided = Signal()
