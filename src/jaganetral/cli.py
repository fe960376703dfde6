"""The ``jaganetral`` command: Django's ``manage.py`` with the settings preset.

Project commands (each a management command; dashes may be used in their names):
  serve, web, migrate, load-reference, elections load FILE, calendar add-days DATE N,
  users create USERNAME --role ROLE, tick, worker, backup FILE, restore FILE,
  audit verify [--against FILE], audit export-heads
"""

from __future__ import annotations

import os
import sys

ALIASES = {"load-reference": "load_reference"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaganetral.settings")
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    from jaganetral.lib.envconf import SettingError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - import the settings now to report a bad variable clearly
    except SettingError as exc:
        print(f"jaganetral: invalid setting {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
