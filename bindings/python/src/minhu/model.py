"""The learned text model: hashed character n-grams -> tf-idf -> a linear classifier.

This module is the Python half of a contract whose C++ half is
``libdispatch/include/minhu/model.hpp``; both must compute the same numbers (the parity test
checks them to 1e-5). Training needs numpy, scipy and scikit-learn; reading a model and scoring
need numpy and scipy.

Features of a petition (``model_text``):
  1. ``normalize(title)`` and ``normalize(text)`` with minhu's own normaliser, joined by
     ``"\\n"`` (an empty title is left out). The normaliser never emits ``"\\n"`` inside a field.
  2. For every field, every n-gram of ``n`` code points (``ngram_min <= n <= ngram_max``) inside
     the field; its order is ``g = n - ngram_min``. N-grams never cross fields.
  3. ``key = 0; for cp in ngram: key = (key + cp + 1) * 0x9E3779B97F4A7C15 mod 2**64``;
     ``bucket = (((key ^ (key >> 29)) * 0xD6E8FEB86659FD93) mod 2**64) >> (64 - bits)``.
  4. Per (order, bucket): ``count``; ``tf = 1 + ln(count)`` (sublinear) or ``count``;
     ``v = tf * idf[bucket]``. Buckets without an idf (no row in the file) are ignored.
  5. ``x = alpha[g] * v / ||v_g||_2`` with the norm over the pairs of order ``g`` (per-order
     normalisation), or ``alpha[g] * v / ||(alpha[g'] * v_g')||_2`` over all pairs (l2), or
     ``alpha[g] * v`` (neither); nothing when the norm is 0.
  6. ``z_k = intercept_k + sum over pairs (g, b) of x_gb * w_bk`` (one weight row per bucket,
     shared by the orders); probabilities ``softmax(z)``.

idf and weights are stored quantised (``idf = u8 * idf_scale``, ``w_bk = i8 * scale_k``); both
sides compute with the dequantised values, so quantisation costs accuracy (measured by the
cross-validation, which scores the quantised model) but never parity.

Model file (little-endian, documented in docs/ruleset-format.md)::

    char[8]  magic "MINHUTM1"
    u32      format version (2)
    u32      hash bits k (1..24)
    u32      ngram_min, u32 ngram_max (1 <= min <= max <= 8)
    u32      flags: bit 0 sublinear tf, bit 1 l2 normalisation, bit 2 per-order normalisation
    u32      number of classes C (>= 2)
    u32      number of rows R
    C times  u32 length + UTF-8 bytes: the category id of class c
    f64[C]   intercepts
    f64[C]   weight scales
    f64      idf scale
    f64[G]   order weights alpha (G = ngram_max - ngram_min + 1)
    R times  u32 bucket (strictly increasing, < 2**k), u8 idf, i8[C] weights
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

MAGIC = b"MINHUTM1"
FORMAT_VERSION = 2
FLAG_SUBLINEAR = 1
FLAG_L2 = 2
FLAG_PER_ORDER = 4

KEY_PRIME = 0x9E3779B97F4A7C15
MIX = 0xD6E8FEB86659FD93
_M64 = (1 << 64) - 1


def ngram_key(ngram: str) -> int:
    """The 64-bit key of an n-gram (a str of code points)."""
    k = 0
    for ch in ngram:
        k = ((k + ord(ch) + 1) * KEY_PRIME) & _M64
    return k


def bucket_of(ngram: str, bits: int) -> int:
    """The feature bucket of one n-gram among ``2**bits``."""
    k = ngram_key(ngram)
    return (((k ^ (k >> 29)) * MIX) & _M64) >> (64 - bits)


def model_text(title: str, text: str, normalize: Callable[[str], str]) -> str:
    """What the model reads: the normalised title and text joined by a newline."""
    parts = [normalize(title or ""), normalize(text or "")]
    return "\n".join(p for p in parts if p)


class Hasher:
    """Maps normalised texts to ``{(order, bucket): count}``; caches n-gram buckets."""

    def __init__(self, bits: int, ngram_min: int = 1, ngram_max: int = 2):
        if not (1 <= bits <= 24):
            raise ValueError("bits must be in 1..24")
        if not (1 <= ngram_min <= ngram_max <= 8):
            raise ValueError("need 1 <= ngram_min <= ngram_max <= 8")
        self.bits, self.ngram_min, self.ngram_max = bits, ngram_min, ngram_max
        self._cache: dict[str, int] = {}

    @property
    def orders(self) -> int:
        return self.ngram_max - self.ngram_min + 1

    def counts(self, normalized: str) -> dict[tuple, int]:
        out: dict[tuple, int] = {}
        cache, bits = self._cache, self.bits
        lo, hi = self.ngram_min, self.ngram_max
        for seg in normalized.split("\n"):
            n_cp = len(seg)
            for i in range(n_cp):
                for n in range(lo, hi + 1):
                    if i + n > n_cp:
                        break
                    g = seg[i:i + n]
                    b = cache.get(g)
                    if b is None:
                        b = cache[g] = bucket_of(g, bits)
                    k = (n - lo, b)
                    out[k] = out.get(k, 0) + 1
        return out


@dataclass
class TextModel:
    """A trained model: what the file holds. ``idf`` and ``weights`` are the dequantised values
    (float64 of u8 × idf_scale and i8 × scale) the C++ core computes with."""

    labels: list[str]
    bits: int
    ngram_min: int
    ngram_max: int
    sublinear: bool
    norm: str  # "per_order", "l2" or "none"
    alpha: "object"  # numpy float64 [G]
    intercept: "object"  # numpy float64 [C]
    buckets: "object"  # numpy uint32 [R], increasing
    idf_q: "object"  # numpy uint8 [R]
    idf_scale: float
    weights_q: "object"  # numpy int8 [R, C]
    scale: "object"  # numpy float64 [C]
    _hasher: Hasher | None = field(default=None, repr=False, compare=False)
    _row: dict | None = field(default=None, repr=False, compare=False)

    @property
    def orders(self) -> int:
        return self.ngram_max - self.ngram_min + 1

    @property
    def idf(self):
        import numpy as np
        return self.idf_q.astype(np.float64) * self.idf_scale

    @property
    def weights(self):
        import numpy as np
        return self.weights_q.astype(np.float64) * np.asarray(self.scale, dtype=np.float64)[None, :]

    # -- file ------------------------------------------------------------------------------
    def _flags(self) -> int:
        return ((FLAG_SUBLINEAR if self.sublinear else 0)
                | {"per_order": FLAG_PER_ORDER, "l2": FLAG_L2, "none": 0}[self.norm])

    @staticmethod
    def _rec(C: int):
        import numpy as np
        return np.dtype([("bucket", "<u4"), ("idf", "u1"), ("w", "i1", (C,))])

    def to_bytes(self) -> bytes:
        import numpy as np

        C = len(self.labels)
        R = len(self.buckets)
        out = [MAGIC, struct.pack("<7I", FORMAT_VERSION, self.bits, self.ngram_min,
                                  self.ngram_max, self._flags(), C, R)]
        for lab in self.labels:
            b = lab.encode("utf-8")
            out.append(struct.pack("<I", len(b)) + b)
        out.append(np.asarray(self.intercept, dtype="<f8").tobytes())
        out.append(np.asarray(self.scale, dtype="<f8").tobytes())
        out.append(struct.pack("<d", float(self.idf_scale)))
        out.append(np.asarray(self.alpha, dtype="<f8").tobytes())
        rows = np.zeros(R, dtype=self._rec(C))
        rows["bucket"] = self.buckets
        rows["idf"] = self.idf_q
        rows["w"] = self.weights_q
        out.append(rows.tobytes())
        return b"".join(out)

    def save(self, path: str) -> None:
        with open(path, "wb") as f:
            f.write(self.to_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> "TextModel":
        import numpy as np

        if data[:8] != MAGIC:
            raise ValueError("not a minhu text model (bad magic)")
        version, bits, nmin, nmax, flags, C, R = struct.unpack_from("<7I", data, 8)
        if version != FORMAT_VERSION:
            raise ValueError(f"unknown model format version {version} (this minhu reads "
                             f"version {FORMAT_VERSION}; retrain older models)")
        off = 8 + 28
        labels = []
        for _ in range(C):
            (n,) = struct.unpack_from("<I", data, off)
            labels.append(data[off + 4:off + 4 + n].decode("utf-8"))
            off += 4 + n
        intercept = np.frombuffer(data, dtype="<f8", count=C, offset=off).astype(np.float64)
        off += 8 * C
        scale = np.frombuffer(data, dtype="<f8", count=C, offset=off).astype(np.float64)
        off += 8 * C
        (idf_scale,) = struct.unpack_from("<d", data, off)
        off += 8
        G = nmax - nmin + 1
        alpha = np.frombuffer(data, dtype="<f8", count=G, offset=off).astype(np.float64)
        off += 8 * G
        rec = cls._rec(C)
        if off + rec.itemsize * R != len(data):
            raise ValueError("model file has trailing or missing bytes")
        rows = np.frombuffer(data, dtype=rec, count=R, offset=off)
        norm = "per_order" if flags & FLAG_PER_ORDER else "l2" if flags & FLAG_L2 else "none"
        return cls(labels, bits, nmin, nmax, bool(flags & FLAG_SUBLINEAR), norm, alpha,
                   intercept, rows["bucket"].astype(np.uint32), rows["idf"].astype(np.uint8),
                   float(idf_scale), rows["w"].astype(np.int8), scale)

    @classmethod
    def load(cls, path: str) -> "TextModel":
        with open(path, "rb") as f:
            return cls.from_bytes(f.read())

    # -- scoring (the reference implementation of the C++ inference) -----------------------
    @property
    def hasher(self) -> Hasher:
        if self._hasher is None:
            self._hasher = Hasher(self.bits, self.ngram_min, self.ngram_max)
        return self._hasher

    def _rows(self) -> dict:
        if self._row is None:
            self._row = {int(b): i for i, b in enumerate(self.buckets)}
        return self._row

    def features(self, normalized_texts: Iterable[str]):
        """CSR matrix [n, R]: steps 1-5 of the module doc, on texts made by ``model_text``."""
        import numpy as np
        import scipy.sparse as sp

        row_of = self._rows()
        idf = self.idf
        alpha = [float(a) for a in self.alpha]
        indptr, indices, data = [0], [], []
        for t in normalized_texts:
            groups: list[list] = [[] for _ in range(self.orders)]
            for (g, b), c in self.hasher.counts(t).items():
                r = row_of.get(b)
                if r is None or self.idf_q[r] == 0:
                    continue
                tf = 1.0 + math.log(c) if self.sublinear else float(c)
                groups[g].append((r, tf * idf[r]))
            if self.norm == "l2":
                total = math.sqrt(sum((alpha[g] * v) ** 2 for g in range(self.orders)
                                      for _, v in groups[g]))
            for g, pairs in enumerate(groups):
                if self.norm == "per_order":
                    n = math.sqrt(sum(v * v for _, v in pairs))
                    f = alpha[g] / n if n > 0 else 0.0
                elif self.norm == "l2":
                    f = alpha[g] / total if total > 0 else 0.0
                else:
                    f = alpha[g]
                for r, v in pairs:
                    indices.append(r)
                    data.append(v * f)
            indptr.append(len(indices))
        X = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)),
                          shape=(len(indptr) - 1, len(self.buckets)))
        X.sum_duplicates()
        return X

    def predict_proba(self, normalized_texts: Sequence[str]):
        """Probabilities [n, C] in ``labels`` order."""
        return _softmax(self.features(normalized_texts) @ self.weights + self.intercept[None, :])

    def predict(self, normalized_texts: Sequence[str]) -> list[str]:
        p = self.predict_proba(normalized_texts)
        return [self.labels[i] for i in p.argmax(axis=1)]


def _softmax(z):
    import numpy as np

    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# -- training -----------------------------------------------------------------------------
@dataclass
class TrainOptions:
    bits: int = 20
    ngram_min: int = 1
    ngram_max: int = 2
    sublinear: bool = True
    norm: str = "per_order"  # "per_order", "l2" or "none"
    alpha: Optional[Sequence[float]] = None  # per order; None: 0.5 for unigrams, 1 for others
    min_df: int = 2
    # "logreg" (multinomial logistic regression) or "svm" (LinearSVC, scores scaled by a softmax
    # temperature fitted out-of-fold). `python -m minhu.tune train` defaults to svm with C = 1,
    # which the bundled TipDM model uses; this API keeps logistic regression as its default.
    classifier: str = "logreg"
    C: float = 100.0
    max_iter: int = 2000
    tol: float = 1e-4
    class_weight: Optional[str] = "balanced"  # weight classes by inverse frequency, or None
    calibration_folds: int = 3  # svm: out-of-fold scores fit the softmax temperature

    def alphas(self) -> list:
        G = self.ngram_max - self.ngram_min + 1
        if self.alpha is None:
            return [0.5 if self.ngram_min + g == 1 else 1.0 for g in range(G)]
        a = list(self.alpha)
        if len(a) != G:
            raise ValueError(f"need {G} order weights (one per n-gram order), got {len(a)}")
        return [float(v) for v in a]


def count_matrix(hasher: Hasher, normalized_texts: Sequence[str], progress=None):
    """Raw n-gram counts: a list with one CSR [n, 2**bits] per order."""
    import numpy as np
    import scipy.sparse as sp

    G = hasher.orders
    parts = [([0], [], []) for _ in range(G)]
    for t in normalized_texts:
        for (g, b), c in hasher.counts(t).items():
            parts[g][1].append(b)
            parts[g][2].append(c)
        for indptr, indices, _ in parts:
            indptr.append(len(indices))
        if progress is not None:
            progress.update(1)
    out = []
    for indptr, indices, data in parts:
        m = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)),
                          shape=(len(indptr) - 1, 1 << hasher.bits))
        m.sort_indices()
        out.append(m)
    return out


def take_rows(counts, rows):
    """The count matrices of a subset of petitions."""
    return [m[rows] for m in counts]


def _quantize_idf(idf):
    import numpy as np

    scale = float(idf.max()) / 255.0 if len(idf) and idf.max() > 0 else 1.0
    q = np.clip(np.rint(idf / scale), 1, 255).astype(np.uint8)
    return q, scale


def _quantize_weights(W):
    import numpy as np

    top = np.abs(W).max(axis=0) if len(W) else np.zeros(W.shape[1])
    scale = np.where(top > 0, top / 127.0, 1.0)
    q = np.clip(np.rint(W / scale[None, :]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float64)


def _fit_linear(X, yi, n_classes: int, opts: TrainOptions):
    """(W [R, C], b [C]) of the classifier on features X; classes absent from yi never win."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if opts.classifier == "svm":
        clf = LinearSVC(C=opts.C, max_iter=opts.max_iter, tol=opts.tol,
                        class_weight=opts.class_weight)
    elif opts.classifier == "logreg":
        clf = LogisticRegression(C=opts.C, max_iter=opts.max_iter, tol=opts.tol,
                                 class_weight=opts.class_weight)
    else:
        raise ValueError(f"unknown classifier {opts.classifier!r} (svm or logreg)")
    clf.fit(X, yi)
    W = np.zeros((X.shape[1], n_classes))
    b = np.full(n_classes, -1e4)  # a class absent from this training set can never win
    present = clf.classes_
    if len(present) == 2:  # one score: positive for present[1]
        W[:, present[1]] = clf.coef_[0]
        b[present[1]] = clf.intercept_[0]
        b[present[0]] = 0.0
        W[:, present[0]] = 0.0
    else:
        W[:, present] = clf.coef_.T
        b[present] = clf.intercept_
    return W, b


