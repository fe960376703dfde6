from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jaganetral.reference.election_file import ElectionFileError, parse_election
from jaganetral.reference.models import Election
from jaganetral.screening import actions, selectors
from jaganetral.screening.models import Detector, Platform
from jaganetral.screening.nlp import ElectionSpec, Pipeline
from jaganetral.screening.nlp.corpora import shared_data_dir
from jaganetral.screening.nlp.pipeline import THRESHOLD
from jaganetral.screening.nlp.postio import (
    POST_FIELDS,
    InputError,
    PostReader,
    evaluate,
    open_text,
    post_mapping,
    read_records,
    required_columns,
    run_dask,
    run_local,
    text_stream,
    write_jsonl,
)
from jaganetral.screening.selectors import election_spec

_NO_DATABASE = _lazy("basis data belum disiapkan: jalankan dulu `jaganetral migrate` (atau `make run`)")


def _election(code: str) -> Election:
    try:
        election = Election.objects.filter(code=code).first()
    except DatabaseError:
        raise CommandError(_NO_DATABASE) from None
    if election is None:
        raise CommandError(
            _(
                "pemilihan %(code)s belum dimuat (jaganetral load-reference / elections load), "
                "atau berikan berkas pemilihan: --election berkas.yaml"
            )
            % {"code": repr(code)}
        )
    return election


def _election_or_file(value: str) -> Election | ElectionSpec:
    """``--election`` is a stored election's code or an election YAML file (validated as
    ``elections load`` does, nothing stored): classify and evaluate then need no database."""
    path = Path(value)
    if path.suffix.lower() not in (".yaml", ".yml"):
        return _election(value)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("berkas pemilihan tidak dapat dibaca: %(path)s (%(reason)s)") % {"path": path, "reason": exc}
        ) from None
    try:
        parsed = parse_election(text, source=str(path))
    except ElectionFileError as exc:
        raise CommandError(str(exc)) from None
    return ElectionSpec.from_dict(parsed.model_dump())


def _pipeline(value: str) -> Pipeline:
    """The active detector's pipeline; with an election file and no database, the built-in one."""
    election = _election_or_file(value)  # a stored election's code has reached the database already
    try:
        detector = selectors.active_detector()
    except DatabaseError:
        detector = None
    return actions.detector_pipeline(detector, election)


