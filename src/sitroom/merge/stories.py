"""Near-duplicate articles (wire copy, updated versions) grouped into stories with MinHash/LSH.

Each document gets a MinHash signature of its word 4-shingles (datasketch) and LSH band keys,
both stored, so a new document finds its near-duplicates with one indexed query instead of a
scan. Two documents are versions of one story when they share a band and their estimated
Jaccard similarity reaches THRESHOLD; a story is a connected group of such pairs and its id is
its smallest document id, so stories do not depend on the order documents arrive in.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Iterable, Optional

import numpy as np

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 4
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0; signatures stored in a store must all use one scheme
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)  # the permutations are drawn once per process


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (uint32 x NUM_PERM) of a text's shingles."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_template().permutations)
    m.update_batch(list(shingles(text)))
    return m.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    b, r = _bands()
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(i.to_bytes(2, "little") + sig[i * r:(i + 1) * r].tobytes(),
                                 digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<u4")


class Stories:
    """Story assignment kept in the store's `documents.story_id`, updated one document at a time."""

    def __init__(self, con):
        self.con = con

    def add(self, doc_id: str, text: str) -> set[str]:
        """Index a new document and join it to its near-duplicates; returns the documents whose
        story changed (the new one included)."""
        sig = signature(text)
        keys = band_keys(sig)
        self.con.execute("INSERT INTO document_minhash (doc_id, signature) VALUES (?, ?)",
                         (doc_id, to_blob(sig)))
        self.con.executemany("INSERT INTO document_bands (band, doc_id) VALUES (?, ?) "
                             "ON CONFLICT DO NOTHING", [(k, doc_id) for k in keys])
        linked = {story for _, story in self.near_duplicates(doc_id, sig, keys)}
        story = min(linked | {doc_id})
        changed = {doc_id}
        for old in linked - {story}:
            changed |= {r[0] for r in self.con.execute("SELECT id FROM documents WHERE story_id=?", (old,))}
            self.con.execute("UPDATE documents SET story_id=? WHERE story_id=?", (story, old))
        self.con.execute("UPDATE documents SET story_id=? WHERE id=?", (story, doc_id))
        return changed

    def near_duplicates(self, doc_id: str, sig: np.ndarray, keys: Iterable[int],
                        within: Optional[set[str]] = None) -> list[tuple[str, str]]:
        """(document id, story id) of the stored documents this signature nearly duplicates."""
        keys = list(keys)
        marks = ",".join("?" * len(keys))
        rows = self.con.execute(
            f"SELECT DISTINCT h.doc_id, h.signature, d.story_id FROM document_bands b "
            f"JOIN document_minhash h ON h.doc_id = b.doc_id JOIN documents d ON d.id = b.doc_id "
            f"WHERE b.band IN ({marks}) AND b.doc_id <> ?", (*keys, doc_id)).fetchall()
        return [(r[0], r[2]) for r in rows
                if (within is None or r[0] in within) and similarity(sig, from_blob(r[1])) >= THRESHOLD]

    def remove(self, doc_id: str) -> set[str]:
        """Take a document out of its story (about to be deleted); the rest of the story may split.
        Returns the remaining documents whose story changed."""
        row = self.con.execute("SELECT story_id FROM documents WHERE id=?", (doc_id,)).fetchone()
        self.con.execute("DELETE FROM document_bands WHERE doc_id=?", (doc_id,))
        self.con.execute("DELETE FROM document_minhash WHERE doc_id=?", (doc_id,))
        if not row or row[0] is None:
            return set()
        members = {r[0] for r in self.con.execute(
            "SELECT id FROM documents WHERE story_id=? AND id<>?", (row[0], doc_id))}
        if not members:
            return set()
        # re-link what is left of the story: connected groups of near-duplicate pairs
        parent = {m: m for m in members}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for member in sorted(members):
            sig_row = self.con.execute("SELECT signature FROM document_minhash WHERE doc_id=?",
                                       (member,)).fetchone()
            if sig_row is None:
                continue
            sig = from_blob(sig_row[0])
            for other, _ in self.near_duplicates(member, sig, band_keys(sig), within=members):
                ra, rb = find(member), find(other)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        changed = set()
        groups: dict[str, list[str]] = {}
        for member in members:
            groups.setdefault(find(member), []).append(member)
        for group in groups.values():
            story = min(group)
            for member in group:
                if story != row[0]:
                    changed.add(member)
            self.con.executemany("UPDATE documents SET story_id=? WHERE id=?", [(story, m) for m in group])
        return changed