def _temperature(scores, yi) -> float:
    """The softmax temperature T minimising the log loss of softmax(T * scores)."""
    import numpy as np

    rows = np.arange(len(yi))

    def nll(t):
        p = _softmax(t * scores)
        return -np.log(np.maximum(p[rows, yi], 1e-300)).mean()

    lo, hi = -3.0, 5.0  # golden-section search over log T
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = nll(math.exp(a)), nll(math.exp(b))
    for _ in range(60):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = nll(math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = nll(math.exp(b))
    return math.exp((lo + hi) / 2)


def fit(counts, y: Sequence[str], labels: Sequence[str], opts: TrainOptions) -> TextModel:
    """Fits a model on count matrices from ``count_matrix`` and labels (category ids)."""
    import numpy as np

    G = len(counts)
    if G != opts.ngram_max - opts.ngram_min + 1:
        raise ValueError("count matrices do not match the options' n-gram range")
    n = counts[0].shape[0]
    present = counts[0].copy()
    for m in counts[1:]:
        present = present + m
    present.sum_duplicates()
    df = np.bincount(present.indices, minlength=present.shape[1])
    keep = np.flatnonzero(df >= max(1, opts.min_df)).astype(np.uint32)
    # sklearn's smooth idf, quantised now so that training sees what inference will use.
    idf_q, idf_scale = _quantize_idf(np.log((1.0 + n) / (1.0 + df[keep])) + 1.0)
    C = len(labels)
    model = TextModel(list(labels), opts.bits, opts.ngram_min, opts.ngram_max, opts.sublinear,
                      opts.norm, np.asarray(opts.alphas()), np.zeros(C), keep, idf_q, idf_scale,
                      np.zeros((len(keep), C), dtype=np.int8), np.ones(C))
    X = transform_counts(model, counts)
    index = {lab: i for i, lab in enumerate(labels)}
    yi = np.asarray([index[v] for v in y])
    W, b = _fit_linear(X, yi, C, opts)
    if opts.classifier == "svm":
        T = _calibrate(X, yi, C, opts)
        W, b = W * T, b * T
    model.weights_q, model.scale = _quantize_weights(W)
    model.intercept = b
    return model


def _calibrate(X, yi, n_classes: int, opts: TrainOptions) -> float:
    """Softmax temperature of the SVM's scores, fit on out-of-fold scores of the training set
    (1 when a class is too small to split)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    k = opts.calibration_folds
    if k < 2 or np.bincount(yi).min() < k:
        return 1.0
    scores = np.zeros((len(yi), n_classes))
    for tr, te in StratifiedKFold(k, shuffle=True, random_state=0).split(np.zeros(len(yi)), yi):
        W, b = _fit_linear(X[tr], yi[tr], n_classes, opts)
        scores[te] = X[te] @ W + b[None, :]
    return _temperature(scores, yi)


def transform_counts(model: TextModel, counts):
    """Count matrices over all 2**bits buckets -> model features (steps 4-5), CSR [n, R]."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize as l2norm

    cols = model.buckets.astype(np.int64)
    idf = model.idf
    blocks = []
    for m in counts:
        V = m[:, cols].tocsr().astype(np.float64)
        if model.sublinear:
            V.data = 1.0 + np.log(V.data)
        blocks.append(V.multiply(idf[None, :]).tocsr())
    if model.norm == "per_order":
        blocks = [l2norm(V, norm="l2", copy=False) for V in blocks]
    blocks = [V * float(a) for V, a in zip(blocks, model.alpha)]
    if model.norm == "l2":
        sq = sum(np.asarray(V.multiply(V).sum(axis=1)).ravel() for V in blocks)
        inv = np.where(sq > 0, 1.0 / np.sqrt(np.where(sq > 0, sq, 1.0)), 0.0)
        blocks = [sp.diags(inv) @ V for V in blocks]
    X = blocks[0]
    for V in blocks[1:]:
        X = X + V
    return X.tocsr()


def predict_counts(model: TextModel, counts):
    return _softmax(transform_counts(model, counts) @ model.weights + model.intercept[None, :])
