"""On sign-in (``user_logged_in``): a staff member's dashboard and risk page without filters are
computed in the background, so that they are ready when opened (shared by everyone of the same
scope; nothing is computed for figures already cached or inside a transaction)."""

from __future__ import annotations

from typing import Any

from jaganetral.accounts import policy
from jaganetral.insights import selectors
from jaganetral.insights.riskviews import warm_risk
from jaganetral.insights.views import warm_dashboard


def on_sign_in(sender: object, user: object, **kwargs: Any) -> None:
    staff = policy.staff(user)
    if staff is not None and selectors.allowed(staff):
        warm_dashboard(staff)
        warm_risk(staff)
