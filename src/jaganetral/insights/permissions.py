"""Who may see the staff statistics, declared into the one permission door
(:mod:`jaganetral.accounts.policy`). What each user counts is the case register's own scope
(:func:`jaganetral.cases.selectors.cases_for`): statistics never see more than the case list."""

from __future__ import annotations

from jaganetral.accounts import policy
from jaganetral.accounts.models import Role

# The dashboard, the staff statistics API and the exports: the roles that work with cases.
VIEW = policy.define("insights.view", {Role.ADMIN, Role.SUPERVISOR, Role.AUTHORITY, Role.AGENCY})
# Importing Bawaslu's published IKP scores changes what every user sees: national admins only.
IMPORT_IKP = policy.define("insights.import_ikp", {Role.ADMIN}, national=True)
