"""The case workflow as one explicit transition table. Pure Python (no Django).

Each transition names who may take it (roles), whether a reason is required, which stop reasons
apply, and which facts about the case must hold (checked by the action layer, which knows the
database: e.g. a case cannot be registered without alleged rule codes).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from jaganetral.lib.i18n import gettext as _
from jaganetral.lib.i18n import gettext_noop


class State(StrEnum):
    RECEIVED = "received"
    INITIAL_REVIEW = "initial_review"
    NEEDS_COMPLETION = "needs_completion"
    REGISTERED = "registered"
    NOT_REGISTERED = "not_registered"
    CLARIFICATION = "clarification"
    STUDY = "study"
    FORWARDED = "forwarded"
    STOPPED = "stopped"
    RECOMMENDATION_RECEIVED = "recommendation_received"
    SANCTION_IMPOSED = "sanction_imposed"
    PPK_NO_ACTION = "ppk_no_action"
    ESCALATED = "escalated"
    CLOSED = "closed"


STATE_LABELS: dict[State, str] = {
    State.RECEIVED: gettext_noop("Diterima"),
    State.INITIAL_REVIEW: gettext_noop("Kajian awal"),
    State.NEEDS_COMPLETION: gettext_noop("Perlu dilengkapi"),
    State.REGISTERED: gettext_noop("Diregistrasi"),
    State.NOT_REGISTERED: gettext_noop("Tidak diregistrasi"),
    State.CLARIFICATION: gettext_noop("Klarifikasi"),
    State.STUDY: gettext_noop("Kajian"),
    State.FORWARDED: gettext_noop("Diteruskan ke otoritas"),
    State.STOPPED: gettext_noop("Dihentikan"),
    State.RECOMMENDATION_RECEIVED: gettext_noop("Rekomendasi otoritas diterima"),
    State.SANCTION_IMPOSED: gettext_noop("Sanksi dijatuhkan PPK"),
    State.PPK_NO_ACTION: gettext_noop("PPK tidak menindaklanjuti"),
    State.ESCALATED: gettext_noop("Dieskalasi"),
    State.CLOSED: gettext_noop("Ditutup"),
}


class StopReason(StrEnum):
    NOT_PROVEN = "not_proven"
    ELEMENTS_NOT_MET = "elements_not_met"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


STOP_REASON_LABELS: dict[StopReason, str] = {
    StopReason.NOT_PROVEN: gettext_noop("Tidak terbukti"),
    StopReason.ELEMENTS_NOT_MET: gettext_noop("Tidak memenuhi unsur"),
    StopReason.EXPIRED: gettext_noop("Daluwarsa"),
    StopReason.WITHDRAWN: gettext_noop("Dicabut sebelum registrasi"),
}

SUPERVISOR = frozenset({"supervisor", "admin"})
AUTHORITY = frozenset({"authority", "admin"})


@dataclass(frozen=True)
class Transition:
    source: State
    target: State
    label: str
    roles: frozenset[str] = SUPERVISOR
    needs_reason: bool = False
    stop_reasons: frozenset[StopReason] = frozenset()
    requires: frozenset[str] = field(default_factory=frozenset)

    @property
    def title(self) -> str:
        """The step's label in the active language."""
        return _(self.label)


def _t(source: State, target: State, label: str, **kw: object) -> Transition:
    return Transition(source, target, label, **kw)  # type: ignore[arg-type]


S = State
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.RECEIVED, S.INITIAL_REVIEW, gettext_noop("Mulai kajian awal")),
    _t(
        S.RECEIVED,
        S.STOPPED,
        gettext_noop("Hentikan (dicabut pelapor)"),
        needs_reason=True,
        stop_reasons=frozenset({StopReason.WITHDRAWN}),
        requires=frozenset({"has_reporter"}),
    ),
    _t(S.INITIAL_REVIEW, S.NEEDS_COMPLETION, gettext_noop("Minta pelapor melengkapi"), needs_reason=True),
    _t(
        S.INITIAL_REVIEW,
        S.REGISTERED,
        gettext_noop("Registrasi"),
        requires=frozenset({"has_rules", "has_reported_person"}),
    ),
    _t(S.INITIAL_REVIEW, S.NOT_REGISTERED, gettext_noop("Tidak diregistrasi"), needs_reason=True),
    _t(
        S.INITIAL_REVIEW,
        S.STOPPED,
        gettext_noop("Hentikan (dicabut pelapor)"),
        needs_reason=True,
        stop_reasons=frozenset({StopReason.WITHDRAWN}),
        requires=frozenset({"has_reporter"}),
    ),
    _t(S.NEEDS_COMPLETION, S.INITIAL_REVIEW, gettext_noop("Laporan sudah dilengkapi")),
    _t(S.NEEDS_COMPLETION, S.NOT_REGISTERED, gettext_noop("Tidak dilengkapi tepat waktu"), needs_reason=True),
    _t(
        S.NEEDS_COMPLETION,
        S.STOPPED,
        gettext_noop("Hentikan (dicabut pelapor)"),
        needs_reason=True,
        stop_reasons=frozenset({StopReason.WITHDRAWN}),
        requires=frozenset({"has_reporter"}),
    ),
    _t(S.REGISTERED, S.CLARIFICATION, gettext_noop("Mulai klarifikasi")),
    _t(S.REGISTERED, S.STUDY, gettext_noop("Langsung ke kajian")),
    _t(
        S.CLARIFICATION,
        S.STUDY,
        gettext_noop("Klarifikasi selesai, mulai kajian"),
        requires=frozenset({"has_clarification"}),
    ),
    _t(
        S.STUDY,
        S.FORWARDED,
        gettext_noop("Teruskan ke otoritas kepegawaian"),
        requires=frozenset({"has_study", "study_found_violation"}),
    ),
    _t(
        S.STUDY,
        S.STOPPED,
        gettext_noop("Hentikan penanganan"),
        needs_reason=True,
        requires=frozenset({"has_study"}),
        stop_reasons=frozenset({StopReason.NOT_PROVEN, StopReason.ELEMENTS_NOT_MET, StopReason.EXPIRED}),
    ),
    # After forwarding each civil servant moves on their own (cases/person_path.py) and the case's
    # state follows them; a case recorded before that (sanction imposed for the case as a whole)
    # is still closed by hand.
    _t(S.SANCTION_IMPOSED, S.CLOSED, gettext_noop("Tutup kasus"), roles=AUTHORITY | SUPERVISOR),
    _t(S.STOPPED, S.CLOSED, gettext_noop("Tutup kasus")),
    _t(S.NOT_REGISTERED, S.CLOSED, gettext_noop("Tutup kasus")),
)

