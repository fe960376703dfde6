"""/api/v1/screening/...: scope like the pages, bad and oversized input refused with 422/413."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jaganetral.accounts.models import User
from jaganetral.screening.models import Finding, FindingStatus, ImportJob, Label
from tests.conftest import Personas

from .test_pages import TH, findings  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _api(personas: Personas, user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}")


def _post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(url, body, content_type="application/json")


CLASSIFY = "/api/v1/screening/classify"


def test_classify_gives_the_command_record_per_text(personas: Personas) -> None:
    c = _api(personas, personas.analyst)
    texts = ["Ayo coblos 03, Ganjar-Mahfud pasti menang!", "Macet parah pagi ini di Cawang"]
    resp = _post(c, CLASSIFY, {"election": "pemilu-2024", "texts": texts})
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["election"] == "pemilu-2024"
    first, second = data["results"]
    assert first["id"] == 0 and first["partisan"] and first["target"] == 3 and first["direction"] == "support"
    assert set(first) == {
        "id",
        "partisan",
        "score",
        "direction",
        "target",
        "target_kind",
        "rules",
        "evidence",
    }
    assert second["id"] == 1 and not second["partisan"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"election": "pemilu-2024", "texts": []}, "paling sedikit satu"),
        ({"election": "pemilu-2024", "texts": ["x"] * 1001}, "Paling banyak"),
        ({"election": "pilkada-mars-2099", "texts": ["halo"]}, "tidak dikenal"),
        ({"election": "pemilu-2024", "texts": ["ok", "a" * 10_001]}, "terlalu panjang"),
        ({"election": "pemilu-2024"}, "texts"),
        ({"election": "", "texts": ["halo"]}, "election"),
    ],
)
def test_classify_refuses_bad_and_oversized_input(
    personas: Personas, body: dict[str, Any], words: str
) -> None:
    resp = _post(_api(personas, personas.analyst), CLASSIFY, body)
    assert resp.status_code == 422, resp.content
    assert words in resp.json()["detail"]


def test_classify_body_too_large_is_refused(personas: Personas) -> None:
    body = {"election": "pemilu-2024", "texts": ["a" * 9_000] * 400}  # 3.6 MB
    resp = _post(_api(personas, personas.analyst), CLASSIFY, body)
    assert resp.status_code in (400, 413, 422)


def test_wrong_people_and_no_token(personas: Personas, findings: dict[str, Finding]) -> None:  # noqa: F811
    body = {"election": "pemilu-2024", "texts": ["halo"]}
    assert _post(Client(), CLASSIFY, body).status_code == 401
    for user in (personas.custodian, personas.agency, personas.authority):
        c = _api(personas, user)
        assert _post(c, CLASSIFY, body).status_code == 403
        assert c.get("/api/v1/screening/findings").status_code == 403
        url = f"/api/v1/screening/findings/{findings['budi'].pk}/review"
        assert _post(c, url, {"decision": "dismiss", "reason": "x"}).status_code == 403
    assert Finding.objects.filter(status=FindingStatus.QUEUED).count() == 2


def test_findings_are_scoped_and_filtered(personas: Personas, findings: dict[str, Finding]) -> None:  # noqa: F811
    jepara = _api(personas, personas.jepara).get("/api/v1/screening/findings").json()
    assert [f["handle"] for f in jepara["results"]] == ["budi"] and jepara["count"] == 1
    national = _api(personas, personas.analyst)
    assert national.get("/api/v1/screening/findings").json()["count"] == 2
    assert national.get("/api/v1/screening/findings?region=35").json()["results"][0]["handle"] == "siti"
    assert national.get("/api/v1/screening/findings?region=33.20").json()["count"] == 1
    assert national.get("/api/v1/screening/findings?election=pemilu-2019&state=queued").json()["count"] == 2
    assert national.get("/api/v1/screening/findings?state=confirmed").json()["count"] == 0
    assert national.get("/api/v1/screening/findings?rule=E2/D2").json()["count"] == 2
    assert national.get("/api/v1/screening/findings?rule=N9").json()["count"] == 0
    assert national.get("/api/v1/screening/findings?agency=pemkab-33-20").json()["count"] == 0
    assert national.get("/api/v1/screening/findings?date_to=2000-01-01").json()["count"] == 0
    assert national.get("/api/v1/screening/findings?date_from=2000-01-01").json()["count"] == 2
    assert national.get("/api/v1/screening/findings?state=bogus").status_code == 422
    assert national.get("/api/v1/screening/findings?election=nope").status_code == 422
    assert national.get("/api/v1/screening/findings?limit=100000").status_code == 422
    assert national.get("/api/v1/screening/findings?region=" + "3" * 500).status_code == 422


def test_review_through_the_api(personas: Personas, findings: dict[str, Finding]) -> None:  # noqa: F811
    jepara = _api(personas, personas.jepara)
    siti = f"/api/v1/screening/findings/{findings['siti'].pk}/review"
    budi = f"/api/v1/screening/findings/{findings['budi'].pk}/review"
    assert _post(jepara, siti, {"decision": "dismiss", "reason": "bukan kampanye"}).status_code == 404
    assert _post(jepara, budi, {"decision": "dismiss", "reason": ""}).status_code == 422
    assert _post(jepara, budi, {"decision": "maybe"}).status_code == 422
    assert _post(jepara, budi, {"decision": "dismiss", "reason": "x" * 2001}).status_code == 422
    assert (
        _post(jepara, "/api/v1/screening/findings/99999999/review", {"decision": "confirm"}).status_code
        == 404
    )
    resp = _post(jepara, budi, {"decision": "confirm", "reason": "ajakan memilih"})
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "confirmed" and resp.json()["case_ref"]
    assert Label.objects.get(finding=findings["budi"]).label == "support"
    again = _post(jepara, budi, {"decision": "dismiss", "reason": "salah"})
    assert again.status_code == 422 and "sudah ditinjau" in again.json()["detail"]
    jatim = _api(personas, personas.jatim)
    resp = _post(jatim, siti, {"decision": "dismiss", "reason": "berita biasa"})
    assert resp.status_code == 200 and resp.json()["status"] == "dismissed"
    assert Label.objects.get(finding=findings["siti"]).label == "none"


def test_import_answers_with_a_job_to_poll(personas: Personas) -> None:
    c = _api(personas, personas.jepara)
    upload = SimpleUploadedFile("th.csv", TH.encode(), content_type="text/csv")
    resp = c.post("/api/v1/screening/imports", {"file": upload, "file_format": "tweet-harvest"})
    assert resp.status_code == 202, resp.content
    job = resp.json()
    assert job["status"] == "queued" and job["poll"] == f"/api/v1/screening/imports/{job['id']}"
    assert c.get(job["poll"]).json()["id"] == job["id"]
    # another region's user cannot poll it
    assert _api(personas, personas.jatim).get(job["poll"]).status_code == 404
    assert _api(personas, personas.custodian).get(job["poll"]).status_code == 403
    assert ImportJob.objects.get(pk=job["id"]).region_id == "33.20"


@pytest.mark.parametrize(
    ("name", "data", "fmt", "status"),
    [
        ("posts.exe", b"x", "tweet-harvest", 422),
        ("posts.csv", b"", "tweet-harvest", 422),
        ("posts.csv", b"a,b\n1,2\n", "tweet-harvest", 422),
        ("posts.csv", TH.encode(), "word", 422),
    ],
)
def test_import_refuses_bad_files(personas: Personas, name: str, data: bytes, fmt: str, status: int) -> None:
    c = _api(personas, personas.analyst)
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    resp = c.post("/api/v1/screening/imports", {"file": upload, "file_format": fmt})
    assert resp.status_code == status, resp.content
    assert resp.json()["detail"]
    assert not ImportJob.objects.exists()


def test_import_refuses_oversized_files(personas: Personas, settings: Any) -> None:
    from jaganetral.screening import actions

    c = _api(personas, personas.analyst)
    big = SimpleUploadedFile("big.csv", b"x" * (actions.MAX_POST_FILE_BYTES // 1000 + 10))
    old = actions.MAX_POST_FILE_BYTES
    actions.MAX_POST_FILE_BYTES = old // 1000
    try:
        resp = c.post("/api/v1/screening/imports", {"file": big})
    finally:
        actions.MAX_POST_FILE_BYTES = old
    assert resp.status_code == 413 and "terlalu besar" in resp.json()["detail"]
