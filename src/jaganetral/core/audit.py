"""The audit log: every write, export or read of sealed data records one row, in the transaction
of the action that did it. Core imports no other app of the project: the actor is whatever user
model the project configures, and an object is named by its model's label (``cases.case``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from jaganetral.core.models import AuditEvent
from jaganetral.lib import hashchain


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


@dataclass(frozen=True)
class LogHead:
    """The audit log up to row ``last_id``: how many rows, and a hash chained over all of them."""

    last_id: int
    count: int
    digest: str


DIGEST_FIELDS = ("pk", "created_at", "actor_id", "action", "object_type", "object_id", "data")


def row_payload(row: tuple[Any, ...]) -> dict[str, Any]:
    pk, created_at, actor_id, action, object_type, object_id, data = row
    return {
        "id": pk,
        "at": created_at.isoformat(),
        "actor": actor_id,
        "action": action,
        "type": object_type,
        "object": object_id,
        "data": data,
    }


def log_head(upto_id: int | None = None) -> LogHead:
    """Chain every audit row (in id order, up to ``upto_id``) into one hash: an export of the head
    shows later whether any of those rows was changed, removed or added afterwards. Deleting a user
    sets its rows' actor to nobody and so changes the head: staff accounts are deactivated, not
    deleted."""
    rows = AuditEvent.objects.order_by("pk")
    if upto_id is not None:
        rows = rows.filter(pk__lte=upto_id)
    digest, count, last = hashchain.GENESIS, 0, 0
    for row in rows.values_list(*DIGEST_FIELDS).iterator(chunk_size=5000):
        digest = hashchain.link(digest, row_payload(row))
        count += 1
        last = row[0]
    return LogHead(last_id=upto_id if upto_id is not None else last, count=count, digest=digest)