_BY_PAIR: dict[tuple[State, State], Transition] = {(t.source, t.target): t for t in TRANSITIONS}
# facts that no later step can make true: a step that needs one the case lacks is not offered at all
STRUCTURAL_FACTS = frozenset({"has_reporter"})
FACT_MESSAGES = {
    "has_reporter": gettext_noop(
        "Kasus ini tidak berasal dari laporan: tidak ada pelapor yang dapat mencabutnya."
    ),
    "has_rules": gettext_noop("Pilih setidaknya satu aturan yang diduga dilanggar."),
    "has_reported_person": gettext_noop("Isi setidaknya satu ASN terlapor."),
    "has_clarification": gettext_noop(
        "Catat setidaknya satu sesi klarifikasi (termasuk yang tidak dihadiri)."
    ),
    "has_study": gettext_noop("Isi kajian beserta kesimpulannya."),
    "study_found_violation": gettext_noop(
        "Kesimpulan kajian tidak menyatakan pelanggaran; kasus tidak dapat diteruskan."
    ),
}


def state_label(state: State) -> str:
    """The state's name in the active language."""
    return _(STATE_LABELS[state])


def stop_label(reason: StopReason) -> str:
    return _(STOP_REASON_LABELS[reason])


class TransitionError(ValueError):
    """A refused transition; the message is for the person who asked, in Indonesian."""


def next_transitions(source: State, role: str | None = None) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and (role is None or role in t.roles)]


def check(
    source: State,
    target: State,
    *,
    role: str,
    reason: str = "",
    stop_reason: StopReason | None = None,
    facts: Collection[str] = (),
) -> Transition:
    """Return the transition if allowed, else raise TransitionError saying why."""
    transition = _BY_PAIR.get((source, target))
    if transition is None:
        raise TransitionError(
            _("Kasus berstatus “%(source)s” tidak dapat dipindah ke “%(target)s”.")
            % {"source": state_label(source), "target": state_label(target)}
        )
    if role not in transition.roles:
        raise TransitionError(
            _("Peran Anda tidak berwenang untuk langkah “%(step)s”.") % {"step": transition.title}
        )
    if transition.needs_reason and not reason.strip():
        raise TransitionError(_("Langkah “%(step)s” memerlukan alasan.") % {"step": transition.title})
    if transition.stop_reasons:
        if stop_reason not in transition.stop_reasons:
            allowed = ", ".join(stop_label(r) for r in sorted(transition.stop_reasons))
            raise TransitionError(_("Pilih alasan penghentian: %(allowed)s.") % {"allowed": allowed})
    elif stop_reason is not None:
        raise TransitionError(_("Alasan penghentian hanya untuk langkah penghentian."))
    missing = sorted(transition.requires - set(facts))
    if missing:
        raise TransitionError(" ".join(_(FACT_MESSAGES[m]) for m in missing))
    return transition


def roles_into(target: State) -> frozenset[str]:
    """Every role that may take some step into ``target`` (e.g. who records a recommendation)."""
    return frozenset(r for t in TRANSITIONS if t.target == target for r in t.roles)


def bulk_targets(role: str) -> list[State]:
    """The states a role may move several cases to at once (the bulk action of the case list):
    every target of a transition the role may take, except stops, whose stop reason is decided
    case by case. Whether each case may move is still checked per case."""
    targets = {t.target for t in TRANSITIONS if role in t.roles and not t.stop_reasons}
    return [s for s in State if s in targets]


TERMINAL = frozenset({State.CLOSED})
