"""Near-duplicate text: MinHash signatures over word shingles, with LSH banding.

A signature is ``PERMUTATIONS`` minimum hash values of the text's word 5-shingles under
random affine permutations modulo a prime. Two texts' signatures agree at a position with
probability equal to the Jaccard similarity of their shingle sets. The signature is cut into
``BANDS`` bands of ``ROWS`` values; texts that share a whole band are candidates, and are
accepted as copies when the estimated similarity reaches ``THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SHINGLE = 5
BANDS = 20
ROWS = 6
PERMUTATIONS = BANDS * ROWS
THRESHOLD = 0.8
_PRIME = np.uint64(4294967311)  # smallest prime above 2**32
_WORD = re.compile(r"\w+", re.UNICODE)

Signature = npt.NDArray[np.uint64]


@lru_cache(maxsize=1)
def _permutations() -> tuple[Signature, Signature]:
    rng = np.random.default_rng(20211223)
    a = rng.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def shingles(text: str) -> set[str]:
    """Lower-case word ``SHINGLE``-grams of the text (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _hash32(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=4).digest(), "big")


def signature(text: str) -> Signature:
    """The MinHash signature of the text (``PERMUTATIONS`` unsigned values)."""
    hashes = np.fromiter((_hash32(s) for s in shingles(text)), dtype=np.uint64)
    a, b = _permutations()
    # a < 2**32 and hash < 2**32, so a * hash fits in 64 bits without overflow.
    values = ((np.outer(a, hashes) % _PRIME) + b[:, None]) % _PRIME
    result: Signature = values.min(axis=1)
    return result


def signature_bytes(sig: Signature) -> bytes:
    """The signature as bytes for storage."""
    return sig.astype("<u8").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    """A signature read back from storage."""
    result: Signature = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return result


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    if a.shape != b.shape or a.size == 0:
        return 0.0
    return float(np.mean(a == b))


def band_buckets(sig: Signature) -> list[tuple[int, int]]:
    """``(band, bucket)`` pairs: a signed 64-bit hash of each band (band number included)."""
    out: list[tuple[int, int]] = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "big", signed=True)))
    return out
