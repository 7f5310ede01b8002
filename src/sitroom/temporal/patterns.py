"""Regular-expression fragments shared by the recognition rules.

Rules are compiled case-sensitively: month and weekday names must be capitalised (or all caps,
as in datelines); ordinary words are wrapped in `(?i:...)`.
"""
from __future__ import annotations

from .lexicon import DURATION_MODS, NUMBER_WORDS, VAGUE_NUMBERS, alt

_FULL_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_ABBR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                "Dec"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _names(words: list[str]) -> list[str]:
    return words + [w.upper() for w in words]


# A month before a day or year: full names and abbreviations (with or without the dot).
MONTH = ("(?P<month>" + "|".join(sorted(_names(_FULL_MONTHS), key=len, reverse=True))
         + "|" + "|".join(rf"{a}\.?" for a in sorted(_names(_ABBR_MONTHS), key=len, reverse=True))
         + r")(?![a-z])")
# A month on its own: full names, or abbreviations only with their dot.
MONTH_ALONE = ("(?P<month>" + "|".join(sorted(_names(_FULL_MONTHS), key=len, reverse=True))
               + "|" + "|".join(rf"{a}\." for a in _names(_ABBR_MONTHS)) + r")(?![\w-])(?!\s*\d)")
WEEKDAY = "(?P<wd>" + "|".join(_names(_WEEKDAYS)) + ")"
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|%)"
YEAR = r"(?<![\d$£€.,])(?P<year>1[0-9]\d\d|20\d\d)(?!\d|,\d\d\d|%)"
YEAR2 = r"(?<![\d$£€.,])(?P<year2>1[0-9]\d\d|20\d\d)(?!\d|,\d\d\d|%)"

# Modifiers that precede a date and land in TIMEX3 `mod` (the span includes them).
MODP = (r"(?:(?P<mod>(?i:the\s+(?:very\s+)?(?:beginning|start|middle|end|close|early\s+part|"
        r"latter\s+part|first\s+part)\s+of|early|late|mid|around|about|approximately|earlier|"
        r"later|sometime))(?:\s+|-(?=\w)))?")
DURMOD = "(?P<dmod>(?i:" + alt(DURATION_MODS) + "))"

_NUM_WORDS = [w for w in NUMBER_WORDS if w not in ("a", "an", "zero")]
NUMBER = (r"(?P<num>\d[\d,]*(?:\.\d+)?(?:\s+1/2)?|(?i:" + alt(_NUM_WORDS + list(VAGUE_NUMBERS))
          + r"(?:\s+and\s+a\s+half)?)|(?i:an?)(?=[\s-]))")
UNIT = (r"(?P<unit>(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|"
        r"years?|decades?|century|centuries|millennium|hrs?|mins?|yrs?))(?![\w-])")
PART_OF_DAY = r"(?P<pod>(?i:morning|afternoon|evening|night))"

# Years in words, as broadcast transcripts write them: "nineteen ninety-four", "two thousand".
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
YEARW = (rf"(?P<yw>(?i:(?:nineteen|twenty)[\s-]+(?:hundred\s+(?:and\s+)?)?(?:(?:{_TENS})(?:[\s-]+"
         rf"(?:{_ONES}))?|{_TEENS}|oh[\s-]+(?:{_ONES}))|two\s+thousand(?:(?:\s+and)?[\s-]+"
         rf"(?:{_TEENS}|{_ONES}))?)(?![\w-]))")
