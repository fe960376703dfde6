"""The seal key after a restore: start-up refuses with one line when sealed identities exist but the
key is missing or another one; no key is generated behind the operator's back; opening an identity
with the wrong key is a clear refusal, never a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jaganetral.intake import sealing
from jaganetral.intake.models import IdentityAccessRequest, Report
from jaganetral.lib.crypto import load_sealer
from jaganetral.ops import keys as keys_ops
from jaganetral.ops import preflight
from jaganetral.ops.backup import BackupError
from tests.conftest import Personas
from tests.intake.conftest import IDENTITY_NAME, confidential_post, report_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_keys(settings: Any, tmp_path: Path) -> Any:
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "seal_key"
    settings.AUDIT_SIGNING_KEY_FILE = tmp_path / "audit_signing_key"
    settings.INTAKE_EVIDENCE_DIR = tmp_path / "evidence"
    sealing.sealer.cache_clear()
    yield
    sealing.sealer.cache_clear()


def _file(data: dict[str, Any]) -> Report:
    resp = Client().post("/api/v1/reports", data)
    assert resp.status_code == 201, resp.content
    return Report.objects.get(public_reference=resp.json()["reference"])


def test_no_sealed_identity_means_nothing_to_check(refdata: None, settings: Any) -> None:
    _file(report_post())
    assert preflight.problems() == []
    assert not Path(settings.INTAKE_SEAL_KEY_FILE).exists() or sealing.sealed_key_ids() == {}


def test_start_up_refuses_with_one_line_when_the_key_is_missing_or_another(
    refdata: None, settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _file(confidential_post())
    key_id = sealing.sealer().current_id
    assert sealing.sealed_key_ids() == {key_id: 2}  # identity and witnesses
    assert preflight.problems() == []

    # restored without the key: the missing file is named and is NOT created
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "restored" / "seal_key"
    sealing.sealer.cache_clear()
    with pytest.raises(SystemExit) as stop:
        preflight.require()
    assert stop.value.code == preflight.EXIT_REFUSED
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("jaganetral: kunci segel tidak ada")
    assert key_id in err[0] and "restored/seal_key" in err[0]
    assert not settings.INTAKE_SEAL_KEY_FILE.exists()

    # another key in its place
    other = load_sealer(settings.INTAKE_SEAL_KEY_FILE)
    [problem] = preflight.problems()
    assert problem.startswith("kunci segel berbeda") and key_id in problem and other.current_id in problem

    # the right key below a new one (a rotation in progress) is fine
    settings.INTAKE_SEAL_KEY_FILE.write_text(
        settings.INTAKE_SEAL_KEY_FILE.read_text() + (tmp_path / "seal_key").read_text()
    )
    assert preflight.problems() == []


def test_opening_an_identity_with_the_wrong_key_is_a_clear_refusal(
    personas: Personas, settings: Any, tmp_path: Path
) -> None:
    report = _file(confidential_post())
    base = f"/petugas/laporan/{report.pk}/"
    supervisor = personas.client(personas.jepara)
    supervisor.post(base + "minta-identitas/", {"reason": "Perlu mengundang pelapor untuk klarifikasi."})
    req = IdentityAccessRequest.objects.get()
    personas.client(personas.custodian).post(
        f"/petugas/laporan/akses/{req.pk}/putuskan/", {"decision": "approve", "note": "Boleh"}
    )
    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "lain" / "seal_key"  # e.g. restored with another key
    sealing.sealer.cache_clear()
    resp = supervisor.post(base + "identitas/", follow=True)
    assert resp.status_code == 200
    assert b"kunci segel" in resp.content and IDENTITY_NAME.encode() not in resp.content
    assert not report.events.filter(kind="identity_opened").exists()


def test_installing_keys_never_replaces_a_different_key(refdata: None, settings: Any, tmp_path: Path) -> None:
    box = sealing.sealer()
    exported = keys_ops.export(tmp_path / "kunci.jnk", "frasa sandi yang panjang")
    assert exported.seal_ids == [box.current_id]
    with pytest.raises(BackupError, match="sudah ada"):
        keys_ops.export(tmp_path / "kunci.jnk", "frasa sandi yang panjang")
    read = keys_ops.read(tmp_path / "kunci.jnk", "frasa sandi yang panjang")
    assert keys_ops.install(read) == [f"kunci segel {box.current_id} sudah terpasang"]
    with pytest.raises(BackupError, match="Frasa sandi salah"):
        keys_ops.read(tmp_path / "kunci.jnk", "frasa sandi yang salah sekali")

    settings.INTAKE_SEAL_KEY_FILE = tmp_path / "baru" / "seal_key"
    load_sealer(settings.INTAKE_SEAL_KEY_FILE)  # a fresh installation that already made its own key
    with pytest.raises(BackupError, match="Sudah ada kunci segel lain"):
        keys_ops.install(read)
    settings.INTAKE_SEAL_KEY_FILE.unlink()
    done = keys_ops.install(read)
    assert any("dipasang" in line for line in done)
    assert load_sealer(settings.INTAKE_SEAL_KEY_FILE).current_id == box.current_id
