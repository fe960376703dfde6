"""Attachments on timeline notes and clarification records: checked like intake evidence, hashed
into the timeline, scoped and audited downloads, and only "shareable" ones leave Bawaslu."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from PIL import Image

from jaganetral.accounts.models import User
from jaganetral.cases import actions
from jaganetral.cases.errors import CaseError
from jaganetral.cases.models import Case, CaseAttachment, CaseEvent, Clarification
from jaganetral.core.models import AuditEvent
from tests.cases.conftest import make_case, to_forwarded, walk
from tests.conftest import Personas
from tests.intake.conftest import PDF_BYTES, jpeg_with_gps, png_bytes, upload

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.CASES_ATTACHMENT_DIR)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _clarification_post(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "held_on": timezone.localdate().isoformat(),
        "place": "Kantor Bawaslu Jepara",
        "party_role_0": "terlapor",
        "party_name_0": "Budi Santoso",
        "party_attended_0": "on",
        "party_role_1": "saksi",
        "party_name_1": "Saksi Satu",
        "party_attended_1": "on",
        "statement": "Terlapor mengakui hadir.",
    }
    data.update(over)
    return data


def _in_clarification(personas: Personas) -> Case:
    return walk(make_case(personas.jepara), personas.jepara, "initial_review", "registered", "clarification")


def _api(personas: Personas, user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {personas.token(user)}")


# --- pages ----------------------------------------------------------------------------------


def test_clarification_with_files_hashes_them_into_the_timeline(personas: Personas) -> None:
    case = _in_clarification(personas)
    jepara = personas.client(personas.jepara)
    photo = jpeg_with_gps()
    resp = jepara.post(
        f"/petugas/kasus/{case.pk}/klarifikasi/",
        {
            **_clarification_post(),
            "files": [upload("BA klarifikasi.pdf", PDF_BYTES), upload("foto sesi.jpg", photo)],
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:500]
    record = Clarification.objects.get(case=case)
    rows = list(CaseAttachment.objects.filter(case=case).order_by("id"))
    assert [(a.name, a.kind, a.clarification_id) for a in rows] == [
        ("BA klarifikasi.pdf", "pdf", record.pk),
        ("foto sesi.jpg", "jpeg", record.pk),
    ]
    assert not rows[0].clean_path and rows[1].clean_path and not rows[1].shareable
    # name and SHA-256 are in the hashed payload of the event that recorded them
    event = CaseEvent.objects.get(case=case, kind="attachments_added")
    assert event.pk == rows[0].event_id == rows[1].event_id
    assert event.data["clarification"] == record.pk
    assert [(f["name"], f["sha256"]) for f in event.data["files"]] == [(a.name, a.sha256) for a in rows]
    assert len(_stored_files()) == 3  # PDF, JPEG original, JPEG clean copy
    page = jepara.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "BA klarifikasi.pdf" in page and "foto sesi.jpg" in page
    assert f"/petugas/kasus/{case.pk}/lampiran/{rows[1].uid}/?asli=1" in page

    # the default download of an image is the copy without EXIF/GPS, shown inline
    url = f"/petugas/kasus/{case.pk}/lampiran/{rows[1].uid}/"
    copy = jepara.get(url)
    assert copy.status_code == 200 and copy["Content-Disposition"].startswith("inline")
    assert "sandbox" in copy["Content-Security-Policy"]
    image = Image.open(io.BytesIO(b"".join(copy.streaming_content)))  # type: ignore[attr-defined]
    assert not image.getexif() and image.size == (32, 64)
    original = jepara.get(url + "?asli=1")
    assert b"".join(original.streaming_content) == photo  # type: ignore[attr-defined]
    assert original["Content-Disposition"].startswith("attachment")
    audits = AuditEvent.objects.filter(action="cases.attachment_downloaded", object_id=str(rows[1].uid))
    assert sorted(a.data["original"] for a in audits) == [False, True]
    call_command("audit", "verify")


def test_timeline_note_with_attachment_and_who_may_see_it(personas: Personas) -> None:
    case = make_case(personas.jepara)
    jepara = personas.client(personas.jepara)
    base = f"/petugas/kasus/{case.pk}/lampiran/"
    resp = jepara.post(
        base, {"note": "Tangkapan layar unggahan", "files": [upload("layar.png", png_bytes())]}
    )
    assert resp.status_code == 302
    att = CaseAttachment.objects.get(case=case)
    assert att.clarification_id is None and att.event.reason == "Tangkapan layar unggahan"
    url = f"{base}{att.uid}/"
    assert personas.client(personas.jateng).get(url).status_code == 200  # the province covers Jepara
    for who in (personas.jatim, personas.authority, personas.agency):
        c = personas.client(who)
        assert c.get(url).status_code == 404
        assert c.post(base, {"files": [upload("x.png", png_bytes())]}).status_code == 404
    for who in (personas.analyst, personas.custodian):
        c = personas.client(who)
        assert c.get(url).status_code == 403
        assert c.post(base, {"files": [upload("x.png", png_bytes())]}).status_code == 403
    assert jepara.get(f"{base}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert CaseAttachment.objects.count() == 1
    assert AuditEvent.objects.filter(action="cases.attachment_downloaded").count() == 1


def test_bad_and_oversized_uploads_leave_nothing_behind(personas: Personas, settings: Any) -> None:
    case = _in_clarification(personas)
    jepara = personas.client(personas.jepara)
    base = f"/petugas/kasus/{case.pk}/lampiran/"
    refused = [
        ([upload("virus.exe", b"MZ" + b"\0" * 100)], "tidak diterima"),
        ([upload("palsu.pdf", png_bytes())], "tidak cocok"),  # a PNG named .pdf
        ([upload("film.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 64)], "tidak diterima"),  # no video here
        ([upload("rusak.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64)], "rusak"),
        ([upload("kosong.pdf", b"")], "kosong"),
        ([], "paling sedikit satu berkas"),
    ]
    for files, message in refused:
        resp = jepara.post(base, {"files": files})
        assert resp.status_code == 400, message
        assert message in resp.content.decode()
    settings.CASES_ATTACHMENT_MAX_FILE_BYTES = 100
    resp = jepara.post(base, {"files": [upload("besar.png", png_bytes() + b"\0" * 200)]})
    assert resp.status_code == 400 and "terlalu besar" in resp.content.decode()
    settings.CASES_ATTACHMENT_MAX_FILE_BYTES = 10_000
    settings.CASES_ATTACHMENT_MAX_FILES = 2
    resp = jepara.post(base, {"files": [upload(f"{n}.png", png_bytes()) for n in range(3)]})
    assert resp.status_code == 400 and "Paling banyak 2 berkas" in resp.content.decode()
    # the announced request size is checked before anything is read
    settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES = 10
    resp = jepara.post(base, {"files": [upload("a.png", png_bytes())]}, CONTENT_LENGTH=str(3 * 1024 * 1024))
    assert resp.status_code == 413 and "terlalu besar" in resp.content.decode()
    resp = jepara.post(
        f"/petugas/kasus/{case.pk}/klarifikasi/",
        {**_clarification_post(), "files": [upload("a.png", png_bytes())]},
        CONTENT_LENGTH=str(3 * 1024 * 1024),
    )
    assert resp.status_code == 413
    settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES = 10_000_000
    # a note that is too long, and a clarification record of another case
    resp = jepara.post(base, {"note": "x" * 5000, "files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400
    other = _in_clarification(personas)
    actions.record_clarification(
        actor=personas.jepara,
        case=other,
        held_on=timezone.localdate(),
        place="Kantor",
        parties=[actions.PartyInput("saksi", "A", attended=True)],
    )
    foreign = Clarification.objects.get(case=other)
    resp = jepara.post(base, {"clarification": foreign.pk, "files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400 and "tidak ada pada kasus ini" in resp.content.decode()
    # a clarification refused by the workflow keeps none of its files
    walked = walk(make_case(personas.jepara), personas.jepara, "initial_review")
    resp = jepara.post(
        f"/petugas/kasus/{walked.pk}/klarifikasi/",
        {**_clarification_post(), "files": [upload("ba.pdf", PDF_BYTES)]},
    )
    assert resp.status_code == 400
    assert not CaseAttachment.objects.exists()
    assert not Clarification.objects.filter(case__in=(case, walked)).exists()
    assert _stored_files() == []


def test_file_names_are_cleaned(personas: Personas) -> None:
    case = make_case(personas.jepara)
    rows = actions.add_attachments(
        actor=personas.jepara,
        case=case,
        files=[upload("../../etc/\u202egpj.exe\x00 foto.png", png_bytes()), upload(".png", png_bytes())],
    )
    assert [r.name for r in rows] == ["gpj.exe foto.png", "lampiran.png"]
    assert all(str(case.pk) == r.path.split("/")[0] for r in rows)


def test_attachments_per_case_are_capped(personas: Personas, settings: Any) -> None:
    settings.CASES_ATTACHMENTS_PER_CASE = 2
    case = make_case(personas.jepara)
    actions.add_attachments(actor=personas.jepara, case=case, files=[upload("a.png", png_bytes())])
    with pytest.raises(CaseError, match="Paling banyak 2 lampiran"):
        actions.add_attachments(
            actor=personas.jepara, case=case, files=[upload(f"{n}.png", png_bytes()) for n in range(2)]
        )
    assert CaseAttachment.objects.count() == 1 and len(_stored_files()) == 2  # one PNG + its clean copy


def test_only_supervisors_attach(personas: Personas) -> None:
    case = to_forwarded(make_case(personas.jepara), personas.jepara)
    for who in (personas.authority, personas.agency):
        with pytest.raises(CaseError, match="tidak berwenang"):
            actions.add_attachments(actor=who, case=case, files=[upload("a.png", png_bytes())])
    assert _stored_files() == []


# --- the authority sees only what was marked shareable -------------------------------------


def test_shareable_attachments_reach_the_authority_and_the_referral_package(personas: Personas) -> None:
    case = _in_clarification(personas)
    actions.record_clarification_with_files(
        actor=personas.jepara,
        case=case,
        held_on=timezone.localdate(),
        place="Kantor Bawaslu Jepara",
        parties=[actions.PartyInput("pelapor", "", attended=True)],
        files=[upload("BA-pelapor-Siti.pdf", PDF_BYTES)],  # the reporter's own session: internal
    )
    [public] = actions.add_attachments(
        actor=personas.jepara,
        case=case,
        files=[upload("foto-kegiatan.jpg", jpeg_with_gps())],
        note="Foto kegiatan",
        shareable=True,
    )
    internal = CaseAttachment.objects.get(case=case, shareable=False)
    case = walk(case, personas.jepara, "study")
    actions.record_study(
        actor=personas.jepara, case=case, conclusion="Terbukti.", rules_found=["N1"], violation=True
    )
    case = walk(case, personas.jepara, "forwarded")

    bkn = personas.client(personas.authority)
    page = bkn.get(f"/petugas/kasus/{case.pk}/").content.decode()
    assert "foto-kegiatan.jpg" in page and "BA-pelapor-Siti" not in page
    assert bkn.get(f"/petugas/kasus/{case.pk}/lampiran/{internal.uid}/").status_code == 404
    assert bkn.get(f"/petugas/kasus/{case.pk}/lampiran/{public.uid}/").status_code == 200
    assert bkn.get(f"/petugas/kasus/{case.pk}/lampiran/{public.uid}/?asli=1").status_code == 403

    api = _api(personas, personas.authority)
    detail = api.get(f"/api/v1/cases/{case.pk}").json()
    assert [a["name"] for a in detail["attachments"]] == ["foto-kegiatan.jpg"]
    names = [
        f["name"] for e in detail["timeline"] if e["kind"] == "attachments_added" for f in e["data"]["files"]
    ]
    assert names == ["(dirahasiakan)", "foto-kegiatan.jpg"]
    sup = _api(personas, personas.jepara).get(f"/api/v1/cases/{case.pk}").json()
    assert [a["name"] for a in sup["attachments"]] == ["BA-pelapor-Siti.pdf", "foto-kegiatan.jpg"]

    resp = bkn.get(f"/petugas/kasus/{case.pk}/dokumen/paket-penerusan.zip")
    zf = zipfile.ZipFile(io.BytesIO(resp.content))
    names = zf.namelist()
    assert names[0] == "01-surat-penerusan.pdf" and names[-2:] == ["lampiran-01.jpg", "daftar-isi.csv"]
    assert not any(n.startswith("lampiran-02") for n in names)  # the internal one stays out
    assert not Image.open(io.BytesIO(zf.read("lampiran-01.jpg"))).getexif()
    manifest = zf.read("daftar-isi.csv").decode()
    assert f"asli sha256 {public.sha256}" in manifest
    for name in zf.namelist():
        data = zf.read(name)
        assert b"Siti" not in data and b"foto-kegiatan" not in data and internal.sha256.encode() not in data


# --- API ------------------------------------------------------------------------------------


def test_upload_and_download_through_the_api(personas: Personas) -> None:
    case = _in_clarification(personas)
    record = actions.record_clarification(
        actor=personas.jepara,
        case=case,
        held_on=timezone.localdate(),
        place="Kantor",
        parties=[actions.PartyInput("terlapor", "Budi", attended=False)],
    )
    sup = _api(personas, personas.jepara)
    url = f"/api/v1/cases/{case.pk}/attachments"
    resp = sup.post(
        url,
        {
            "files": [upload("ba.pdf", PDF_BYTES), upload("foto.webp", _webp())],
            "clarification": record.pk,
            "note": "BA ditandatangani",
            "shareable": "true",
        },
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert [(a["name"], a["clarification"], a["shareable"]) for a in body] == [
        ("ba.pdf", record.pk, True),
        ("foto.webp", record.pk, True),
    ]
    detail = sup.get(f"/api/v1/cases/{case.pk}").json()
    assert [a["uid"] for a in detail["attachments"]] == [a["uid"] for a in body]
    seq = body[0]["event_seq"]
    event = next(e for e in detail["timeline"] if e["seq"] == seq)
    assert event["kind"] == "attachments_added" and event["reason"] == "BA ditandatangani"
    assert {f["sha256"] for f in event["data"]["files"]} == {a["sha256"] for a in body}
    pdf = sup.get(body[0]["download"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="cases.attachment_downloaded").count() == 1

    for who in (personas.jatim, personas.analyst, personas.authority, personas.agency):
        c = _api(personas, who)
        assert c.get(body[0]["download"]).status_code == 404
        assert c.post(url, {"files": [upload("a.png", png_bytes())]}).status_code == 404
    assert sup.get(f"{url}/not-a-uuid").status_code in (404, 422)
    assert (
        sup.get(f"/api/v1/cases/{case.pk}/attachments/00000000-0000-0000-0000-000000000000").status_code
        == 404
    )
    assert CaseAttachment.objects.count() == 2


def test_api_refuses_bad_and_oversized_uploads(personas: Personas, settings: Any) -> None:
    case = make_case(personas.jepara)
    sup = _api(personas, personas.jepara)
    url = f"/api/v1/cases/{case.pk}/attachments"
    resp = sup.post(url, {"files": [upload("x.gif", b"GIF89a" + b"\0" * 20)]})
    assert resp.status_code == 400 and "tidak diterima" in resp.json()["detail"]
    resp = sup.post(url, {})
    assert resp.status_code == 400 and "berkas" in resp.json()["detail"]
    resp = sup.post(url, {"clarification": "abc", "files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400
    resp = sup.post(url, {"clarification": 999999, "files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400 and "tidak ada pada kasus ini" in resp.json()["detail"]
    settings.CASES_ATTACHMENT_MAX_FILE_BYTES = 50
    resp = sup.post(url, {"files": [upload("a.png", png_bytes())]})
    assert resp.status_code == 400 and "terlalu besar" in resp.json()["detail"]
    settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES = 10
    resp = sup.post(url, {"files": [upload("a.png", png_bytes())]}, CONTENT_LENGTH=str(2 * 1024 * 1024))
    assert resp.status_code == 413 and "terlalu besar" in resp.json()["detail"]
    assert not CaseAttachment.objects.exists() and _stored_files() == []
    # the authority may see the case once forwarded, but not attach to it
    forwarded = to_forwarded(make_case(personas.jepara), personas.jepara)
    settings.CASES_ATTACHMENT_MAX_FILE_BYTES = 10_000
    settings.CASES_ATTACHMENT_MAX_UPLOAD_BYTES = 10_000_000
    resp = _api(personas, personas.authority).post(
        f"/api/v1/cases/{forwarded.pk}/attachments", {"files": [upload("a.png", png_bytes())]}
    )
    assert resp.status_code == 403


# --- tampering ------------------------------------------------------------------------------


def test_verify_finds_an_edited_attachment_row_and_a_changed_file(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case(personas.jepara)
    [att] = actions.add_attachments(actor=personas.jepara, case=case, files=[upload("ba.pdf", PDF_BYTES)])
    call_command("audit", "verify", "--files")
    assert "OK: 1 kasus" in capsys.readouterr().out
    Path(settings.CASES_ATTACHMENT_DIR, att.path).write_bytes(PDF_BYTES.replace(b"1.4", b"1.5"))
    with pytest.raises(CommandError, match="1 lampiran tidak cocok"):
        call_command("audit", "verify", "--files")
    assert f"berkas lampiran {att.uid}" in capsys.readouterr().out
    call_command("audit", "verify")  # without --files the rows alone still agree
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {CaseAttachment._meta.db_table} SET name = %s WHERE id = %s",  # noqa: S608
            ["lain.pdf", att.pk],
        )
    with pytest.raises(CommandError, match="lampiran tidak cocok"):
        call_command("audit", "verify")
    assert f"lampiran {att.uid}" in capsys.readouterr().out


def _webp() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 200, 0)).save(buf, "WEBP")
    return buf.getvalue()
