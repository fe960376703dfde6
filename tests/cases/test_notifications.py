"""In-app notifications (created by the overdue-clock job): the API and the staff page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jaganetral.accounts.models import User
from jaganetral.cases.jobs import mark_overdue_clocks
from jaganetral.cases.models import Case, Clock, Notification
from tests.cases.conftest import make_case
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
API = "/api/v1/cases/notifications"
PAGE = "/petugas/kasus/pemberitahuan/"


def _api(personas: Personas, user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}")


def _overdue(*cases: Case) -> None:
    """Make the cases' clocks overdue and run the job: unassigned, so the region's supervisors
    (Jepara and Central Java) are told."""
    Notification.objects.exclude(
        kind="overdue"
    ).delete()  # the new reports' own (tests/cases/test_staff_notices.py)
    Clock.objects.filter(case__in=cases).update(due_at=timezone.now() - dt.timedelta(hours=1))
    assert mark_overdue_clocks(timezone.now()) == len(cases)


def _mine(user: User) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("id"))


def test_the_api_lists_own_notifications_unread_first(personas: Personas) -> None:
    a, b = make_case(personas.jepara), make_case(personas.jepara)
    _overdue(a, b)
    first, second = _mine(personas.jepara)
    api = _api(personas, personas.jepara)
    body = api.get(API).json()
    assert body["count"] == 2 and body["unread"] == 2
    item = body["items"][0]
    assert set(item) == {
        "id",
        "kind",
        "kind_label",
        "report_reference",
        "case_id",
        "case_reference",
        "case_number",
        "text",
        "clock",
        "created_at",
        "read_at",
    }
    assert {i["case_id"] for i in body["items"]} == {a.pk, b.pk}
    assert item["clock"] == "initial_review" and "lewat pada" in item["text"]
    assert item["case_reference"].startswith("KASUS-") and item["read_at"] is None
    # Reading the newest puts the other one first.
    newest = body["items"][0]["id"]
    resp = api.post(f"{API}/{newest}/read")
    assert resp.status_code == 200 and resp.json()["read_at"] is not None
    body = api.get(API).json()
    assert body["unread"] == 1 and [i["id"] for i in body["items"]] == [
        n for n in (first.pk, second.pk) if n != newest
    ] + [newest]
    assert [i["id"] for i in api.get(f"{API}?unread=true").json()["items"]] == [body["items"][0]["id"]]
    # Reading again changes nothing.
    again = api.post(f"{API}/{newest}/read").json()["read_at"]
    assert again == resp.json()["read_at"]
    # Paging.
    page = api.get(f"{API}?limit=1&offset=1").json()
    assert page["count"] == 2 and [i["id"] for i in page["items"]] == [newest]
    # Mark all.
    resp = api.post(f"{API}/read")
    assert resp.status_code == 200 and resp.json()["marked"] == 1
    assert api.get(API).json()["unread"] == 0
    # Jateng's own copies are untouched.
    assert all(n.read_at is None for n in _mine(personas.jateng))


def test_the_api_refuses_other_people_s_notifications(personas: Personas) -> None:
    case = make_case(personas.jepara)
    _overdue(case)
    (theirs,) = _mine(personas.jateng)
    jepara = _api(personas, personas.jepara)
    resp = jepara.post(f"{API}/{theirs.pk}/read")
    assert resp.status_code == 404 and resp.json() == {"detail": "Tidak ditemukan."}
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    # Another region's supervisor sees none of them, even one addressed to them about a case they
    # cannot see.
    stray = Notification.objects.create(user=personas.jatim, case=case, text="Batas waktu lewat.")
    jatim = _api(personas, personas.jatim)
    assert jatim.get(API).json() == {"count": 0, "unread": 0, "items": []}
    assert jatim.post(f"{API}/{stray.pk}/read").status_code == 404
    assert jatim.post(f"{API}/read").status_code == 200
    # Roles without cases get an empty list; no token: 401.
    assert _api(personas, personas.analyst).get(API).json()["count"] == 0
    assert Client().get(API).status_code == 401
    assert Client().post(f"{API}/{theirs.pk}/read").status_code == 401


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{API}?limit=0", 422),
        (f"{API}?limit=201", 422),
        (f"{API}?offset=-1", 422),
        (f"{API}?unread=perhaps", 422),
    ],
)
def test_the_api_answers_bad_paging_clearly(personas: Personas, url: str, status: int) -> None:
    resp = _api(personas, personas.jepara).get(url)
    assert resp.status_code == status and resp.json()["detail"].startswith("Masukan tidak sah")


@pytest.mark.parametrize("pk", ["0", "999999", str(2**62), "abc", "1" * 40])
def test_the_api_answers_bad_ids_with_404(personas: Personas, pk: str) -> None:
    resp = _api(personas, personas.jepara).post(f"{API}/{pk}/read")
    assert resp.status_code in (404, 422)
    assert "detail" in resp.json()


def test_the_page_lists_and_marks_own_notifications(personas: Personas) -> None:
    a, b = make_case(personas.jepara), make_case(personas.jepara)
    _overdue(a, b)
    first, second = _mine(personas.jepara)
    jepara = personas.client(personas.jepara)
    page = jepara.get(PAGE)
    assert page.status_code == 200
    body = page.content.decode()
    assert a.reference in body and b.reference in body and "2 pemberitahuan belum dibaca." in body
    # The staff navigation shows the unread count on every page.
    assert f'href="{PAGE}"' in jepara.get("/petugas/kasus/").content.decode()
    assert "<mark>2" in body
    resp = jepara.post(f"{PAGE}{first.pk}/dibaca/")
    assert resp.status_code == 302 and resp["Location"] == PAGE
    assert Notification.objects.get(pk=first.pk).read_at is not None
    body = jepara.get(PAGE).content.decode()
    assert "1 pemberitahuan belum dibaca." in body and "<mark>1" in body
    assert body.index(b.reference) < body.index(a.reference)  # unread first
    resp = jepara.post("/petugas/kasus/pemberitahuan/dibaca/", {"kembali": "pemberitahuan"})
    assert resp.status_code == 302 and resp["Location"] == PAGE
    body = jepara.get(PAGE).content.decode()
    assert "0 pemberitahuan belum dibaca." in body and "<mark>" not in body
    assert Notification.objects.get(pk=second.pk).read_at is not None
    assert jepara.get(f"{PAGE}?halaman=abc").status_code == 200
    assert jepara.get(f"{PAGE}?halaman=99999999999").status_code == 200


def test_the_page_refuses_the_wrong_person(personas: Personas) -> None:
    case = make_case(personas.jepara)
    _overdue(case)
    (theirs,) = _mine(personas.jateng)
    jepara = personas.client(personas.jepara)
    assert jepara.post(f"{PAGE}{theirs.pk}/dibaca/").status_code == 404
    assert jepara.post(f"{PAGE}0/dibaca/").status_code == 404
    assert jepara.get(f"{PAGE}{theirs.pk}/dibaca/").status_code == 405
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    jatim = personas.client(personas.jatim).get(PAGE).content.decode()
    assert case.reference not in jatim
    for who in (personas.analyst, personas.custodian):
        assert personas.client(who).get(PAGE).status_code == 403
        assert personas.client(who).post(f"{PAGE}{theirs.pk}/dibaca/").status_code == 403
    assert Client().get(PAGE).status_code == 302


def test_the_page_pages(personas: Personas) -> None:
    case = make_case(personas.jepara)
    Notification.objects.all().delete()  # the new report's own
    rows: list[Any] = [
        Notification(user=personas.jepara, case=case, text=f"Pemberitahuan {i}") for i in range(60)
    ]
    Notification.objects.bulk_create(rows)
    jepara = personas.client(personas.jepara)
    first = jepara.get(PAGE).content.decode()
    assert first.count("Tandai dibaca") == 50 and "Halaman 1 dari 2" in first
    second = jepara.get(f"{PAGE}?halaman=2").content.decode()
    assert second.count("Tandai dibaca") == 10
