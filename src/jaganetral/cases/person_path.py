"""Each reported civil servant's own path after Bawaslu's study, as one transition table. Pure Python.

A case names one or more civil servants, often of different agencies; BKN recommends and each PPK
decides per person, so each person moves on their own:

    under_review ─┬─> not_proven                       (the study found no violation for them)
                  ├─> stopped                          (the case was stopped or not registered)
                  └─> forwarded ─┬─> cleared           (BKN recommends no sanction)
                                 └─> recommended ─┬─> sanctioned            (the PPK decided)
                                                  └─> ppk_no_action ─┬─> sanctioned (late)
                                                                     └─> escalated ─┬─> sanctioned
                                                                                    └─> closed

While Bawaslu handles the case its own workflow (``cases/workflow.py``) moves; once it is forwarded
the case's state follows from its people (:func:`case_state`): it waits on BKN while anyone does,
then on the PPKs, and closes when every path has ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jaganetral.cases.workflow import State
from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.i18n import gettext_noop


class PersonState(StrEnum):
    UNDER_REVIEW = "under_review"
    NOT_PROVEN = "not_proven"
    STOPPED = "stopped"
    FORWARDED = "forwarded"
    CLEARED = "cleared"
    RECOMMENDED = "recommended"
    SANCTIONED = "sanctioned"
    PPK_NO_ACTION = "ppk_no_action"
    ESCALATED = "escalated"
    CLOSED = "closed"


P = PersonState
LABELS: dict[PersonState, str] = {
    P.UNDER_REVIEW: gettext_noop("Dalam penanganan Bawaslu"),
    P.NOT_PROVEN: gettext_noop("Tidak terbukti"),
    P.STOPPED: gettext_noop("Penanganan dihentikan"),
    P.FORWARDED: gettext_noop("Diteruskan, menunggu rekomendasi BKN"),
    P.CLEARED: gettext_noop("BKN tidak merekomendasikan sanksi"),
    P.RECOMMENDED: gettext_noop("Direkomendasikan, menunggu keputusan PPK"),
    P.SANCTIONED: gettext_noop("Sanksi dijatuhkan PPK"),
    P.PPK_NO_ACTION: gettext_noop("PPK tidak menindaklanjuti"),
    P.ESCALATED: gettext_noop("Ditindaklanjuti BKN (mis. pemblokiran data kepegawaian)"),
    P.CLOSED: gettext_noop("Ditutup tanpa keputusan PPK"),
}
TERMINAL = frozenset({P.NOT_PROVEN, P.STOPPED, P.CLEARED, P.SANCTIONED, P.CLOSED})
# the PPK may still decide after it missed its deadline, and after BKN followed up
AWAITING_PPK = frozenset({P.RECOMMENDED, P.PPK_NO_ACTION, P.ESCALATED})

AUTHORITY = frozenset({"authority", "admin"})
SANCTIONERS = frozenset({"agency", "authority", "admin"})
SYSTEM: frozenset[str] = frozenset()  # moved by the case's own steps (study, forwarding, stop), never by hand


@dataclass(frozen=True)
class Step:
    source: PersonState
    target: PersonState
    label: str
    roles: frozenset[str]
    needs_reason: bool = False

    @property
    def title(self) -> str:
        return _(self.label)


def _s(source: P, target: P, label: str, roles: frozenset[str], *, reason: bool = False) -> Step:
    return Step(source, target, label, roles, reason)


STEPS: tuple[Step, ...] = (
    _s(P.UNDER_REVIEW, P.NOT_PROVEN, gettext_noop("Kajian: tidak terbukti"), SYSTEM),
    _s(P.UNDER_REVIEW, P.STOPPED, gettext_noop("Penanganan dihentikan"), SYSTEM),
    _s(P.UNDER_REVIEW, P.FORWARDED, gettext_noop("Diteruskan ke BKN"), SYSTEM),
    _s(P.FORWARDED, P.RECOMMENDED, gettext_noop("Catat rekomendasi BKN"), AUTHORITY),
    _s(P.FORWARDED, P.CLEARED, gettext_noop("BKN: tidak ada sanksi"), AUTHORITY, reason=True),
    _s(P.RECOMMENDED, P.SANCTIONED, gettext_noop("Catat keputusan PPK"), SANCTIONERS),
    _s(P.RECOMMENDED, P.PPK_NO_ACTION, gettext_noop("PPK tidak menindaklanjuti"), AUTHORITY, reason=True),
    _s(P.PPK_NO_ACTION, P.SANCTIONED, gettext_noop("Catat keputusan PPK (terlambat)"), SANCTIONERS),
    _s(P.PPK_NO_ACTION, P.ESCALATED, gettext_noop("Tindak lanjut BKN (mis. blokir data)"), AUTHORITY),
    _s(P.ESCALATED, P.SANCTIONED, gettext_noop("Catat keputusan PPK"), SANCTIONERS),
    _s(P.ESCALATED, P.CLOSED, gettext_noop("Tutup tanpa keputusan PPK"), AUTHORITY, reason=True),
)  # fmt: skip
_BY_PAIR = {(s.source, s.target): s for s in STEPS}


class PathError(ValueError):
    """A refused step on a person's path; the message is for the person who asked."""


def label(state: PersonState) -> str:
    return _(LABELS[state])


def steps_from(state: PersonState, role: str | None = None) -> list[Step]:
    """The steps a role may take by hand from ``state`` (all hand steps when ``role`` is None)."""
    return [s for s in STEPS if s.source == state and s.roles and (role is None or role in s.roles)]


def check(source: PersonState, target: PersonState, *, role: str | None, reason: str = "") -> Step:
    """The step if allowed; ``role`` None is the case's own step (study, forwarding, stop)."""
    step = _BY_PAIR.get((source, target))
    if step is None:
        raise PathError(
            _("Terlapor berstatus “%(source)s” tidak dapat dipindah ke “%(target)s”.")
            % {"source": label(source), "target": label(target)}
        )
    if role is None:
        if step.roles:
            raise PathError(_("Langkah ini diambil oleh orang, bukan oleh sistem."))
    elif role not in step.roles:
        raise PathError(_("Peran Anda tidak berwenang untuk langkah “%(step)s”.") % {"step": step.title})
    if step.needs_reason and not reason.strip():
        raise PathError(_("Langkah “%(step)s” memerlukan alasan.") % {"step": step.title})
    return step


AFTER_FORWARDING = frozenset(
    {
        State.FORWARDED,
        State.RECOMMENDATION_RECEIVED,
        State.SANCTION_IMPOSED,
        State.PPK_NO_ACTION,
        State.ESCALATED,
    }
)


def roles_into(target: PersonState) -> frozenset[str]:
    """Every role that may take some step into ``target`` by hand."""
    return frozenset(r for s in STEPS if s.target == target for r in s.roles)


def case_state(current: State, people: Iterable[PersonState]) -> State:
    """The case's state once it is forwarded, from its people: waiting on BKN while anyone waits for
    a recommendation, then on a PPK, then on BKN's follow-up; closed when every path has ended.
    Before forwarding (and once closed) the case's own workflow decides: ``current`` is returned."""
    if current not in AFTER_FORWARDING:
        return current
    states = set(people)
    for waiting, state in (
        (P.FORWARDED, State.FORWARDED),
        (P.RECOMMENDED, State.RECOMMENDATION_RECEIVED),
        (P.PPK_NO_ACTION, State.PPK_NO_ACTION),
        (P.ESCALATED, State.ESCALATED),
    ):
        if waiting in states:
            return state
    return State.CLOSED if states else current
