from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jaganetral.core.models import AuditEvent
from jaganetral.rulebook import selectors
from jaganetral.rulebook.actions import load_rulebook, load_rulebook_text, load_shipped_rulebook
from jaganetral.rulebook.models import Rule, RuleVersion
from jaganetral.rulebook.rule_file import SHIPPED_FILE, RuleFileError, parse_rulebook

pytestmark = pytest.mark.django_db
RULES = len(parse_rulebook(SHIPPED_FILE.read_text(encoding="utf-8")).rules)
SHIPPED = SHIPPED_FILE.read_text(encoding="utf-8")


def _next_version(text: str, version: str, change: tuple[str, str] | None = None) -> str:
    out = text.replace('version: "2026.2"', f'version: "{version}"', 1)
    return out.replace(*change, 1) if change else out


def test_migrate_loads_the_shipped_versions_oldest_first() -> None:
    current = selectors.current_version()
    assert current is not None and current.version == "2026.2"
    # the earlier version stays loaded (cases cite it) but is not current
    assert list(RuleVersion.objects.order_by("version").values_list("version", "is_current")) == [
        ("2024.1", False),
        ("2026.1", False),
        ("2026.2", True),
    ]
    assert len(current.sanctions) > 10 and RuleVersion.objects.get(version="2024.1").sanctions == []
    assert Rule.objects.filter(version=current).count() == RULES
    e4 = selectors.rule_by_code(current, "e4")
    assert e4 is not None and e4.track == "etik" and "PP 42/2004" in str(e4.basis)


def test_loading_the_same_file_again_changes_nothing() -> None:
    before = (RuleVersion.objects.count(), Rule.objects.count(), AuditEvent.objects.count())
    outcome = load_shipped_rulebook()
    assert not outcome.created
    assert (RuleVersion.objects.count(), Rule.objects.count(), AuditEvent.objects.count()) == before


def test_a_new_version_becomes_current_and_the_old_rows_stay_as_they_were() -> None:
    old = selectors.current_version()
    assert old is not None
    cited = Rule.objects.get(version=old, code="D8")  # what an older case cites
    cited_pk, cited_title = cited.pk, cited.title
    changed = _next_version(
        SHIPPED, "2025.1", ("Mengadakan kegiatan yang berpihak", "Menyelenggarakan kegiatan yang berpihak")
    )
    outcome = load_rulebook_text(changed, actor=None, source="baru.yaml")
    assert outcome.created and outcome.version.is_current
    assert RuleVersion.objects.filter(is_current=True).count() == 1
    old.refresh_from_db()
    assert not old.is_current
    cited = Rule.objects.get(pk=cited_pk)
    assert cited.title == cited_title and cited.version_id == old.pk
    new_d8 = Rule.objects.get(version=outcome.version, code="D8")
    assert new_d8.title.startswith("Menyelenggarakan") and new_d8.pk != cited_pk
    event = AuditEvent.objects.filter(action="rulebook.load").latest("id")
    assert event.data["version"] == "2025.1" and event.data["rules"] == RULES


def test_same_version_with_different_content_is_refused_and_writes_nothing() -> None:
    before = (RuleVersion.objects.count(), Rule.objects.count(), AuditEvent.objects.count())
    changed = SHIPPED.replace("Memasang spanduk", "Memasang umbul-umbul", 1)
    with pytest.raises(RuleFileError, match="already loaded with different content"):
        load_rulebook_text(changed, actor=None)
    broken = _next_version(SHIPPED, "2025.2", ("track: etik", "track: sosial"))
    with pytest.raises(RuleFileError, match="track"):
        load_rulebook_text(broken, actor=None)
    assert (RuleVersion.objects.count(), Rule.objects.count(), AuditEvent.objects.count()) == before


def test_missing_and_non_text_files(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="not found"):
        load_rulebook(tmp_path / "tidak-ada.yaml", actor=None)
    binary = tmp_path / "biner.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(RuleFileError, match="not UTF-8"):
        load_rulebook(binary, actor=None)


def test_the_command_loads_checks_and_lists(tmp_path: Path) -> None:
    out = StringIO()
    call_command("rulebook", "load", stdout=out)
    assert "2026.2" in out.getvalue() and "tidak berubah" in out.getvalue()
    newer = tmp_path / "2025.yaml"
    newer.write_text(_next_version(SHIPPED, "2025.1"), encoding="utf-8")
    out = StringIO()
    call_command("rulebook", "load", str(newer), stdout=out)
    assert f"2025.1: {RULES} aturan (dimuat)" in out.getvalue()
    out = StringIO()
    call_command("rulebook", "versions", stdout=out)
    assert (
        "* 2025.1" in out.getvalue()
        and "  2026.2" in out.getvalue()
        and "  2026.1" in out.getvalue()
        and "  2024.1" in out.getvalue()
    )
    out = StringIO()
    call_command("rulebook", "check", "sy ngelike postingan capres 02 boleh gak?", stdout=out)
    assert '"verdict": "violation"' in out.getvalue() and '"E4"' in out.getvalue()
    with pytest.raises(CommandError, match="kosong"):
        call_command("rulebook", "check", "  ")
    bad = tmp_path / "rusak.yaml"
    bad.write_text("version: [", encoding="utf-8")
    with pytest.raises(CommandError, match=r"rusak.yaml, line \d+: not valid YAML"):
        call_command("rulebook", "load", str(bad))


def test_migrate_warns_but_does_not_fail_when_the_shipped_file_changed_without_a_new_version(
    caplog: pytest.LogCaptureFixture,
) -> None:
    RuleVersion.objects.filter(version="2026.2").update(sha256="0" * 64)  # as if the file was edited
    with caplog.at_level("WARNING", logger="jaganetral.rulebook.apps"):
        call_command("migrate", verbosity=0)
    assert "already loaded with different content" in caplog.text
    assert RuleVersion.objects.count() == 3
