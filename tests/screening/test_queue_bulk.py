"""The review queue: the post's date, filters by region, agency and rule, and bulk confirm or
dismiss with one reason — each finding decided on its own, only inside the reviewer's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jaganetral.core.models import AuditEvent
from jaganetral.reference.models import Agency
from jaganetral.screening.models import AsnPerson, Finding, FindingStatus
from tests.screening.test_pages import findings  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_queue_shows_post_dates_and_filters(personas, findings) -> None:  # noqa: F811
    AsnPerson.objects.filter(name="Budi").update(agency=Agency.objects.get(code="pemkab-33-20"))
    c = personas.client(personas.analyst)
    url = reverse("screening:queue")
    page = c.get(url).content.decode()
    assert "data-posted" in page and "10-04-2019" in page
    assert "@budi" in page and "@siti" in page
    by_region = c.get(url, {"region": "35"}).content.decode()
    assert "@siti" in by_region and "@budi" not in by_region
    by_agency = c.get(url, {"agency": "pemkab-33-20"}).content.decode()
    assert "@budi" in by_agency and "@siti" not in by_agency
    rule = str(findings["budi"].rules[0]).split("/")[0]
    by_rule = c.get(url, {"rule": rule}).content.decode()
    assert "@budi" in by_rule
    assert "@budi" not in c.get(url, {"rule": "ZZ9"}).content.decode()
    # odd and oversized filter values are cut and answer an empty list, never an error
    for odd in ("x" * 5000, "<script>", "33.20'"):
        assert c.get(url, {"region": odd, "agency": odd, "rule": odd}).status_code == 200
    # a supervisor in Jepara cannot filter their way to East Java
    assert "@siti" not in personas.client(personas.jepara).get(url, {"region": "35"}).content.decode()


def test_bulk_dismiss_with_one_reason_and_bulk_confirm(personas, findings) -> None:  # noqa: F811
    c = personas.client(personas.analyst)
    bulk = reverse("screening:bulk")
    ids = [str(findings["budi"].pk), str(findings["siti"].pk)]
    # dismissing needs the one reason
    r = c.post(bulk, {"finding": ids, "decision": "dismiss", "reason": ""})
    assert r.status_code == 400 and "Alasan penolakan wajib" in r.content.decode()
    assert c.post(bulk, {"finding": ids, "decision": "meledak", "reason": "x"}).status_code == 400
    assert c.post(bulk, {"finding": ids, "decision": "dismiss", "reason": "x" * 3000}).status_code == 400
    assert c.post(bulk, {"finding": ["1"] * 51, "decision": "dismiss", "reason": "x"}).status_code == 400
    assert c.post(bulk, {"finding": ["abc"], "decision": "dismiss", "reason": "x"}).status_code == 400
    assert c.post(bulk, {"decision": "dismiss", "reason": "x"}).status_code == 400
    assert set(Finding.objects.values_list("status", flat=True)) == {FindingStatus.QUEUED}
    r = c.post(bulk, {"finding": [ids[1]], "decision": "dismiss", "reason": "bukan kampanye"})
    assert r.status_code == 302
    assert Finding.objects.get(pk=ids[1]).status == FindingStatus.DISMISSED
    assert Finding.objects.get(pk=ids[1]).reason == "bukan kampanye"
    r = c.post(bulk, {"finding": ids, "decision": "confirm", "reason": "jelas mendukung"})
    assert r.status_code == 302
    assert Finding.objects.get(pk=ids[0]).status == FindingStatus.CONFIRMED
    follow = c.get(r["Location"]).content.decode()
    assert "1 temuan dikonfirmasi" in follow and "sudah ditinjau" in follow  # the second was done before
    assert AuditEvent.objects.filter(action="screening.confirm").count() == 1


def test_bulk_only_inside_the_scope(personas, findings) -> None:  # noqa: F811
    bulk = reverse("screening:bulk")
    siti = str(findings["siti"].pk)
    r = personas.client(personas.jepara).post(bulk, {"finding": [siti], "decision": "dismiss", "reason": "x"})
    assert r.status_code == 404
    for who in (personas.custodian, personas.agency, personas.authority):
        r = personas.client(who).post(bulk, {"finding": [siti], "decision": "dismiss", "reason": "x"})
        assert r.status_code == 404
    assert Finding.objects.get(pk=siti).status == FindingStatus.QUEUED