class Command(BaseCommand):
    help = (
        "Penyaringan unggahan media sosial: classify, evaluate, train, import-asn, import-posts, scan, "
        "compare, detectors, detector-add, detector-activate, purge."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("classify", help="nilai unggahan dari berkas, tulis JSONL")
        c.add_argument("--election", required=True)
        c.add_argument("--input", required=True, type=Path)
        c.add_argument("--format", choices=["csv", "jsonl", "tweet-harvest"], default="csv")
        c.add_argument("--id-column", default="id")
        c.add_argument("--text-column", default="text")
        c.add_argument("--output", required=True, type=Path)
        c.add_argument("--engine", choices=["local", "dask"], default="local")
        c.add_argument("--scheduler", default=None, help="alamat penjadwal Dask, mis. tcp://10.0.0.5:8786")
        c.add_argument(
            "--workers", type=int, default=2, help="jumlah worker LocalCluster bila tanpa --scheduler"
        )
        c.add_argument("--partition-size", type=int, default=5000, help="unggahan per partisi (dask)")
        e = sub.add_parser("evaluate", help="presisi, recall, F1, tingkat tandai terhadap kolom label")
        e.add_argument("--election", required=True)
        e.add_argument("--input", required=True, type=Path)
        e.add_argument("--format", choices=["csv", "jsonl", "tweet-harvest"], default="csv")
        e.add_argument("--id-column", default="id")
        e.add_argument("--text-column", default="text")
        e.add_argument("--label-column", required=True)
        t = sub.add_parser("train", help="latih ulang model dari keputusan peninjau")
        t.add_argument(
            "--output", type=Path, default=None, help="standar: VAR_DIR/screening/stance_model.json"
        )
        t.add_argument("--everyday", type=Path, default=None, help="folder shared/data (everyday_tweets)")
        a = sub.add_parser(
            "import-asn", help="impor ASN dari CSV/XLSX (nip,nama,instansi,jabatan,wilayah,akun)"
        )
        a.add_argument("file", type=Path)
        p = sub.add_parser(
            "import-posts", help="impor unggahan (tweet-harvest CSV, atau CSV/JSONL + pemetaan)"
        )
        p.add_argument("file", type=Path)
        p.add_argument("--format", choices=["csv", "jsonl", "tweet-harvest"], default="tweet-harvest")
        p.add_argument(
            "--map", action="append", default=[], help="bidang=kolom, mis. text=isi (boleh berulang)"
        )
        p.add_argument(
            "--platform",
            choices=Platform.values,
            default=Platform.X,
            help="platform akun di berkas csv/jsonl (tweet-harvest selalu x)",
        )
        s = sub.add_parser(
            "scan",
            help="saring unggahan akun ASN terdaftar untuk satu pemilihan (detektor aktif ke antrean, "
            "detektor mode pantau hanya dicatat)",
        )
        s.add_argument("--election", required=True)
        s.add_argument("--detector", default=None, help="hanya detektor ini")
        s.add_argument(
            "--monitor",
            action="store_true",
            help="catat temuan tanpa memasukkan ke antrean, atas semua unggahan tersimpan",
        )
        cmp_ = sub.add_parser("compare", help="bandingkan temuan detektor mode pantau dengan yang aktif")
        cmp_.add_argument("--election", required=True)
        cmp_.add_argument("--active", default=None, help="standar: detektor yang aktif")
        cmp_.add_argument("--candidate", required=True)
        sub.add_parser("detectors", help="daftar detektor (aktif dan mode pantau)")
        da = sub.add_parser("detector-add", help="daftarkan detektor baru dalam mode pantau")
        da.add_argument("name")
        da.add_argument("--model", type=Path, default=None, help="berkas model JSON (mis. hasil train)")
        da.add_argument("--threshold", type=float, default=THRESHOLD)
        da.add_argument("--note", default="")
        dx = sub.add_parser("detector-activate", help="jadikan detektor mode pantau sebagai detektor aktif")
        dx.add_argument("name")
        sub.add_parser("purge", help="hapus unggahan mentah yang melewati masa simpan")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            getattr(self, "_" + opts["action"].replace("-", "_"))(opts)
        except (InputError, actions.ScreeningError) as exc:
            raise CommandError(str(exc)) from None

    def _progress(self, n: int) -> None:
        sys.stderr.write("\r" + _("%(n)s unggahan") % {"n": f"{n:,}"})
        sys.stderr.flush()

    def _classify(self, opts: dict[str, Any]) -> None:
        election = _election_or_file(opts["election"])
        spec = election if isinstance(election, ElectionSpec) else election_spec(election)
        model = actions.active_model()
        with open_text(opts["input"]) as fh, opts["output"].open("w", encoding="utf-8") as out:
            records = read_records(
                fh, opts["format"], id_column=opts["id_column"], text_column=opts["text_column"]
            )
            if opts["engine"] == "dask":
                results = run_dask(
                    spec,
                    records,
                    scheduler=opts["scheduler"],
                    workers=opts["workers"],
                    chunk_size=max(1, min(opts["partition_size"], 100_000)),
                    model=model,
                )
            else:
                results = run_local(spec, records, model=model)
            n = write_jsonl(results, out, self._progress)
        done = _("selesai: %(n)s unggahan -> %(path)s") % {"n": f"{n:,}", "path": opts["output"]}
        sys.stderr.write(f"\r{done}\n")

    def _evaluate(self, opts: dict[str, Any]) -> None:
        pipe = _pipeline(opts["election"])
        with open_text(opts["input"]) as fh:
            records = read_records(
                fh,
                opts["format"],
                id_column=opts["id_column"],
                text_column=opts["text_column"],
                label_column=opts["label_column"],
            )
            result = evaluate(pipe, records)
        self.stdout.write(json.dumps(result))

    def _train(self, opts: dict[str, Any]) -> None:
        root = opts["everyday"]
        if root is not None and not (root / "corpora" / "everyday_tweets").exists():
            self.stderr.write(
                _("%(path)s: tidak ada corpora/everyday_tweets; dilatih tanpa contoh sehari-hari")
                % {"path": root}
            )
            root = None
        elif root is None:
            guess = shared_data_dir(Path(__file__).resolve())
            root = guess if (guess / "corpora" / "everyday_tweets").exists() else None
        info = actions.train_from_labels(out=opts["output"] or actions.model_path(), everyday_root=root)
        self.stdout.write(json.dumps(info, default=str))

    def _import_asn(self, opts: dict[str, Any]) -> None:
        path: Path = opts["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("berkas tidak dapat dibuka: %(path)s") % {"path": path}) from exc
        report = actions.import_asn(actions.read_table(path.name, data), actor=None)
        if report.errors:
            raise CommandError(_("tidak ada yang diimpor:") + "\n" + "\n".join(report.errors[:200]))
        self.stdout.write(_("%(c)d ASN baru, %(u)d diperbarui") % {"c": report.created, "u": report.updated})

    def _import_posts(self, opts: dict[str, Any]) -> None:
        mapping = {}
        for item in opts["map"]:
            key, sep, col = item.partition("=")
            if not sep or key not in POST_FIELDS:
                raise CommandError(_("pemetaan tidak sah: %(item)s (bidang=kolom)") % {"item": repr(item)})
            mapping[key] = col
        fmt = opts["format"]
        cols = post_mapping(fmt, mapping)
        platform = Platform.X if fmt == "tweet-harvest" else opts["platform"]
        path: Path = opts["file"]
        try:
            size = path.stat().st_size
            raw = path.open("rb")
        except OSError as exc:
            raise CommandError(
                _("berkas tidak dapat dibuka: %(path)s (%(reason)s)") % {"path": path, "reason": exc.strerror}
            ) from None

        def progress(n: int, report: actions.ImportReport) -> None:
            # bytes read so far against the file size: a bar without counting the rows first
            pct = min(raw.tell(), size) * 100 // max(size, 1)
            bar = "#" * (pct // 4)
            counts = _("%(rows)s baris, %(new)s unggahan baru") % {
                "rows": f"{n:,}",
                "new": f"{report.created:,}",
            }
            sys.stderr.write(f"\r[{bar:<25}] {pct:3d}%  {counts}")
            sys.stderr.flush()

        with raw, text_stream(raw) as fh:
            rows = PostReader(fh, fmt, required=required_columns(fmt, cols))
            report = actions.import_posts(
                rows, actor=None, mapping=cols, platform=platform, progress=progress
            )
        sys.stderr.write("\n")
        self.stdout.write(
            _(
                "%(new)d unggahan baru, %(skipped)d sudah ada, "
                "%(unregistered)d dari akun yang tidak terdaftar (tidak disimpan)"
            )
            % {"new": report.created, "skipped": report.skipped, "unregistered": report.unregistered}
        )
        for err in report.errors[:20]:
            self.stderr.write(err)
        if report.error_rows > 20:
            self.stderr.write(_("... %(n)d baris salah seluruhnya") % {"n": report.error_rows})

    def _scan(self, opts: dict[str, Any]) -> None:
        n = actions.screen_posts(
            _election(opts["election"]), actor=None, detector=opts["detector"], monitor=opts["monitor"]
        )
        self.stdout.write(_("%(n)d temuan baru") % {"n": n})

    def _compare(self, opts: dict[str, Any]) -> None:
        active = opts["active"] or selectors.active_detector_name()
        result = selectors.compare_detectors(_election(opts["election"]), active, opts["candidate"])
        self.stdout.write(json.dumps(result.as_dict()))

    def _detectors(self, opts: dict[str, Any]) -> None:
        if selectors.active_detector() is None:
            self.stdout.write("\t".join((selectors.active_detector_name(), _("aktif"), _("(bawaan)"))))
        for d in Detector.objects.order_by("kind", "name"):
            threshold = _("ambang %(threshold)s") % {"threshold": f"{d.threshold:g}"}
            model = d.model_sha256[:12] or _("model bawaan")
            self.stdout.write("\t".join((d.name, str(d.get_kind_display()), threshold, model, d.note)))

    def _detector_add(self, opts: dict[str, Any]) -> None:
        det = actions.register_detector(
            actor=None, name=opts["name"], model=opts["model"], threshold=opts["threshold"], note=opts["note"]
        )
        self.stdout.write(_("detektor %(name)s terdaftar dalam mode pantau") % {"name": det.name})

    def _detector_activate(self, opts: dict[str, Any]) -> None:
        det = Detector.objects.filter(name=opts["name"]).first()
        if det is None:
            raise CommandError(_("detektor %(name)s tidak ada") % {"name": repr(opts["name"])})
        actions.activate_detector(det, actor=None)
        self.stdout.write(_("detektor %(name)s sekarang aktif") % {"name": det.name})

    def _purge(self, opts: dict[str, Any]) -> None:
        self.stdout.write(_("%(n)d unggahan dihapus") % {"n": actions.purge_expired_posts()})
