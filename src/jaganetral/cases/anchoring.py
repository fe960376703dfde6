"""Anchored audit heads: the heads of every case timeline, of the case anchor ledger and of the audit
log, signed and sent out of the system every day (a file, and e-mail to an address outside it).

``jaganetral audit verify`` finds edits that were not re-hashed. Someone who can write the database
can also re-hash a whole timeline, its head and the anchor ledger so that every chain is whole
again; :func:`verify_against` finds that too, by comparing today's chains with an export made before
the rewrite: each exported head must still be the event with that number and that hash, and the
audit log up to the exported row must still chain to the exported digest.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.cases.models import AnchorHead, Case, CaseAnchor, CaseEvent
from jaganetral.core import audit
from jaganetral.lib import hashchain, signing

log = logging.getLogger(__name__)
FORMAT = "jaganetral-audit-heads/1"
MAX_EXPORT_BYTES = 512 * 1024 * 1024
CHUNK = 500


class AnchorFileError(ValueError):
    """The export file cannot be used (unreadable, not an export, or its signature is wrong)."""


def signing_key() -> Any:
    return signing.load_key(settings.AUDIT_SIGNING_KEY_FILE)


def build(now: datetime | None = None) -> dict[str, Any]:
    """The current heads as a signed document. Read inside one transaction so the parts agree."""
    now = now or timezone.now()
    with transaction.atomic():
        head = AnchorHead.objects.filter(pk=1).first()
        cases = {
            str(pk): [seq, digest]
            for pk, seq, digest in Case.objects.order_by("pk").values_list("pk", "head_seq", "head_hash")
        }
        log = audit.log_head()
    doc = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "cases": cases,
        "anchors": [head.seq, head.hash] if head else [0, hashchain.GENESIS],
        "audit_log": {"last_id": log.last_id, "count": log.count, "digest": log.digest},
    }
    return signing.sign(doc, signing_key())


def file_name(doc: dict[str, Any]) -> str:
    day = timezone.localtime(datetime.fromisoformat(doc["created_at"])).strftime("%Y-%m-%d")
    return f"kepala-audit-{day}.json"


def dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8")


def write(doc: dict[str, Any], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / file_name(doc)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(dumps(doc))
    tmp.replace(path)
    return path


def mail(doc: dict[str, Any], recipients: list[str]) -> None:
    """Send the export to addresses outside the system (after the surrounding transaction commits)."""
    if not recipients:
        return
    body = dumps(doc)
    day = file_name(doc)
    text = _(
        "Kepala rantai audit JagaNetral per %(at)s: %(cases)d kasus, %(rows)d catatan audit.\n"
        "SHA-256 berkas terlampir: %(sha)s\nKunci penanda tangan: %(key)s\n\n"
        "Simpan surel ini di luar sistem. Periksa kapan saja dengan:\n"
        "  jaganetral audit verify --against %(name)s"
    ) % {
        "at": doc["created_at"],
        "cases": len(doc["cases"]),
        "rows": doc["audit_log"]["count"],
        "sha": hashlib.sha256(body).hexdigest(),
        "key": doc["signature"]["key_id"],
        "name": day,
    }
    message = EmailMessage(
        _("[JagaNetral] Kepala rantai audit %(day)s") % {"day": day.removesuffix(".json")[-10:]},
        text,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
    message.attach(day, body, "application/json")

    def send() -> None:
        try:
            message.send(fail_silently=False)
        except Exception:  # the file is written; the operator sees the failure in the log
            log.exception("the audit heads could not be e-mailed to %s", ", ".join(recipients))

    transaction.on_commit(send)


def load(path: Path) -> dict[str, Any]:
    """Read and check an export file: its format and its signature."""
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise AnchorFileError(_("Berkas ekspor terlalu besar."))
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise AnchorFileError(
            _("Berkas ekspor tidak dapat dibaca: %(err)s") % {"err": exc.strerror}
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise AnchorFileError(_("Berkas ini bukan ekspor kepala audit JagaNetral (bukan JSON).")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise AnchorFileError(_("Berkas ini bukan ekspor kepala audit JagaNetral."))
    try:
        signing.verify(doc)
    except signing.SignatureError:
        raise AnchorFileError(
            _("Tanda tangan berkas ekspor tidak cocok dengan isinya: berkas ini telah diubah.")
        ) from None
    try:
        _check_shape(doc)
    except (KeyError, TypeError, ValueError):
        raise AnchorFileError(_("Isi berkas ekspor tidak lengkap.")) from None
    return doc


def _check_shape(doc: dict[str, Any]) -> None:
    datetime.fromisoformat(str(doc["created_at"]))
    for pk, (seq, digest) in doc["cases"].items():
        int(pk), int(seq), str(digest)
    int(doc["anchors"][0]), str(doc["anchors"][1])
    log = doc["audit_log"]
    int(log["last_id"]), int(log["count"]), str(log["digest"])


@dataclass
class AnchorReport:
    exported_at: str
    key_id: str
    cases: int = 0
    changed: dict[int, int] = field(default_factory=dict)  # case pk -> exported head seq now different
    missing: dict[int, int] = field(default_factory=dict)  # case pk -> exported head seq now absent
    anchors_changed: bool = False
    audit_changed: bool = False
    audit_counts: tuple[int, int] = (0, 0)  # rows at export, rows now (up to the exported id)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.anchors_changed or self.audit_changed)


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def verify_against(doc: dict[str, Any]) -> AnchorReport:
    """Compare the database with an export (already checked by :func:`load`)."""
    report = AnchorReport(exported_at=doc["created_at"], key_id=doc["signature"]["key_id"])
    heads = {int(pk): (int(seq), str(h)) for pk, (seq, h) in doc["cases"].items()}
    report.cases = len(heads)
    for chunk in _chunks(sorted(heads)):
        wanted = {(pk, heads[pk][0]) for pk in chunk if heads[pk][0] > 0}
        found: dict[tuple[int, int], str] = {}
        events = CaseEvent.objects.filter(case_id__in=chunk).values_list("case_id", "seq", "hash")
        for case_id, seq, digest in events.iterator():
            if (case_id, seq) in wanted:
                found[(case_id, seq)] = digest
        for key in wanted:
            if key not in found:
                report.missing[key[0]] = key[1]
            elif found[key] != heads[key[0]][1]:
                report.changed[key[0]] = key[1]
    seq, digest = int(doc["anchors"][0]), str(doc["anchors"][1])
    if seq:
        row = CaseAnchor.objects.filter(seq=seq).values_list("hash", flat=True).first()
        report.anchors_changed = row != digest
    log = doc["audit_log"]
    now = audit.log_head(int(log["last_id"]))
    report.audit_counts = (int(log["count"]), now.count)
    report.audit_changed = (now.count, now.digest) != (int(log["count"]), str(log["digest"]))
    return report
