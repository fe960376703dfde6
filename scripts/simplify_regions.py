"""Make the map's GeoJSON shipped in src/jaganetral/insights/static/insights/geo/ from the boundary
files in ../shared/data/regions/ (MIT, Cahya DSN; see that folder's SOURCE.md): Douglas–Peucker
simplification, coordinates rounded, slivers dropped, regencies split per province. Run once by
hand when the boundaries change:

    uv run python scripts/simplify_regions.py ../shared/data/regions
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/jaganetral/insights/static/insights/geo"


def _dist(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify(points: list[list[float]], tol: float) -> list[list[float]]:
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, -1
        for i in range(start + 1, end):
            d = _dist(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if best > tol and index > 0:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))) / 2


def feature(f: dict, tol: float, min_area: float, digits: int) -> dict | None:
    geom = f["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            r = [[round(x, digits), round(y, digits)] for x, y in simplify(ring, tol)]
            if len(r) >= 4 and r[0] == r[-1]:
                rings.append(r)
        if rings:
            out.append(rings)
    if not out:
        return None
    out.sort(key=lambda p: -_area(p[0]))
    out = [out[0]] + [p for p in out[1:] if _area(p[0]) >= min_area]  # keep the main land, drop specks
    props = {"code": f["properties"]["kode"], "name": f["properties"]["nama"]}
    return {"type": "Feature", "properties": props, "geometry": {"type": "MultiPolygon", "coordinates": out}}


ATTRIBUTION = (
    "Batas wilayah: github.com/cahyadsn/wilayah_boundaries (MIT, (c) 2024 Cahya DSN), disederhanakan "
    "(Douglas-Peucker) oleh JagaNetral; lihat LICENSE-wilayah_boundaries.txt"
)


def write(path: Path, features: list[dict]) -> None:
    data = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def main(src: Path) -> None:
    provinces = json.loads((src / "provinsi_boundaries.geojson").read_text(encoding="utf-8"))
    feats = [x for f in provinces["features"] if (x := feature(f, 0.03, 0.01, 2))]
    write(OUT / "provinsi.json", feats)
    regencies = json.loads((src / "kabupaten_kota_boundaries.geojson").read_text(encoding="utf-8"))
    by_province: dict[str, list[dict]] = {}
    for f in regencies["features"]:
        x = feature(f, 0.005, 0.0005, 3)
        if x:
            by_province.setdefault(x["properties"]["code"][:2], []).append(x)
    for code, items in by_province.items():
        write(OUT / "kab" / f"{code}.json", items)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/regions"))
