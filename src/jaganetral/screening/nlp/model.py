"""A tiny linear stance model over *masked* tokens (contestants replaced by placeholders).

Inference is pure Python (a dict of feature -> per-class weights), so the shipped model is a small
JSON file and classification needs neither numpy nor scikit-learn. Training (``train``) uses
scikit-learn's logistic regression and exports the weights.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

CLASSES = ("none", "support", "attack")
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "data" / "stance_model.json"


def features(tokens: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of masked tokens."""
    feats = list(tokens)
    feats.extend(f"{a} {b}" for a, b in pairwise(tokens))
    return feats


@dataclass
class LinearModel:
    classes: tuple[str, ...]
    bias: list[float]
    weights: dict[str, list[float]]
    meta: dict[str, object]

    def predict_proba(self, tokens: Sequence[str]) -> list[float]:
        z = list(self.bias)
        w = self.weights
        k = len(z)
        if k == 3:  # the three classes unrolled; the same sums in the same order
            z0, z1, z2 = z
            for row in filter(None, map(w.get, set(features(tokens)))):
                z0 += row[0]
                z1 += row[1]
                z2 += row[2]
            z = [z0, z1, z2]
        else:
            self._add_rows(z, tokens)
        m = max(z)
        ex = [math.exp(v - m) for v in z]
        s = sum(ex)
        return [e / s for e in ex]

    def _add_rows(self, z: list[float], tokens: Sequence[str]) -> None:
        w = self.weights
        k = len(z)
        for f in set(features(tokens)):
            row = w.get(f)
            if row is not None:
                for j in range(k):
                    z[j] += row[j]

    def digest(self) -> str:
        cached = self.meta.get("_digest")
        if isinstance(cached, str):
            return cached
        value = hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:16]
        self.meta["_digest"] = value
        return value

    def to_json(self) -> str:
        return json.dumps(
            {
                "classes": list(self.classes),
                "bias": [round(b, 5) for b in self.bias],
                "weights": {f: [round(x, 4) for x in row] for f, row in sorted(self.weights.items())},
                "meta": {k: v for k, v in self.meta.items() if not k.startswith("_")},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            classes=tuple(data["classes"]),
            bias=[float(x) for x in data["bias"]],
            weights={k: [float(x) for x in v] for k, v in data["weights"].items()},
            meta=dict(data.get("meta") or {}),
        )


def load_default() -> LinearModel | None:
    if DEFAULT_MODEL_PATH.exists():
        return LinearModel.load(DEFAULT_MODEL_PATH)
    return None


def train(
    samples: Iterable[tuple[Sequence[str], str]],
    *,
    c: float = 2.0,
    min_df: int = 2,
    prune: float = 0.02,
    meta: dict[str, object] | None = None,
) -> LinearModel:
    """Fit multinomial logistic regression on (masked tokens, label in CLASSES); export weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    xs: list[dict[str, int]] = []
    ys: list[int] = []
    df: dict[str, int] = {}
    rows = []
    for toks, label in samples:
        fs = set(features(list(toks)))
        rows.append((fs, CLASSES.index(label)))
        for f in fs:
            df[f] = df.get(f, 0) + 1
    for fs, y in rows:
        xs.append({f: 1 for f in fs if df[f] >= min_df})
        ys.append(y)
    present = sorted(set(ys))
    if len(present) < 2:
        raise ValueError("training needs at least two classes")
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit(x, ys)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    intercept = clf.intercept_
    k = len(CLASSES)
    if len(present) == 2:  # binary: sklearn gives one row for the positive class
        coef_full = [[0.0] * len(names) for _ in range(k)]
        bias = [0.0] * k
        coef_full[present[1]] = list(coef[0])
        bias[present[1]] = float(intercept[0])
    else:
        coef_full = [[0.0] * len(names) for _ in range(k)]
        bias = [0.0] * k
        for row_i, cls_i in enumerate(present):
            coef_full[cls_i] = list(coef[row_i])
            bias[cls_i] = float(intercept[row_i])
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        row = [float(coef_full[ci][j]) for ci in range(k)]
        if max(abs(v) for v in row) >= prune:
            weights[str(name)] = row
    return LinearModel(CLASSES, bias, weights, dict(meta or {}))
