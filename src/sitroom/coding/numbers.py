"""Numbers written in digits or words, with the hedges news puts around them.

`parse_count("at least 112")` -> (112, 112, None); "two dozen" -> 24; "hundreds" -> (200, 200, 999);
"between 10 and 20" -> (10, 15, 20); fractions ("three-quarters", "half") are not counts.
"""
from __future__ import annotations

import re
from typing import Optional

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
         "a": 1, "an": 1, "single": 1, "both": 2, "couple": 2, "pair": 2}
SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000,
          "k": 1000, "m": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
# plural vague quantities: (low, best, high)
VAGUE = {"dozens": (24, 24, 99), "scores": (40, 40, 99), "hundreds": (200, 200, 999),
         "thousands": (2000, 2000, 9999), "tens of thousands": (20000, 20000, 99999),
         "hundreds of thousands": (200000, 200000, 999999), "millions": (2_000_000, 2_000_000, None),
         "several": (3, 3, 9), "a few": (3, 3, 5), "few": (3, 3, 5), "some": None, "many": None,
         "a handful": (3, 3, 5), "handful": (3, 3, 5)}
FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "percent",
             "per cent", "%", "times", "fold", "percentage", "tenth", "tenths"}
LOWER = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
         "a minimum of", "above", "exceeding")
UPPER = ("up to", "less than", "fewer than", "under", "at most", "nearly", "almost", "no more than", "below")
APPROX = ("about", "around", "approximately", "some", "roughly", "an estimated", "estimated", "nearly",
          "almost", "close to", "as many as")

_NUM_RE = re.compile(r"^\d{1,3}(?:[,\u00a0]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def word_value(w: str) -> Optional[float]:
    w = w.lower().strip()
    if _NUM_RE.match(w):
        return float(w.replace(",", "").replace("\u00a0", ""))
    if w in UNITS:
        return UNITS[w]
    if w in SCALES:
        return SCALES[w]
    if "-" in w:  # twenty-five
        parts = w.split("-")
        if all(p in UNITS for p in parts):
            return sum(UNITS[p] for p in parts)
    return None


def _words_value(words: list[str]) -> Optional[int]:
    """English number words or digits with scales: 'two dozen', '1.5 million', 'three hundred and five'."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("and", ","):
            continue
        lw = w.lower()
        if lw in SCALES:
            current = (current or 1) * SCALES[lw]
            if SCALES[lw] >= 1000:
                total += current
                current = 0
            seen = True
            continue
        v = word_value(lw)
        if v is None:
            return None
        current += v
        seen = True
    return int(round(total + current)) if seen else None


def parse_count(text: str) -> Optional[tuple[Optional[int], Optional[int], Optional[int]]]:
    """(low, best, high) for a count phrase, or None when it is not a count."""
    t = " ".join(text.lower().replace("\u2013", "-").split())
    if any(f in t.replace("-", " ").split() for f in FRACTIONS) or "%" in t:
        return None
    hedge = None
    for group, name in ((LOWER, "low"), (UPPER, "high"), (APPROX, "approx")):
        for h in sorted(group, key=len, reverse=True):
            if t.startswith(h + " "):
                t, hedge = t[len(h) + 1:], name
                break
        if hedge:
            break
    # ranges: "10-20", "10 to 20", "between 10 and 20"
    m = re.match(r"^(?:between )?(.+?)(?: to | and |-| or )(.+)$", t)
    if m and not re.match(r"^[a-z]+-[a-z]+$", t):
        a, b = _phrase(m.group(1)), _phrase(m.group(2))
        if a is not None and b is not None and a < b:
            return a, (a + b) // 2, b
    if t in VAGUE:
        return VAGUE[t]
    v = _phrase(t)
    if v is None:
        return None
    if hedge == "low":
        return v, v, None
    if hedge == "high":
        return None, v, v
    return v, v, v


def _phrase(t: str) -> Optional[int]:
    t = t.strip()
    if t in VAGUE and VAGUE[t]:
        return VAGUE[t][1]
    words = re.findall(r"\d[\d,.\u00a0]*|[a-z]+(?:-[a-z]+)?", t)
    if not words:
        return None
    return _words_value(words)
