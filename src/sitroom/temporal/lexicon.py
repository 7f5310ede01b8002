"""Word lists and regular-expression fragments for temporal expressions."""
from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4,
}
UNITS = {  # unit word -> (TIMEX3 duration letter, is a time-of-day unit)
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "centurie": ("CE", False), "millennium": ("ML", False),
    "weekend": ("WE", False),
}
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
for _i, _t in enumerate(_TENS):
    NUMBER_WORDS[_t] = 20 + 10 * _i
    for _j in range(1, 10):
        NUMBER_WORDS[f"{_t}-{_SMALL[_j]}"] = NUMBER_WORDS[f"{_t} {_SMALL[_j]}"] = 20 + 10 * _i + _j
NUMBER_WORDS.update({"a": 1, "an": 1, "one hundred": 100, "a hundred": 100, "hundred": 100,
                     "a thousand": 1000, "two thousand": 2000, "a dozen": 12, "half a": 0.5,
                     "a half": 0.5, "a couple of": 2, "a couple": 2, "couple of": 2})
VAGUE_NUMBERS = {"a few", "few", "several", "some", "many", "a number of", "the next few",
                 "a couple of", "few more"}
VAGUE_NUMBERS.discard("a couple of")

# Modifiers that TIMEX3 records in `mod`
DATE_MODS = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "the early part of": "START", "the dawn of": "START", "mid": "MID", "mid-": "MID",
    "the middle of": "MID", "the mid": "MID", "late": "END", "the end of": "END",
    "the close of": "END", "the latter part of": "END", "the late": "END", "the early": "START",
    "around": "APPROX", "about": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "later": "END", "earlier": "START",
}
DURATION_MODS = {
    "more than": "MORE_THAN", "longer than": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "almost": "LESS_THAN", "nearly": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "about": "APPROX", "around": "APPROX", "some": "APPROX",
    "approximately": "APPROX", "roughly": "APPROX", "an estimated": "APPROX",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN",
}


def alt(words) -> str:
    """A regex alternation, longest first, with spaces matching any run of whitespace."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(r"\s+".join(_esc(p) for p in w.split(" ")))
    return "(?:" + "|".join(out) + ")"


def _esc(word: str) -> str:
    import re
    return re.escape(word)
