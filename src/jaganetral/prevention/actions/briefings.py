"""Briefings (sosialisasi): record one with its quiz drawn from the current rulebook, and take
anonymous answers before and after."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.prevention import permissions, quiz, selectors
from jaganetral.prevention.errors import PreventionError
from jaganetral.prevention.models import Briefing, Phase, QuizResponse
from jaganetral.reference.models import Agency, Region
from jaganetral.rulebook import selectors as rulebook


@transaction.atomic
def record_briefing(
    *,
    actor: User,
    held_on: date,
    region: Region,
    agency: Agency | None,
    audience: str,
    materials: str = "",
    size: int = quiz.DEFAULT_SIZE,
) -> Briefing:
    policy.require(actor, permissions.BRIEFINGS, refuse=PreventionError)
    if not policy.covers(actor, region.code):
        raise PreventionError(_("Wilayah sosialisasi di luar cakupan wilayah Anda."))
    if agency is not None and not permissions.agencies_for(actor).filter(pk=agency.pk).exists():
        raise PreventionError(_("Anda tidak dapat mencatat sosialisasi untuk instansi ini."))
    version = rulebook.current_version()
    if version is None:
        raise PreventionError(_("Katalog aturan belum dimuat."))
    questions = quiz.draw(selectors.rule_sources(version), size=size, seed=secrets.randbelow(2**31))
    briefing = Briefing.objects.create(
        held_on=held_on,
        region=region,
        agency=agency,
        audience=audience.strip()[:300],
        materials=materials.strip()[:4000],
        rule_version=version,
        questions=[q.ref() for q in questions],
        created_by=actor,
    )
    if not policy.can_see(actor, briefing):
        raise PreventionError(_("Petugas instansi hanya dapat mencatat sosialisasi instansinya sendiri."))
    record("prevention.briefing_recorded", actor=actor, obj=briefing, questions=len(questions))
    return briefing


def answer(*, briefing: Briefing, phase: str, answers: list[Any]) -> QuizResponse:
    """Store one anonymous set of answers (``True`` allowed, ``False`` not allowed, ``None``
    skipped), nothing about who gave them."""
    if phase not in Phase.values:
        raise PreventionError(_("Tautan kuis tidak sah."))
    n = len(briefing.questions)
    clean = [a if isinstance(a, bool) else None for a in answers[:n]]
    clean += [None] * (n - len(clean))
    if all(a is None for a in clean):
        raise PreventionError(_("Jawab paling sedikit satu soal."))
    return QuizResponse.objects.create(briefing=briefing, phase=phase, answers=clean)
