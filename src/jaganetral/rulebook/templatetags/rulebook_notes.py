"""Footnotes under a rule's legal basis: where its sources come from, regulation text first.

A rule's ``sources`` mix the text of a regulation (pasal.id, peraturan.bpk.go.id, JDIH sites), news
copies of a regulation whose text is not published in full (SKB 2022 Lampiran II) and internal notes.
The public answer cites the regulation text when there is one; news sites only where no regulation
text exists; internal notes never.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

REGULATION_TEXT_SITES = ("pasal.id", "peraturan.bpk.go.id", "peraturan.go.id", "jdih.", "jdihn.go.id")
INTERNAL = (".md",)


def is_regulation_text(source: str) -> bool:
    return any(site in source.split()[0] for site in REGULATION_TEXT_SITES) if source.strip() else False


def source_notes_for(sources: list[str]) -> list[str]:
    """The sources to show as footnotes (see the module docstring)."""
    public = [s for s in sources if s.strip() and not any(mark in s.split()[0] for mark in INTERNAL)]
    texts = [s for s in public if is_regulation_text(s)]
    return texts or public


@register.filter
def source_notes(rule: Any) -> list[str]:
    return source_notes_for(list(getattr(rule, "sources", None) or []))
