"""The learned text model: hashed character n-grams -> tf-idf -> multinomial logistic regression.

This module is the Python half of a contract whose C++ half is
``libdispatch/include/minhu/model.hpp``; both must compute the same numbers (the parity test
checks them to 1e-5). Training needs numpy and scikit-learn; reading a model and scoring need
only numpy.

Features of a petition (``model_text``):
  1. ``normalize(title)`` and ``normalize(text)`` with minhu's own normaliser, joined by
     ``"\\n"`` (an empty title is left out). The normaliser never emits ``"\\n"`` inside a field.
  2. For every field and every code point position ``i``, the n-grams of ``n`` code points
     (``ngram_min <= n <= ngram_max``) starting at ``i`` that fit in the field. N-grams never
     cross fields.
  3. ``h = fnv1a64(utf8 bytes of the n-gram)``; ``bucket = (h ^ (h >> bits)) & (2**bits - 1)``
     (FNV's xor-fold; plain masking would keep only the low bits, which FNV mixes poorly).
  4. Per bucket: ``count``; ``tf = 1 + ln(count)`` (sublinear) or ``count``; ``v = tf * idf``
     where ``idf`` is the model's value for that bucket. Buckets the model has no row for
     are ignored.
  5. ``x = v / ||v||_2`` (when l2 is on and ``||v|| > 0``).
  6. ``z_k = intercept_k + sum_b x_b * w_bk``; probabilities ``softmax(z)``.

Model file (little-endian, documented in docs/ruleset-format.md)::

    char[8]  magic "MINHUTM1"
    u32      format version (1)
    u32      hash bits k (1..26)
    u32      ngram_min, u32 ngram_max (1 <= min <= max <= 8)
    u32      flags: bit 0 sublinear tf, bit 1 l2 normalisation
    u32      number of classes C (>= 2)
    u32      number of rows R
    C times  u32 length + UTF-8 bytes: the category id of class c
    f64[C]   intercepts
    R times  u32 bucket (strictly increasing, < 2**k), f32 idf, f32[C] weights
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

MAGIC = b"MINHUTM1"
FORMAT_VERSION = 1
FLAG_SUBLINEAR = 1
FLAG_L2 = 2

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
_M64 = (1 << 64) - 1


def fnv1a64(data: bytes) -> int:
    """FNV-1a, 64 bit, of ``data``."""
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & _M64
    return h


def bucket_of(ngram: str, bits: int) -> int:
    """The feature bucket of one n-gram (a str of code points)."""
    h = fnv1a64(ngram.encode("utf-8"))
    return (h ^ (h >> bits)) & ((1 << bits) - 1)


def model_text(title: str, text: str, normalize: Callable[[str], str]) -> str:
    """What the model reads: the normalised title and text joined by a newline."""
    parts = [normalize(title or ""), normalize(text or "")]
    return "\n".join(p for p in parts if p)


class Hasher:
    """Maps normalised texts to ``{bucket: count}``; caches n-gram buckets (training speed)."""

    def __init__(self, bits: int, ngram_min: int = 1, ngram_max: int = 3):
        if not (1 <= bits <= 24):
            raise ValueError("bits must be in 1..24")
        if not (1 <= ngram_min <= ngram_max <= 8):
            raise ValueError("need 1 <= ngram_min <= ngram_max <= 8")
        self.bits, self.ngram_min, self.ngram_max = bits, ngram_min, ngram_max
        self._cache: dict[str, int] = {}

    def counts(self, normalized: str) -> dict[int, int]:
        out: dict[int, int] = {}
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
                    out[b] = out.get(b, 0) + 1
        return out


@dataclass
class TextModel:
    """A trained model: what the file holds, with float32 values exactly as the C++ core reads."""

    labels: list[str]
    bits: int
    ngram_min: int
    ngram_max: int
    sublinear: bool
    l2: bool
    intercept: "object"  # numpy float64 [C]
    buckets: "object"  # numpy uint32 [R], increasing
    idf: "object"  # numpy float32 [R]
    weights: "object"  # numpy float32 [R, C]
    _hasher: Hasher | None = field(default=None, repr=False, compare=False)
    _row: dict | None = field(default=None, repr=False, compare=False)

    # -- file ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        import numpy as np

        C = len(self.labels)
        R = len(self.buckets)
        flags = (FLAG_SUBLINEAR if self.sublinear else 0) | (FLAG_L2 if self.l2 else 0)
        out = [MAGIC, struct.pack("<7I", FORMAT_VERSION, self.bits, self.ngram_min,
                                  self.ngram_max, flags, C, R)]
        for lab in self.labels:
            b = lab.encode("utf-8")
            out.append(struct.pack("<I", len(b)) + b)
        out.append(np.asarray(self.intercept, dtype="<f8").tobytes())
        rec = np.dtype([("bucket", "<u4"), ("idf", "<f4"), ("w", "<f4", (C,))])
        rows = np.zeros(R, dtype=rec)
        rows["bucket"] = self.buckets
        rows["idf"] = self.idf
        rows["w"] = self.weights
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
            raise ValueError(f"unknown model format version {version}")
        off = 8 + 28
        labels = []
        for _ in range(C):
            (n,) = struct.unpack_from("<I", data, off)
            labels.append(data[off + 4:off + 4 + n].decode("utf-8"))
            off += 4 + n
        intercept = np.frombuffer(data, dtype="<f8", count=C, offset=off).astype(np.float64)
        off += 8 * C
        rec = np.dtype([("bucket", "<u4"), ("idf", "<f4"), ("w", "<f4", (C,))])
        rows = np.frombuffer(data, dtype=rec, count=R, offset=off)
        if off + rec.itemsize * R != len(data):
            raise ValueError("model file has trailing or missing bytes")
        return cls(labels, bits, nmin, nmax, bool(flags & FLAG_SUBLINEAR), bool(flags & FLAG_L2),
                   intercept, rows["bucket"].astype(np.uint32), rows["idf"].astype(np.float32),
                   rows["w"].astype(np.float32))

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
        """CSR matrix [n, R]: step 1-5 of the module doc, on texts made by ``model_text``."""
        import numpy as np
        import scipy.sparse as sp

        row_of = self._rows()
        idf = self.idf.astype(np.float64)
        indptr, indices, data = [0], [], []
        for t in normalized_texts:
            cols, vals = [], []
            for b, c in self.hasher.counts(t).items():
                r = row_of.get(b)
                if r is None:
                    continue
                tf = 1.0 + math.log(c) if self.sublinear else float(c)
                cols.append(r)
                vals.append(tf * idf[r])
            if self.l2 and vals:
                norm = math.sqrt(sum(v * v for v in vals))
                if norm > 0:
                    vals = [v / norm for v in vals]
            indices.extend(cols)
            data.extend(vals)
            indptr.append(len(indices))
        return sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                              np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(self.buckets)))

    def predict_proba(self, normalized_texts: Sequence[str]):
        """Probabilities [n, C] in ``labels`` order."""
        import numpy as np

        X = self.features(normalized_texts)
        z = X @ self.weights.astype(np.float64) + self.intercept[None, :]
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, normalized_texts: Sequence[str]) -> list[str]:
        p = self.predict_proba(normalized_texts)
        return [self.labels[i] for i in p.argmax(axis=1)]


# -- training -----------------------------------------------------------------------------
@dataclass
class TrainOptions:
    bits: int = 20
    ngram_min: int = 1
    ngram_max: int = 3
    sublinear: bool = True
    l2: bool = True
    min_df: int = 2
    C: float = 100.0
    max_iter: int = 300
    tol: float = 1e-4
    class_weight: Optional[str] = "balanced"  # weight classes by inverse frequency, or None


def count_matrix(hasher: Hasher, normalized_texts: Sequence[str], progress=None):
    """CSR [n, 2**bits] of raw n-gram counts."""
    import numpy as np
    import scipy.sparse as sp

    indptr, indices, data = [0], [], []
    for t in normalized_texts:
        c = hasher.counts(t)
        indices.extend(c.keys())
        data.extend(c.values())
        indptr.append(len(indices))
        if progress is not None:
            progress.update(1)
    m = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                       np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, 1 << hasher.bits))
    m.sort_indices()
    return m


def fit(counts, y: Sequence[str], labels: Sequence[str], opts: TrainOptions) -> TextModel:
    """Fits a model on a count matrix from ``count_matrix`` and labels (category ids)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = np.flatnonzero(df >= max(1, opts.min_df)).astype(np.uint32)
    # sklearn's smooth idf; rounded to float32 now so training sees what inference will use.
    idf = (np.log((1.0 + n) / (1.0 + df[keep])) + 1.0).astype(np.float32)
    model = TextModel(list(labels), opts.bits, opts.ngram_min, opts.ngram_max, opts.sublinear,
                      opts.l2, np.zeros(len(labels)), keep, idf,
                      np.zeros((len(keep), len(labels)), dtype=np.float32))
    X = transform_counts(model, counts)
    index = {lab: i for i, lab in enumerate(labels)}
    yi = np.asarray([index[v] for v in y])
    clf = LogisticRegression(C=opts.C, max_iter=opts.max_iter, tol=opts.tol,
                             class_weight=opts.class_weight)
    clf.fit(X, yi)
    W = np.zeros((len(keep), len(labels)))
    b = np.zeros(len(labels))
    present = clf.classes_
    if len(present) == len(labels):
        W[:, present] = clf.coef_.T
        b[present] = clf.intercept_
    else:  # a class absent from this training set: it can never win
        if len(present) == 2:
            W[:, present[1]] = clf.coef_[0]
            b[present[1]] = clf.intercept_[0]
        else:
            W[:, present] = clf.coef_.T
            b[present] = clf.intercept_
        missing = np.setdiff1d(np.arange(len(labels)), present)
        b[missing] = -1e4
    model.weights = W.astype(np.float32)
    model.intercept = b
    return model


def transform_counts(model: TextModel, counts):
    """Count matrix over all 2**bits buckets -> model features (steps 4-5), CSR [n, R]."""
    import numpy as np
    from sklearn.preprocessing import normalize as l2norm

    X = counts[:, model.buckets.astype(np.int64)].tocsr().astype(np.float64)
    if model.sublinear:
        X.data = 1.0 + np.log(X.data)
    X = X.multiply(model.idf.astype(np.float64)[None, :]).tocsr()
    if model.l2:
        X = l2norm(X, norm="l2", copy=False)
    return X


def predict_counts(model: TextModel, counts):
    import numpy as np

    X = transform_counts(model, counts)
    z = X @ model.weights.astype(np.float64) + model.intercept[None, :]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
