"""Exact and near-duplicate detection over a run, in record order (deterministic).

Workers compute each row's normalised-text hash and MinHash signature (rensa, see
`process.minhash_signature`); the driver then walks the rows in output order: a row whose hash
was seen is an exact duplicate; otherwise LSH banding over the signatures proposes earlier rows,
and the earliest whose estimated Jaccard similarity reaches the threshold makes the row a near
duplicate of its cluster. The cluster id is the record_id of the cluster's first row, so it does
not depend on worker count, engine or resumption.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from sieb.corpus.process import NUM_PERM

# Jaccard similarity of 5-shingle sets above which two texts are near duplicates. 0.8 is the
# usual choice for web corpora (datatrove's and dolma's defaults; FineWeb used 0.75-0.8).
DEFAULT_THRESHOLD = 0.8


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band minimising the false-positive plus false-negative probability
    areas around `threshold` (the method of datasketch's `_optimal_param`, equal weights)."""
    xs = np.linspace(0.0, 1.0, 201)
    best, best_err = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            p = 1.0 - (1.0 - xs ** rows) ** bands  # P(candidate | similarity x)
            fp = np.trapezoid(np.where(xs < threshold, p, 0.0), xs)
            fn = np.trapezoid(np.where(xs >= threshold, 1.0 - p, 0.0), xs)
            if fp + fn < best_err:
                best, best_err = (bands, rows), fp + fn
    return best


@dataclass
class Deduplicator:
    """Streaming dedup state; feed rows in output order with `add`."""

    threshold: float = DEFAULT_THRESHOLD
    bands: int = 0
    rows: int = 0
    _clusters: list[str] = field(default_factory=list)  # cluster id per indexed signature
    _signatures: list[np.ndarray] = field(default_factory=list)
    _buckets: list[dict[bytes, list[int]]] = field(default_factory=list)
    _hashes: dict[str, str] = field(default_factory=dict)  # text_hash -> cluster id

    def __post_init__(self) -> None:
        if not self.bands:
            self.bands, self.rows = lsh_params(self.threshold)
        self._buckets = [defaultdict(list) for _ in range(self.bands)]

    def add(self, record_id: str, text_hash: str | None, minhash: bytes | None
            ) -> tuple[bool, bool, str | None]:
        """(dup_exact, dup_near, dup_cluster) of the next row."""
        if text_hash is None:
            return False, False, None
        if text_hash in self._hashes:
            return True, False, self._hashes[text_hash]
        cluster, near = record_id, False
        if minhash is not None:
            sig = np.frombuffer(minhash, dtype="<u4")
            keys = [sig[b * self.rows:(b + 1) * self.rows].tobytes() for b in range(self.bands)]
            match = self._earliest_match(sig, keys)
            if match is not None:
                cluster, near = self._clusters[match], True
            index = len(self._signatures)
            self._signatures.append(sig)
            self._clusters.append(cluster)
            for bucket, key in zip(self._buckets, keys, strict=True):
                bucket[key].append(index)
        self._hashes[text_hash] = cluster
        return False, near, cluster

    def _earliest_match(self, sig: np.ndarray, keys: list[bytes]) -> int | None:
        candidates = sorted({i for bucket, key in zip(self._buckets, keys, strict=True)
                             for i in bucket.get(key, ())})
        for i in candidates:
            if float(np.mean(self._signatures[i] == sig)) >= self.threshold:
                return i
        return None
