"""Name keys: one folding for gazetteer names and for text, character for character.

`fold(text)` has exactly `len(text)` characters, so a match found in the folded text has the
same offsets in the original. Keys are lowercase, without diacritics, with every apostrophe-like
mark as "'" and every hyphen or dash as a space ("Deir ez-Zor" -> "deir ez zor").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ı": "i", "đ": "d", "Đ": "d", "ħ": "h",
            "Ħ": "h", "ŧ": "t", "ð": "d", "þ": "t"}
_APOSTROPHES = "’‘ʼʻʿʾ`´′"
_DASHES = "-‐‑‒–—"


def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return "'"
    if c in _DASHES or c.isspace():
        return " "
    if c in _SPECIAL:
        return _SPECIAL[c]
    low = c.lower()
    if len(low) != 1:
        low = c
    decomposed = unicodedata.normalize("NFKD", low)
    if len(decomposed) > 1 and all(unicodedata.combining(x) for x in decomposed[1:]):
        return decomposed[0]
    return low if len(decomposed) >= 1 else c


# Latin, Latin-1, Latin Extended A/B, IPA-ish modifiers and Latin Extended Additional, plus
# the punctuation folded above; every other character is left as it is (its own key).
_TABLE = {cp: _fold_char(chr(cp)) for r in ((0, 0x2B0), (0x1E00, 0x1F00)) for cp in range(*r)}
_TABLE.update({ord(c): _fold_char(c) for c in _APOSTROPHES + _DASHES})
_TABLE.update({ord(c): " " for c in "\u00a0\u2009\u200a\u202f"})


def fold(text: str) -> str:
    """Fold `text` for matching; the result has the same length as `text`."""
    return text.translate(_TABLE)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The lookup key of a name: folded, single-spaced, trimmed, no trailing full stop."""
    k = _SPACES.sub(" ", fold(name)).strip()
    return k


_LATIN = re.compile(r"^[a-z0-9' .()&,]+$")


def is_latin_key(k: str) -> bool:
    return bool(k) and bool(_LATIN.match(k)) and any(ch.isalpha() for ch in k)


# Arabic names come in many romanisations: "Ar Raqqah", "Raqqa", "al-Raqqa"; "Dayr az Zawr",
# "Deir ez-Zor"; "Latakia", "Lattakia"; "-iyah" / "-ia" / "-iya" / "-iyeh".
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|adh|ath|ed|er|es|et|ez|en)\s+(.+)$")
_SUFFIXES = (("iyyah", ("iya", "ia", "iyah", "iyeh")), ("iyah", ("iya", "ia", "iyeh", "iyya")),
             ("iyeh", ("iya", "ia", "iyah")), ("iya", ("ia", "iyah")), ("ah", ("a", "eh")),
             ("eh", ("a", "ah")))


def arabic_variants(k: str) -> set[str]:
    """Romanisation variants of an (already folded) Arabic place-name key."""
    out = {k}
    m = _ARTICLE.match(k)
    core = m.group(1) if m else k
    own = k[:m.start(1)] if m else None  # the name's own article ("ar " of "Ar Raqqah": "Ar-Raqqa")
    cores = {core}
    for suffix, repl in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 2:
            cores.update(core[: -len(suffix)] + r for r in repl)
            break
    for c in cores:
        if " " not in c and len(c) < 4:
            continue
        out.add(c)
        out.add("al " + c)
        out.add("el " + c)
        if own:
            out.add(own + c)
    return out


def saint_variants(k: str) -> set[str]:
    out = {k}
    for a, b in (("saint ", "st. "), ("saint ", "st "), ("sainte ", "ste. "), ("mount ", "mt. "),
                 ("fort ", "ft. ")):
        if k.startswith(a):
            out.add(b + k[len(a):])
        elif k.startswith(b):
            out.add(a + k[len(b):])
    return out


# Persian and Pashto names: the ezafe is written "-e", "-i", "-ye" or joined to the word before
# ("Pul-e ‘Alam", "Pul-i-Alam", "Puli Alam"; "Darah-ye Nur", "Darai Nur"), "-abad" joined or
# apart ("Dowlatabad", "Dawlat Abad"), and the ‘ayn mark kept or dropped.
_EZAFE = {"e", "i", "ye", "yi"}
PERSIAN_COUNTRIES = {"AF", "IR", "TJ", "PK"}


def persian_variants(k: str) -> set[str]:
    """Romanisation variants of an (already folded) Persian or Pashto place-name key."""
    base = {k, k.replace("'", "")}
    base |= {_FINAL_AH.sub("a", b) for b in base}  # "Darah" / "Dara"
    out = set(base)
    for b in base:
        words = b.split()
        spots = [i for i in range(1, len(words) - 1) if words[i] in _EZAFE][:2]
        forms = [words]
        if not spots and len(words) == 2 and "'" not in b:  # "Nad Ali" is also "Nad-e Ali"
            out.update({f"{words[0]} e {words[1]}", f"{words[0]} i {words[1]}"})
            if min(len(w) for w in words) >= 3:  # "Mirpur Khas" is also "Mirpurkhas"
                out.add(words[0] + words[1])
        for i in reversed(spots):  # right to left, so earlier indices stay valid
            nxt = []
            for w in forms:
                head, tail = w[:i - 1], w[i + 1:]
                prev = w[i - 1]
                nxt += [head + [prev, "e"] + tail, head + [prev, "i"] + tail,
                        head + [prev + "i"] + tail, head + [prev + "e"] + tail,
                        head + [prev] + tail]
            forms = nxt
        out.update(" ".join(w) for w in forms)
    for v in list(out):
        words = v.split()
        for i, w in enumerate(words):
            if w.endswith("abad") and len(w) > 7:
                out.add(" ".join(words[:i] + [w[:-4], "abad"] + words[i + 1:]))
            elif w == "abad" and i > 0:
                out.add(" ".join(words[:i - 1] + [words[i - 1] + "abad"] + words[i + 1:]))
    out |= {v.replace("ow", "aw") for v in out}  # "Dowlat" / "Dawlat"
    return {v for v in out if v == k or len(v.replace(" ", "")) >= 4}


_FINAL_AH = re.compile(r"(?<=\w\w)ah\b")
