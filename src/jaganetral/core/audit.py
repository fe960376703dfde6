"""The audit log: every write, export or read of sealed data records one row, in the transaction
of the action that did it. Core imports no other app of the project: the actor is whatever user
model the project configures, and an object is named by its model's label (``cases.case``)."""

from __future__ import annotations

from typing import Any

from django.db import models

from jaganetral.core.models import AuditEvent


def object_type_of(obj: models.Model | type[models.Model]) -> str:
    """How the audit log names a kind of object: the model's ``app_label.model`` label."""
    return obj._meta.label_lower


def record(
    action: str,
    *,
    actor: Any,
    obj: models.Model | type[models.Model] | None = None,
    object_id: object = None,
    **data: Any,
) -> AuditEvent:
    """Write an audit row. Call inside the action's transaction so both land or neither does.

    ``obj`` names the object acted on (its type is derived from its model, its id is its primary key
    unless ``object_id`` gives the key people use for it, e.g. an attachment's uid); a model class
    names the kind of objects a bulk write touched. An actor that is not a signed-in user (the
    anonymous reporter, a background job) is recorded as nobody.
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    instance = obj if isinstance(obj, models.Model) else None
    key = object_id if object_id is not None else (instance.pk if instance is not None else "")
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        object_type=object_type_of(obj) if obj is not None else "",
        object_id=str(key),
        data=data,
    )
