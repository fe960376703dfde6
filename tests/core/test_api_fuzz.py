"""Property-based fuzzing of every API operation from the OpenAPI spec (THREATS.md: no 5xx).

Schemathesis generates valid and invalid requests for each operation; whatever it sends, the
answer must be a JSON 2xx/3xx/4xx, never a server error. Requests carry an admin's token, so
staff endpoints are exercised past authentication too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from pytest_django.fixtures import Settings as DjangoSettings

from jaganetral.wsgi import application
from tests.conftest import Personas

MAX_EXAMPLES = 30


# Fetching the spec touches no database, so it can happen at collection time.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def admin_headers(personas: Personas, settings: DjangoSettings, tmp_path: Path) -> Iterator[dict[str, str]]:
    """An admin's token; files written by the API go to a temporary folder.

    Schemathesis calls the WSGI app directly, so Django would close the database connection at
    the end of each request, inside the test's transaction (PostgreSQL). Django's own test client
    disconnects that handler too."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name in dir(django_settings):
        if name.endswith("_DIR") and name.startswith(("INTAKE_", "SCREENING_", "CASES_")):
            setattr(settings, name, tmp_path / name.lower())
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {personas.token(personas.admin)}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(
    case: schemathesis.Case, admin_headers: dict[str, str]
) -> None:
    response = case.call(headers=admin_headers)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/json"), (response.status_code, response.text[:300])
        body = json.loads(response.content)
        assert isinstance(body.get("detail"), str), (response.status_code, response.text[:300])
