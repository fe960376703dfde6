"""Every write of the screening app, one module per topic: :mod:`.people` (ASN registry and
accounts), :mod:`.posts` (importing posts from a file), :mod:`.imports` (import jobs run by the
worker), :mod:`.runs` (screening runs), :mod:`.detectors` (which model runs, monitor mode) and
:mod:`.review` (decisions on findings, snooze, retention, retraining). Post files are read by the
pure :mod:`jaganetral.screening.nlp.postio`."""

from jaganetral.screening.actions.detectors import (
    activate_detector,
    active_model,
    compare_detectors,
    detector_pipeline,
    detectors_dir,
    model_path,
    register_detector,
)
from jaganetral.screening.actions.imports import (
    INLINE_IMPORT_BYTES,
    MAX_JOB_ERRORS,
    MAX_POST_FILE_BYTES,
    PROGRESS_EVERY,
    STALE_IMPORT,
    _job_update,
    fail_stale_imports,
    imports_dir,
    run_post_import,
    start_post_import,
)
from jaganetral.screening.actions.people import (
    ASN_COLUMNS,
    HANDLE,
    MAX_IMPORT_ROWS,
    add_account,
    import_asn,
    normalize_handle,
    read_table,
    record_access,
    remove_account,
    update_person,
)
from jaganetral.screening.actions.posts import (
    MAX_COLUMN_NAME,
    MAX_REPORTED_ERRORS,
    clean_mapping,
    import_posts,
)
from jaganetral.screening.actions.review import (
    RETENTION_DAYS,
    confirm_finding,
    create_temuan_case,
    dismiss_finding,
    purge_expired_posts,
    snooze_account,
    train_from_labels,
)
from jaganetral.screening.actions.runs import (
    in_period,
    pipeline_for,
    screen_new_posts,
    screen_posts,
)
from jaganetral.screening.errors import ImportReport, ScreeningError

# the post-file reader is pure (screening/nlp/postio.py); these names stay importable from here
from jaganetral.screening.nlp.postio import (
    GENERIC_MAP,
    POST_FIELDS,
    TWEET_HARVEST_MAP,
    PostReader,
    post_mapping,
    required_columns,
)

__all__ = [
    "ASN_COLUMNS",
    "GENERIC_MAP",
    "HANDLE",
    "INLINE_IMPORT_BYTES",
    "MAX_COLUMN_NAME",
    "MAX_IMPORT_ROWS",
    "MAX_JOB_ERRORS",
    "MAX_POST_FILE_BYTES",
    "MAX_REPORTED_ERRORS",
    "POST_FIELDS",
    "PROGRESS_EVERY",
    "RETENTION_DAYS",
    "STALE_IMPORT",
    "TWEET_HARVEST_MAP",
    "ImportReport",
    "PostReader",
    "ScreeningError",
    "_job_update",
    "activate_detector",
    "active_model",
    "add_account",
    "clean_mapping",
    "compare_detectors",
    "confirm_finding",
    "create_temuan_case",
    "detector_pipeline",
    "detectors_dir",
    "dismiss_finding",
    "fail_stale_imports",
    "import_asn",
    "import_posts",
    "imports_dir",
    "in_period",
    "model_path",
    "normalize_handle",
    "pipeline_for",
    "post_mapping",
    "purge_expired_posts",
    "read_table",
    "record_access",
    "register_detector",
    "remove_account",
    "required_columns",
    "run_post_import",
    "screen_new_posts",
    "screen_posts",
    "snooze_account",
    "start_post_import",
    "train_from_labels",
    "update_person",
]
