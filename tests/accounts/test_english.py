"""Account refusals (shown by the ``users`` command) in English when English is active."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from jaganetral.accounts.actions import AccountError, create_user

pytestmark = pytest.mark.django_db


def test_create_user_refuses_in_english(refdata: None) -> None:
    with translation.override("en"):
        with pytest.raises(AccountError, match=r"^unknown role: 'raja' \(choose: admin, "):
            create_user(actor=None, username="baru", role="raja")
        with pytest.raises(AccountError, match=r"^region 99\.99 is not in the reference data$"):
            create_user(actor=None, username="baru", role="supervisor", region="9999")
        with pytest.raises(CommandError, match=r"^agency 'tidak-ada' does not exist \(see"):
            call_command("users", "create", "baru", "--role", "supervisor", "--agency", "tidak-ada")
    with pytest.raises(AccountError, match=r"^peran tidak dikenal: 'raja' \(pilih: "):
        create_user(actor=None, username="baru", role="raja")
