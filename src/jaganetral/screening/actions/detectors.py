"""Detectors: which model runs, registering one in monitor mode, switching it on, comparing it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaganetral.accounts import policy
from jaganetral.accounts.models import User
from jaganetral.core.audit import record
from jaganetral.reference.models import Election
from jaganetral.screening import permissions, selectors
from jaganetral.screening.errors import ScreeningError
from jaganetral.screening.models import DEFAULT_DETECTOR, Detector, DetectorKind
from jaganetral.screening.nlp import ElectionSpec, Pipeline
from jaganetral.screening.nlp.model import LinearModel
from jaganetral.screening.nlp.pipeline import THRESHOLD
from jaganetral.screening.selectors import election_spec


def model_path() -> Path:
    """Where ``jaganetral screening train`` writes the retrained model (the shipped one stays)."""
    return Path(settings.VAR_DIR) / "screening" / "stance_model.json"


def active_model() -> LinearModel | None:
    """The retrained model when there is one, else None (the pipeline then uses the shipped one)."""
    path = model_path()
    return LinearModel.load(path) if path.exists() else None


def detectors_dir() -> Path:
    """Model files of registered detectors, copied here so their SHA-256 stays true."""
    return Path(settings.VAR_DIR) / "screening" / "detectors"


def detector_pipeline(detector: Detector | None, election: Election | ElectionSpec) -> Pipeline:
    """The pipeline a detector runs: its own model file (checked against its SHA-256) and threshold;
    without a model file, the retrained model when there is one, else the shipped one. The election
    is a stored one or an election file's contestants (``classify --election FILE.yaml``)."""
    model: LinearModel | bool = True
    if detector is not None and detector.model_file:
        path = detectors_dir() / detector.model_file
        try:
            data = path.read_bytes()
        except OSError:
            raise ScreeningError(
                _("berkas model detektor %(name)s tidak ada: %(path)s")
                % {"name": detector.name, "path": path}
            ) from None
        if hashlib.sha256(data).hexdigest() != detector.model_sha256:
            raise ScreeningError(
                _("berkas model detektor %(name)s berubah sejak didaftarkan") % {"name": detector.name}
            )
        model = LinearModel.load(path)
    else:
        model = active_model() or True
    threshold = detector.threshold if detector is not None else THRESHOLD
    spec = election if isinstance(election, ElectionSpec) else election_spec(election)
    return Pipeline(spec, model=model, threshold=threshold)


@transaction.atomic
def register_detector(
    *,
    actor: User | None,
    name: str,
    model: Path | None = None,
    threshold: float = THRESHOLD,
    note: str = "",
) -> Detector:
    """Register a detector in monitor mode. Its model file is copied (named by its SHA-256) so
    what was compared is what runs once it is switched on. ``actor`` None is the command line."""
    if actor is not None:
        policy.require(actor, permissions.SWITCH_DETECTOR, refuse=ScreeningError)
    name = name.strip().lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", name):
        raise ScreeningError(_("nama detektor: huruf kecil, angka, - atau _ (maks 60)"))
    if name == DEFAULT_DETECTOR or Detector.objects.filter(name=name).exists():
        raise ScreeningError(_("detektor %(name)s sudah ada") % {"name": repr(name)})
    if not 0.0 < threshold < 1.0:
        raise ScreeningError(_("ambang harus di antara 0 dan 1"))
    model_file = digest = ""
    if model is not None:
        try:
            data = model.read_bytes()
            LinearModel.load(model)
        except OSError:
            raise ScreeningError(_("berkas model tidak dapat dibuka: %(path)s") % {"path": model}) from None
        except (ValueError, KeyError, TypeError):
            raise ScreeningError(_("berkas model tidak sah: %(path)s") % {"path": model}) from None
        digest = hashlib.sha256(data).hexdigest()
        model_file = f"{name}-{digest[:12]}.json"
        detectors_dir().mkdir(parents=True, exist_ok=True)
        (detectors_dir() / model_file).write_bytes(data)
    det = Detector.objects.create(
        name=name,
        kind=DetectorKind.MONITOR,
        threshold=threshold,
        model_file=model_file,
        model_sha256=digest,
        note=note.strip()[:200],
        seen_since=timezone.now(),
        created_by=actor,
    )
    record(
        "screening.register_detector",
        actor=actor,
        obj=det,
        name=name,
        threshold=threshold,
        model_sha256=digest,
    )
    return det


@transaction.atomic
def activate_detector(detector: Detector, *, actor: User | None) -> Detector:
    """Switch: this monitor-mode detector becomes the active one (its findings from now on go to
    the review queue); the one active until now goes to monitor mode, so it can be switched back.
    Findings already recorded keep their status."""
    if actor is not None and not selectors.can_switch_detector(actor):
        raise ScreeningError(_("hanya admin atau pengawas nasional yang dapat mengganti detektor aktif"))
    detector = Detector.objects.select_for_update().get(pk=detector.pk)
    if detector.kind == DetectorKind.ACTIVE:
        raise ScreeningError(_("detektor %(name)s sudah aktif") % {"name": detector.name})
    previous = Detector.objects.select_for_update().filter(kind=DetectorKind.ACTIVE).first()
    if previous is not None:
        previous.kind = DetectorKind.MONITOR
        previous.save(update_fields=["kind"])
        previous_name = previous.name
    else:
        # the built-in detector becomes a row so that it keeps running in monitor mode
        Detector.objects.get_or_create(
            name=DEFAULT_DETECTOR,
            defaults={"kind": DetectorKind.MONITOR, "threshold": THRESHOLD, "note": "bawaan"},
        )
        previous_name = DEFAULT_DETECTOR
    detector.kind = DetectorKind.ACTIVE
    detector.activated_at = timezone.now()
    detector.activated_by = actor
    detector.save(update_fields=["kind", "activated_at", "activated_by"])
    record(
        "screening.activate_detector",
        actor=actor,
        obj=detector,
        name=detector.name,
        previous=previous_name,
        model_sha256=detector.model_sha256,
    )
    return detector


def compare_detectors(election: Election, active: str, candidate: str) -> dict[str, int]:
    """How a monitor-mode detector's findings overlap with the active one's (all regions)."""
    result = selectors.compare_detectors(election, active, candidate)
    return {"both": result.both, "only_active": result.only_active, "only_candidate": result.only_candidate}
