"""What the accounts app lets a role do, declared into the one permission door
(:mod:`jaganetral.accounts.policy`)."""

from __future__ import annotations

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role

# Read and export the audit log (who did what to which object, when): administrators.
AUDIT = policy.define("accounts.audit", {Role.ADMIN})
