"""Friendly reminders: the e-mail arrives; no case, no sender identity, no body is kept; limits
per recipient and per sender; the opt-out is honoured; bad and oversized input."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from jaganetral.cases.models import Case
from jaganetral.core.models import AuditEvent
from jaganetral.intake.models import Report
from jaganetral.prevention.actions import reminders
from jaganetral.prevention.models import ReminderOptOut, ReminderSent
from jaganetral.rulebook.models import Rule

pytestmark = pytest.mark.django_db
URL = "/ingatkan/"


def _send(client: Client, to: str, rule: str = "E4") -> int:
    return client.post(URL, {"recipient": to, "rule": rule}).status_code


def test_a_reminder_arrives_and_leaves_no_identity_or_body(refdata: None) -> None:
    sender = Client(REMOTE_ADDR="198.51.100.7")
    assert sender.get(URL).status_code == 200
    assert _send(sender, "Rekan.Kerja@example.go.id") == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    rule = Rule.objects.get(version__is_current=True, code="E4")
    assert message.to == ["Rekan.Kerja@example.go.id"]
    assert rule.title in message.body and rule.instead in message.body and rule.sanction_label in message.body
    assert "/ingatkan/berhenti/" in message.body and "bukan laporan" in message.body
    # nothing identifies the sender or the recipient, and no body is kept
    row = ReminderSent.objects.values().get()
    stored = str(row) + str(list(AuditEvent.objects.filter(action="prevention.friendly_reminder").values()))
    for secret in ("198.51.100.7", "rekan.kerja", "example.go.id", rule.explanation[:30]):
        assert secret.lower() not in stored.lower()
    assert row["rule_code"] == "E4"
    assert not Report.objects.exists() and not Case.objects.exists()


def test_a_second_reminder_to_the_same_colleague_within_a_week_is_refused(refdata: None) -> None:
    assert _send(Client(REMOTE_ADDR="198.51.100.7"), "rekan@example.go.id") == 200
    r = Client(REMOTE_ADDR="198.51.100.99").post(URL, {"recipient": "REKAN@example.go.id ", "rule": "E2"})
    assert r.status_code == 400
    assert "sudah menerima pengingat dalam 7 hari terakhir" in r.content.decode()
    assert "REKAN@example.go.id" in r.content.decode()  # what was typed is kept
    assert len(mail.outbox) == 1


def test_one_sender_sends_at_most_three_a_day(refdata: None) -> None:
    sender = Client(REMOTE_ADDR="198.51.100.7")
    for i in range(3):
        assert _send(sender, f"rekan{i}@example.go.id") == 200
    r = sender.post(URL, {"recipient": "rekan9@example.go.id", "rule": "E4"})
    assert r.status_code == 400 and "3 pengingat hari ini" in r.content.decode()
    assert _send(Client(REMOTE_ADDR="198.51.100.8"), "rekan9@example.go.id") == 200
    assert len(mail.outbox) == 4


def test_the_sender_key_changes_every_day() -> None:
    from datetime import date

    a = reminders.sender_hash("198.51.100.7", date(2026, 12, 1))
    assert a == reminders.sender_hash("198.51.100.7", date(2026, 12, 1))
    assert a != reminders.sender_hash("198.51.100.7", date(2026, 12, 2))


def test_the_opt_out_is_honoured(refdata: None) -> None:
    assert _send(Client(REMOTE_ADDR="198.51.100.7"), "rekan@example.go.id") == 200
    link = next(line for line in mail.outbox[0].body.splitlines() if "/ingatkan/berhenti/" in line)
    path = link[link.index("/ingatkan/berhenti/") :].strip()
    recipient = Client()
    assert recipient.get(path).status_code == 200
    assert not ReminderOptOut.objects.exists()  # a GET (e.g. a mail scanner) changes nothing
    assert recipient.post(path).status_code == 200
    assert ReminderOptOut.objects.count() == 1
    ReminderSent.objects.all().delete()  # even after the weekly limit has passed
    r = Client(REMOTE_ADDR="198.51.100.50").post(URL, {"recipient": "rekan@example.go.id", "rule": "E4"})
    assert r.status_code == 400 and "tidak menerima pengingat" in r.content.decode()
    assert len(mail.outbox) == 1
    assert Client().post("/ingatkan/berhenti/palsu:abc/").status_code == 404


def test_bad_and_oversized_input_is_refused(refdata: None) -> None:
    sender = Client(REMOTE_ADDR="198.51.100.7")
    assert _send(sender, "bukan-alamat") == 400
    assert _send(sender, "a" * 300 + "@example.go.id") == 400
    assert _send(sender, "rekan@example.go.id", rule="A1") == 400  # an allowed act is no reminder
    assert _send(sender, "rekan@example.go.id", rule="X" * 5000) == 400
    assert _send(sender, "rekan@example.go.id\nBcc: x@example.com") == 400
    assert not mail.outbox and not ReminderSent.objects.exists()
