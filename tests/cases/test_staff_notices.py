"""Staff notifications per event: who is told (by role and region scope), who is not, each user's
e-mail choice (at once, daily digest, off), the digest's groups, and never a reporter's identity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from jaganetral.accounts.actions import create_user
from jaganetral.accounts.models import User
from jaganetral.cases import actions
from jaganetral.cases.actions import notify
from jaganetral.cases.models import Notification
from jaganetral.intake.actions import (
    ask_reporter,
    decide_identity_access,
    reporter_reply,
    request_identity_access,
)
from jaganetral.reference.models import Election, Region
from tests.cases.conftest import REPORTER, make_report, to_forwarded
from tests.conftest import PASSWORD, Personas

pytestmark = pytest.mark.django_db
Commit = Callable[..., AbstractContextManager[Any]]
SECRETS = [*REPORTER.values(), "Camat mengajak warga", "Balai desa Tahunan", "Pelapor-"]


@pytest.fixture(autouse=True)
def _mail(settings: Any, personas: Personas) -> Iterator[None]:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://jaganetral.contoh.id"
    for user in vars(personas).values():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@contoh.id")
        user.email = f"{user.username}@contoh.id"
    yield


def _told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def _no_identity() -> None:
    texts = [n.text for n in Notification.objects.all()]
    texts += [f"{m.subject}\n{m.body}" for m in mail.outbox]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, (secret, text)


def _recipients() -> set[str]:
    return {addr.split("@")[0] for m in mail.outbox for addr in [*m.to, *m.bcc]}


def test_a_new_report_tells_the_supervisors_of_its_region(
    personas: Personas, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report("33.20")
    assert _told("new_report") == {"pengawas-jepara", "pengawas-jateng"}  # not East Java, no admin
    assert _recipients() == {"pengawas-jepara", "pengawas-jateng"}
    (message,) = mail.outbox
    assert message.to == [] and report.reference in message.subject  # addresses hidden from each other
    assert f"https://jaganetral.contoh.id/petugas/laporan/{report.pk}/" in message.body
    _no_identity()
    # a report where no regional supervisor works: the national ones (not the admin) hear of it
    national = create_user(actor=None, username="pengawas-ri", role="supervisor", password=PASSWORD)
    make_report("11.01", election=None)
    assert "pengawas-ri" in _told("new_report") and national.is_active


def test_a_reply_tells_the_assignee_or_who_asked(
    personas: Personas, django_capture_on_commit_callbacks: Commit
) -> None:
    report = make_report()
    ask_reporter(actor=personas.jateng, report=report, body="Kapan tepatnya kejadian itu?")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reporter_reply(report=report, body="Senin pagi, Siti Pelapor melihatnya sendiri.")
    assert _told("reporter_reply") == {"pengawas-jateng"}  # who asked
    case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
    actions.assign(actor=personas.jateng, cases=[case], user=personas.jepara)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reporter_reply(report=report, body="Ada foto tambahan.")
    assert _told("reporter_reply") == {"pengawas-jepara"}  # the case's assignee
    assert "Siti Pelapor" not in Notification.objects.get().text and "Ada foto" not in mail.outbox[0].body
    _no_identity()


def test_a_custodians_decision_tells_who_asked(
    personas: Personas, django_capture_on_commit_callbacks: Commit
) -> None:
    report = make_report()
    req = request_identity_access(
        actor=personas.jepara, report=report, reason="Pelapor perlu dipanggil sebagai saksi klarifikasi."
    )
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        decide_identity_access(actor=personas.custodian, access_request=req, approve=True)
    assert _told("access_decision") == {"pengawas-jepara"}
    (n,) = Notification.objects.all()
    assert "disetujui" in n.text and n.report_id == report.pk and n.case_id is None
    assert _recipients() == {"pengawas-jepara"}
    _no_identity()
    # the requester sees it on the page and through the API; the wrong person does not
    page = personas.client(personas.jepara).get("/petugas/kasus/pemberitahuan/").content.decode()
    assert report.reference in page and f"/petugas/laporan/{report.pk}/" in page
    assert (
        report.reference
        not in personas.client(personas.jatim).get("/petugas/kasus/pemberitahuan/").content.decode()
    )
    assert (
        personas.client(personas.jatim).post(f"/petugas/kasus/pemberitahuan/{n.pk}/dibaca/").status_code
        == 404
    )
    api = personas.client(personas.jepara).get(
        "/api/v1/cases/notifications", HTTP_AUTHORIZATION=f"Bearer {personas.token(personas.jepara)}"
    )
    (item,) = api.json()["items"]
    assert item["kind"] == "access_decision" and item["report_reference"] == report.reference
    assert item["case_id"] is None


def test_an_assignment_tells_the_assignee_only(
    personas: Personas, django_capture_on_commit_callbacks: Commit
) -> None:
    colleague = create_user(
        actor=None, username="pengawas-jepara-2", role="supervisor", region="33.20", password=PASSWORD
    )
    case = actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["N1"])
    actions.assign(actor=personas.jepara, cases=[case], user=personas.jepara)  # oneself: no notice
    assert not _told("assigned")
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(actor=personas.jateng, cases=[case], user=colleague)
    assert _told("assigned") == {"pengawas-jepara-2"}
    assert "diserahkan kepada Anda oleh pengawas-jateng" in Notification.objects.get(kind="assigned").text


def test_a_forwarded_case_reaches_bkn(personas: Personas, django_capture_on_commit_callbacks: Commit) -> None:
    case = actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["N1"])
    with django_capture_on_commit_callbacks(execute=True):
        to_forwarded(case, personas.jepara)
    assert _told("forwarded") == {"bkn"}  # not the agency, not the supervisors, not the admin
    assert "1 ASN menunggu rekomendasi" in Notification.objects.get(kind="forwarded").text
    assert "bkn" in _recipients()
    _no_identity()


def test_a_new_screening_case_tells_the_regions_supervisors(
    personas: Personas, django_capture_on_commit_callbacks: Commit
) -> None:
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_case_from_screening(
            actor=personas.analyst,
            data=actions.FindingInput(
                election=Election.objects.get(code="pemilu-2024"),
                region=Region.objects.get(pk="33.20"),
                summary="Unggahan berpihak.",
                persons=[actions.PersonInput("Budi Santoso", "", None, "", "Camat")],
                place="Media sosial",
                event_date=now.date() - dt.timedelta(days=1),
                known_date=now.date(),
                rules=["E2"],
            ),
            post=actions.CapturedPost(
                url="https://x.example/p/1", sha256="0" * 64, captured_at=now, finding_id=1
            ),
        )
    assert _told("screening_case") == {"pengawas-jepara", "pengawas-jateng"}  # not the analyst who did it


def test_each_users_choice_is_respected_and_the_digest_groups(
    personas: Personas, settings: Any, django_capture_on_commit_callbacks: Commit
) -> None:
    settings.NOTIFY_DIGEST_HOUR = 7
    User.objects.filter(pk=personas.jepara.pk).update(notify_mode="digest")
    User.objects.filter(pk=personas.jateng.pk).update(notify_mode="off")
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report()
        case = actions.register_case_from_report(actor=personas.jepara, report=report, rules=["N1"])
        actions.assign(actor=personas.jateng, cases=[case], user=personas.jepara)
        reporter_reply(report=report, body="Tambahan keterangan.")
    # both see them on the page; neither got an e-mail at once
    assert _told("new_report") == {"pengawas-jepara", "pengawas-jateng"}
    assert not mail.outbox
    # the digest: nothing before its hour, then one e-mail with the notices grouped by kind
    today = timezone.localdate() + dt.timedelta(days=1)

    def at(hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(today, dt.time(hour)))

    with django_capture_on_commit_callbacks(execute=True):
        assert notify.send_digests(at(6)) == 0
        assert notify.send_digests(at(7)) == 1
        assert notify.send_digests(at(8)) == 0  # once a day
    (digest,) = mail.outbox
    assert digest.to == ["pengawas-jepara@contoh.id"] and "Ringkasan pemberitahuan" in digest.subject
    body = digest.body
    assert "3 pemberitahuan baru" in body
    for heading in (
        "Laporan baru di wilayah Anda (1)",
        "Jawaban pelapor (1)",
        "Kasus diserahkan kepada Anda (1)",
    ):
        assert heading in body
    assert body.index("Laporan baru di wilayah Anda") < body.index("Jawaban pelapor")
    _no_identity()
    # the "off" user owes nothing; the digest user's notices are marked as e-mailed
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_account_page_sets_the_choice(personas: Personas) -> None:
    client = personas.client(personas.jepara)
    page = client.get("/akun/").content.decode()
    assert "Ringkasan harian" in page and 'value="now"' in page and "checked" in page
    assert client.post("/akun/", {"notify_mode": "digest"}).status_code == 302
    personas.jepara.refresh_from_db()
    assert personas.jepara.notify_mode == "digest"
    for bad in ("sometimes", "x" * 5000, ""):
        resp = client.post("/akun/", {"notify_mode": bad})
        assert resp.status_code == 400 and 'class="errorlist"' in resp.content.decode()
    personas.jepara.refresh_from_db()
    assert personas.jepara.notify_mode == "digest"
    # one's own choice only: no field names another user
    client.post("/akun/", {"notify_mode": "off", "user": personas.jateng.pk})
    personas.jateng.refresh_from_db()
    assert personas.jateng.notify_mode == "now"
    assert personas.client(personas.jepara).post("/akun/", {"notify_mode": "off"}).status_code == 302
    from django.test import Client

    assert Client().post("/akun/", {"notify_mode": "off"}).status_code == 302  # to the log-in page


def test_a_past_step_tells_no_one(personas: Personas) -> None:
    """Steps recorded with a date long past (imports, the demo) are records, not news."""
    case = actions.register_case_from_report(actor=personas.jepara, report=make_report(), rules=["N1"])
    Notification.objects.all().delete()
    with notify.quiet():
        notify.assigned(case, personas.jepara, actor=personas.jateng)
    assert not Notification.objects.exists()
    old = timezone.now() - dt.timedelta(days=400)
    assert notify.forwarded(case, actor=personas.jepara, at=old) == []
    assert not Notification.objects.exists()
