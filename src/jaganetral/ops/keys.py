"""The installation's secret keys on their way into and out of a backup: exported only on request,
into a passphrase-protected file (:mod:`jaganetral.lib.keyfile`), and installed again on restore
without ever replacing a different key that is already there."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from jaganetral.lib import crypto, keyfile, signing
from jaganetral.ops.backup import BackupError


def export(path: Path, passphrase: str) -> keyfile.Keys:
    seal = crypto.find_keys(settings.INTAKE_SEAL_KEY_FILE)
    if seal is None:
        raise BackupError(_("Belum ada kunci segel untuk diekspor."))
    sign = signing.find_key(settings.AUDIT_SIGNING_KEY_FILE)
    keys = keyfile.Keys(
        seal=list(seal),
        signing=signing.seed_of(sign) if sign is not None else None,
        seal_ids=[crypto.key_id(k) for k in seal],
        signing_id=signing.public_id(sign) if sign is not None else "",
    )
    try:
        text = keyfile.dumps(keys, passphrase)
    except keyfile.KeyFileError as exc:
        raise BackupError(str(exc)) from None
    if path.exists():
        raise BackupError(_("%(path)s sudah ada; pilih nama lain.") % {"path": path})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
    return keys


def read(path: Path, passphrase: str) -> keyfile.Keys:
    try:
        return keyfile.loads(path.read_text(encoding="ascii", errors="replace"), passphrase)
    except OSError as exc:
        raise BackupError(_("Berkas kunci tidak dapat dibaca: %(err)s") % {"err": exc.strerror}) from None
    except keyfile.KeyFileError as exc:
        raise BackupError(str(exc)) from None


def install(keys: keyfile.Keys) -> list[str]:
    """Put the keys where this installation looks for them. A key already configured is kept when it
    is the same, and refused (nothing written) when it is different."""
    done: list[str] = []
    if not keys.seal:
        raise BackupError(_("Berkas kunci ini tidak memuat kunci segel."))
    wanted = {crypto.key_id(k) for k in keys.seal}
    current = crypto.find_keys(settings.INTAKE_SEAL_KEY_FILE)
    seal_path = crypto.seal_key_path(settings.INTAKE_SEAL_KEY_FILE)
    if current is not None:
        have = {crypto.key_id(k) for k in current}
        if not wanted <= have:
            where = seal_path or "JAGANETRAL_SEAL_KEY"
            raise BackupError(
                _(
                    "Sudah ada kunci segel lain di %(where)s (%(have)s); kunci dari berkas (%(want)s) "
                    "tidak dipasang. Pindahkan kunci itu lebih dulu."
                )
                % {"where": where, "have": ", ".join(sorted(have)), "want": ", ".join(sorted(wanted))}
            )
        done.append(_("kunci segel %(ids)s sudah terpasang") % {"ids": ", ".join(sorted(wanted))})
    sign_current = signing.find_key(settings.AUDIT_SIGNING_KEY_FILE)
    sign_key = signing.Ed25519PrivateKey.from_private_bytes(keys.signing) if keys.signing else None
    if (
        sign_key is not None
        and sign_current is not None
        and signing.public_id(sign_current) != signing.public_id(sign_key)
    ):
        raise BackupError(
            _("Sudah ada kunci penanda tangan audit lain di %(path)s; pindahkan lebih dulu.")
            % {"path": signing.key_path(settings.AUDIT_SIGNING_KEY_FILE)}
        )
    if current is None:
        if seal_path is None:  # pragma: no cover - find_keys reads JAGANETRAL_SEAL_KEY
            raise BackupError("JAGANETRAL_SEAL_KEY")
        crypto.write_key_file(seal_path, tuple(keys.seal))
        done.append(
            _("kunci segel %(ids)s dipasang di %(path)s")
            % {"ids": ", ".join(sorted(wanted)), "path": seal_path}
        )
    if sign_key is not None and sign_current is None:
        path = signing.key_path(settings.AUDIT_SIGNING_KEY_FILE)
        signing.write_key(path, sign_key)
        done.append(
            _("kunci penanda tangan audit %(id)s dipasang di %(path)s")
            % {"id": signing.public_id(sign_key), "path": path}
        )
    return done
