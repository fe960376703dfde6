"""Office profiles: the office file, the fall-back from a regency to its province and the national
office, and the page staff admins edit them on (wrong role, wrong region, bad and oversized input)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from jaganetral.core.models import AuditEvent
from jaganetral.reference.actions import DEMO_OFFICES, set_offices_from_file
from jaganetral.reference.models import Office
from jaganetral.reference.office_file import OfficeFileError, parse_offices
from jaganetral.reference.selectors import office_chain, office_for

pytestmark = pytest.mark.django_db

JEPARA = """
offices:
  - code: "33.20"
    name: BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA
    address: Jl. Contoh 1, Jepara
    city: Jepara
    email: jepara@bawaslu.invalid
    signatories:
      - {name: Ahmad Hakim, title: Ketua Bawaslu Kabupaten Jepara}
      - {name: Sri Utami, title: Koordinator Sekretariat, nip: "198609262015051001"}
"""


def _png(size: int = 40) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (10, 20, 90)).save(out, format="PNG")
    return out.getvalue()


def test_office_chain_goes_up_to_national() -> None:
    assert office_chain("33.20.01") == ["33.20", "33", ""]
    assert office_chain("33") == ["33", ""]
    assert office_chain("") == [""]


def test_file_sets_offices_and_fall_back(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "kantor.yaml"
    path.write_text(JEPARA, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(_png())
    path.write_text(
        JEPARA.replace("    city: Jepara", "    city: Jepara\n    logo: logo.png"), encoding="utf-8"
    )
    call_command("offices", "set", str(path))
    jepara = office_for("33.20.01")
    assert jepara.name == "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA"
    assert jepara.city == "Jepara"
    assert jepara.signer == {"name": "Ahmad Hakim", "title": "Ketua Bawaslu Kabupaten Jepara", "nip": ""}
    assert jepara.signatories[1]["nip"] == "198609262015051001"
    assert jepara.logo_type == "image/png" and jepara.logo_data_uri.startswith("data:image/png;base64,")
    # Kudus has no profile and neither has Central Java: the national default
    assert office_for("33.19").code == ""
    assert AuditEvent.objects.filter(action="reference.office_saved").count() == 1


def test_json_is_read_too(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "kantor.json"
    path.write_text(
        '{"offices": [{"code": "33", "name": "BADAN PENGAWAS PEMILIHAN UMUM PROVINSI JAWA TENGAH",'
        ' "city": "Semarang"}]}',
        encoding="utf-8",
    )
    set_offices_from_file(path)
    assert office_for("33.19").city == "Semarang"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("offices:\n  - {code: '33.20.01', name: BAWASLU KECAMATAN, city: X}\n", "at most one dot"),
        ("offices:\n  - {code: '33.20', name: BAWASLU JEPARA, city: Jepara, email: bukan}\n", "e-mail"),
        ("offices:\n  - {code: '33.20', name: BW, city: Jepara}\n", "name"),
        (
            "offices:\n  - {code: '33.20', name: BAWASLU JEPARA, city: Jepara,"
            " signatories: [{name: Ani Rahayu, title: Ketua, nip: '123'}]}\n",
            "nip",
        ),
        (
            "offices:\n  - {code: '33.20', name: BAWASLU JEPARA, city: Jepara}\n"
            "  - {code: '33.20', name: BAWASLU JEPARA, city: Jepara}\n",
            "twice",
        ),
    ],
)
def test_bad_office_files_name_the_problem(text: str, needle: str) -> None:
    with pytest.raises(OfficeFileError, match=needle):
        parse_offices(text, "kantor.yaml")


def test_unknown_region_and_logo_outside_the_folder(refdata: None, tmp_path: Path) -> None:
    path = tmp_path / "kantor.yaml"
    path.write_text("offices:\n  - {code: '99.99', name: BAWASLU ENTAH, city: Entah}\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"99\.99"):
        call_command("offices", "set", str(path))
    path.write_text(
        "offices:\n  - {code: '33.20', name: BAWASLU JEPARA, city: Jepara, logo: ../logo.png}\n",
        encoding="utf-8",
    )
    with pytest.raises(OfficeFileError, match="beside"):
        set_offices_from_file(path)
    assert not Office.objects.exists()


def test_demo_offices_load_and_never_overwrite(refdata: None) -> None:
    set_offices_from_file(DEMO_OFFICES, only_missing=True)
    jepara = Office.objects.get(code="33.20")
    assert jepara.name == "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA"
    assert jepara.city == "Jepara" and jepara.signer["name"]
    assert Office.objects.get(code="33.22").city == "Ungaran"  # Kabupaten Semarang's seat
    assert Office.objects.filter(code__startswith="33.").count() == 35
    Office.objects.filter(code="33.20").update(city="Diubah admin")
    set_offices_from_file(DEMO_OFFICES, only_missing=True)
    assert Office.objects.get(code="33.20").city == "Diubah admin"


# --- the page ---------------------------------------------------------------------------------


def _post(**extra: object) -> dict[str, object]:
    return {
        "name": "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA",
        "address": "Jl. Contoh 1",
        "city": "Jepara",
        "email": "jepara@bawaslu.invalid",
        "sig1_name": "Ahmad Hakim",
        "sig1_title": "Ketua Bawaslu Kabupaten Jepara",
        "sig1_nip": "",
        **extra,
    }


def test_admin_edits_an_office(personas) -> None:  # type: ignore[no-untyped-def]
    c = personas.client(personas.admin)
    page = c.get("/petugas/kasus/kantor/33.20/")
    assert page.status_code == 200
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA" in page.content.decode()  # the default name
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    r = c.post("/petugas/kasus/kantor/33.20/", {**_post(), "logo": logo})
    assert r.status_code == 302
    office = Office.objects.get(code="33.20")
    assert (
        office.city == "Jepara" and office.signer["name"] == "Ahmad Hakim" and office.logo_type == "image/png"
    )
    listing = c.get("/petugas/kasus/kantor/").content.decode()
    assert "KABUPATEN JEPARA" in listing
    assert c.get("/petugas/kasus/kantor/?kode=33.20").status_code == 302


def test_wrong_people_are_refused(personas) -> None:  # type: ignore[no-untyped-def]
    from jaganetral.accounts.actions import create_user

    for user in (personas.authority, personas.custodian, personas.agency, personas.analyst):
        c = personas.client(user)
        assert c.get("/petugas/kasus/kantor/").status_code == 403
        assert c.post("/petugas/kasus/kantor/33.20/", _post()).status_code == 403
    # a regency's supervisor: only their own office, not the province's or a neighbour's
    c = personas.client(personas.jepara)
    assert c.get("/petugas/kasus/kantor/33/").status_code == 404
    assert c.post("/petugas/kasus/kantor/33.19/", _post()).status_code == 404
    assert c.get("/petugas/kasus/kantor/nasional/").status_code == 404
    assert personas.client(personas.jatim).post("/petugas/kasus/kantor/33.20/", _post()).status_code == 404
    assert personas.client(personas.admin).get("/petugas/kasus/kantor/33.20/").status_code == 200
    jatim_admin = create_user(
        actor=None, username="admin-jatim", role="admin", region="35", password="x" * 20
    )
    c = personas.client(jatim_admin)
    assert c.post("/petugas/kasus/kantor/33.20/", _post()).status_code == 404  # outside the scope
    assert c.get("/petugas/kasus/kantor/nasional/").status_code == 404  # national: national admins only
    assert not Office.objects.exists()
    assert personas.client(personas.jepara).post("/petugas/kasus/kantor/33.20/", _post()).status_code == 302
    assert Office.objects.get().code == "33.20"
    anonymous = personas.client(personas.admin)
    anonymous.logout()
    assert anonymous.get("/petugas/kasus/kantor/").status_code == 302  # to the log-in


def test_bad_and_oversized_input(personas) -> None:  # type: ignore[no-untyped-def]
    c = personas.client(personas.admin)
    r = c.post("/petugas/kasus/kantor/33.20/", _post(city=""))
    assert r.status_code == 400 and "Kota tempat surat" in r.content.decode()
    r = c.post("/petugas/kasus/kantor/33.20/", _post(sig1_nip="12345"))
    assert r.status_code == 400 and "Penanda tangan 1" in r.content.decode()
    assert "Ahmad Hakim" in r.content.decode()  # what was typed is kept
    fake = SimpleUploadedFile("logo.png", b"bukan gambar" * 10, content_type="image/png")
    r = c.post("/petugas/kasus/kantor/33.20/", {**_post(), "logo": fake})
    assert r.status_code == 400
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * 400_000, content_type="image/png")
    r = c.post("/petugas/kasus/kantor/33.20/", {**_post(), "logo": big})
    assert r.status_code in (400, 413) and "300 KB" in r.content.decode()
    assert c.get("/petugas/kasus/kantor/99.99/").status_code == 404
    assert c.get("/petugas/kasus/kantor/bukan-kode/").status_code == 404
    assert not Office.objects.exists()
