"""Takes letter numbers from many threads at once in a separate process against a real SQLite
*file* database (WAL, immediate transactions), the way ``jaganetral serve`` runs (the in-memory
test database cannot take concurrent writers).

    python -m tests.cases.letter_harness VAR_DIR N WORKERS   -> prints JSON: the numbers taken
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.intake.harness import _setup


def take_numbers(n: int, workers: int) -> list[str]:
    """``n`` numbers of one office's register, taken by ``workers`` threads at once, each in its
    own transaction with its own connection."""
    import datetime as dt
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections, transaction

    from jaganetral.cases.actions.letters import next_number
    from jaganetral.reference.models import Office

    office = Office(code="33.20", name="BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEPARA", city="Jepara")

    def one(_: int) -> str:
        try:
            with transaction.atomic():
                return next_number(office, "undangan", dt.date(2026, 12, 2))[1]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, range(n)))


if __name__ == "__main__":
    _setup(Path(sys.argv[1]))
    print(json.dumps(take_numbers(int(sys.argv[2]), int(sys.argv[3]))))
