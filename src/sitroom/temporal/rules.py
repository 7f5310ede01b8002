"""Recognition rules: one regular expression per kind of expression, with the function that
normalises a match to a TIMEX3 (type, value, mod). A function returns None to reject a match
(e.g. "may" the verb). Spans follow TempEval-3 conventions: a leading "the", "early", "the end
of", "more than" belong to the expression; "on", "in", "since" do not.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Optional

from . import calendar as cal
from .lexicon import (DATE_MODS, DURATION_MODS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS,
                      UNITS, WEEKDAYS)
from .patterns import (DAY, DURMOD, MODP, MONTH, MONTH_ALONE, NUMBER, PART_OF_DAY, UNIT,
                       WEEKDAY, YEAR, YEAR2, YEARW)
from .narrative import Ref
from .resolve import Context, Value, duration, is_vague, number, unit_key, year_from_words
from .tense import FUTURE, PAST


@dataclass
class Rule:
    """`gate` is a cheap pattern for the words every match contains; the full pattern only runs
    in windows around the gate's hits (`back` characters before, `fwd` after), which keeps the
    cost of scanning an article with ~30 rules small."""
    name: str
    regex: re.Pattern
    fn: Callable[[re.Match, Context], Optional[Value]]
    gate: re.Pattern
    back: int = 70
    fwd: int = 50
    # optional: a pattern that every match contains; a window without it cannot hold a match
    # and is skipped before the (slower) full pattern runs in it
    need: Optional[re.Pattern] = None


RULES: list[Rule] = []


def rule(pattern: str, gate: str, back: int = 70, fwd: int = 50, need: Optional[str] = None):
    def deco(fn):
        RULES.append(Rule(fn.__name__, re.compile(pattern), fn, re.compile(gate), back, fwd,
                          re.compile(need) if need else None))
        return fn
    return deco


_G_MONTH = (r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|"
            r"AUG|SEP|OCT|NOV|DEC)")
_G_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun|MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)(?:day|DAY)"
_G_UNIT = (r"(?i:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur|"
           r"millenni|hrs?\b|mins?\b|yrs?\b)")
_G_POD = r"(?i:morning|afternoon|evening|night)"


# -- helpers --------------------------------------------------------------------------------
def _mod(m: re.Match) -> Optional[str]:
    word = m.groupdict().get("mod")
    if not word:
        return None
    return DATE_MODS.get(re.sub(r"\s+", " ", word.lower()))


def _year(m: re.Match) -> Optional[int]:
    """The year written in digits (group `year`) or in words (group `yw`), if any."""
    g = m.groupdict()
    if g.get("year"):
        return int(g["year"])
    if g.get("yw"):
        return year_from_words(g["yw"])
    return None


def _month(m: re.Match) -> int:
    return MONTHS[m["month"].lower().rstrip(".")]


def _before(m: re.Match, ctx: Context, n: int = 30) -> str:
    return ctx.text[max(0, m.start() - n): m.start()]


def _after(m: re.Match, ctx: Context, n: int = 30) -> str:
    return ctx.text[m.end(): m.end() + n]


_PREP_BEFORE = re.compile(r"(?i:\b(?:in|on|since|by|until|till|to|from|through|during|before|"
                          r"after|of|for|last|next|this|early|late|mid|between|and|or|around|"
                          r"about|until|throughout|circa|c\.|as of|effective|dated|between)"
                          r"[\s-]+)$")


def _day_part(ctx: Context, day_value: str, pod: Optional[str]) -> Value:
    if pod:
        code = PARTS_OF_DAY[pod.lower()]
        return Value("TIME", f"{day_value}T{code}")
    return Value("DATE", day_value)


# -- explicit calendar dates ------------------------------------------------------------------
@rule(rf"{MODP}(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAY}(?:(?:,\s*|\s+){YEAR})?",
      gate=_G_MONTH)
def month_day(m, ctx):
    v = _month_day(m, ctx)
    if v is not None:
        v.mod = _mod(m)
    return v


def _month_day(m, ctx):
    mo, d = _month(m), int(m["day"])
    wd = WEEKDAYS[m["wd"].lower()] if m.groupdict().get("wd") else None
    if m["year"]:
        date = cal.valid_day(int(m["year"]), mo, d)
        return Value("DATE", cal.day(date)) if date else None
    y = ctx.month_year(mo, ctx.tense(*m.span()), d, wd)
    if y is None:
        return Value("DATE", f"XXXX-{mo:02d}-{d:02d}")
    date = cal.valid_day(y, mo, d)
    return Value("DATE", cal.day(date)) if date else None


@rule(rf"(?:{WEEKDAY},?\s+)?(?:(?i:the)\s+)?{DAY}(?:\s+(?i:of))?\s+{MONTH}(?:,?\s+{YEAR})?",
      gate=_G_MONTH)
def day_month(m, ctx):
    return _month_day(m, ctx)


@rule(rf"(?i:the\s+week\s+of)\s+{MONTH}\s*{DAY}(?:(?:,\s*|\s+){YEAR})?",
      gate=_G_MONTH)
def week_of(m, ctx):
    v = month_day(m, ctx)
    if v is None or not re.match(r"\d{4}-\d\d-\d\d$", v.value):
        return v
    return Value("DATE", cal.week(dt.date.fromisoformat(v.value)))


@rule(rf"{MODP}{MONTH},?\s+(?:(?i:of)\s+)?(?:{YEAR}|{YEARW})",
      gate=_G_MONTH)
def month_year(m, ctx):
    y = _year(m)
    return Value("DATE", cal.month(y, _month(m)), _mod(m)) if y else None


@rule(rf"{MONTH_ALONE}\s+(?P<rel>(?i:last|this|next))\s+(?i:year)",
      gate=_G_MONTH)
def month_rel_year(m, ctx):
    if not ctx.anchor:
        return Value("DATE", f"XXXX-{_month(m):02d}")
    y = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return Value("DATE", cal.month(y, _month(m)))


@rule(rf"(?P<rel>(?i:last|this|next))\s+(?i:year's)\s+{MONTH_ALONE}",
      gate=_G_MONTH)
def rel_year_month(m, ctx):
    return month_rel_year(m, ctx)


@rule(rf"{MODP}(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming))\s+)?{MONTH_ALONE}",
      gate=_G_MONTH)
def month_alone(m, ctx):
    word = m["month"]
    if word[0].islower():
        return None
    has_context = bool(m["rel"] or m["mod"] or _PREP_BEFORE.search(_before(m, ctx)))
    if word.lower() in ("may", "march") and not has_context:
        return None
    if not has_context and re.match(r"\s+[A-Z][a-z]", _after(m, ctx)):
        return None  # "April Glaspie", "June Carter"
    mo = _month(m)
    rel = (m["rel"] or "").lower().split()
    if not ctx.anchor:
        return Value("DATE", f"XXXX-{mo:02d}", _mod(m))
    a = ctx.anchor
    if rel and rel[0] == "last":
        # the month just ended is "last month"; "last February" said in March is a year back
        y = a.year if mo < a.month - 1 else a.year - 1
    elif rel[:2] == ["this", "past"]:
        y = a.year if mo < a.month else a.year - 1
    elif rel and rel[0] == "next" or rel[:2] == ["this", "coming"]:
        y = a.year if mo > a.month else a.year + 1
    elif rel == ["this"]:
        y = a.year
    else:
        y = ctx.month_year(mo, ctx.tense(*m.span()))
    return Value("DATE", cal.month(y, mo), _mod(m))


@rule(rf"{MODP}(?P<fiscal>(?i:fiscal|calendar|the\s+year|the\s+fiscal\s+year|FY)\s*)?{YEAR}"
      rf"(?:(?P<range>[-/–]\d\d(?!\d)))?",
      gate=r"(?<!\d)(?:1\d|20)\d\d(?!\d)")
def year(m, ctx):
    y = int(m["year"])
    before = _before(m, ctx)
    after = _after(m, ctx)
    if re.search(r"(?:No\.|#|Flight|flight|Room|room|Article|article|Resolution|resolution|"
                 r"Route|route|Highway|number|Model|model|\d[\d,.]*\s*)\s*$", before):
        return None
    if re.match(r"\s*(?:[-–]\s*\d|\.\d|\s*(?:people|persons|men|women|children|troops|soldiers|"
                r"rebels|fighters|civilians|refugees|shares|miles|km|kilometers|meters|feet|tons|"
                r"tonnes|votes|members|workers|employees|cars|vehicles|units|pounds|dollars|"
                r"euros|barrels|acres|points|cases|deaths|jobs|homes|houses|families|hours|"
                r"minutes|[A-Z][a-z]+ [A-Z])\b)", after) and not m["fiscal"]:
        return None
    context = bool(m["mod"] or m["fiscal"] or _PREP_BEFORE.search(before)
                   or re.match(r"(?:'s|\s*[,.;:)!?]|\s*$|\s+(?:and|to|when|as|because|after|"
                               r"before|while|with|until|or|through)\b)", after))
    if not (1900 <= y <= 2039 or context and 1000 <= y <= 2099):
        return None
    if not context and y > (ctx.anchor.year + 10 if ctx.anchor else 2040):
        return None
    return Value("DATE", f"{y:04d}", _mod(m))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@rule(rf"(?i:the)\s+{MODP}(?P<w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
      rf"nineties))(?![\w-])",
      gate=r"(?i:ties\b)")
def decade_in_words(m, ctx):
    if re.search(r"(?i:\b(?:his|her|their|my|your|our)\s+)$", _before(m, ctx, 12)):
        return None  # an age: "in their forties"
    d = _DECADE_WORDS[m["w"].lower()]
    year = ctx.anchor.year if ctx.anchor else 2000
    century = year // 100 if d * 10 <= year % 100 else year // 100 - 1
    return Value("DATE", f"{century}{d}", _mod(m))


@rule(rf"(?:{NUMBER}-)?(?P<unit>(?i:hours?|days?|weeks?|months?|years?|decades?))-long(?![\w-])",
      gate=r"(?i:-long\b)")
def long_adjective(m, ctx):
    unit = unit_key(m["unit"])
    if m["num"]:
        n = number(m["num"])
    else:
        n = None if m["unit"].lower().endswith("s") else 1
    return Value("DURATION", duration(n, unit))


@rule(rf"(?:(?i:the)\s+)?{MODP}(?P<dec>(?:1[0-9]|20)\d0|'\d0)s(?![\w'])",
      gate=r"\d0s\b")
def decade(m, ctx):
    dec = m["dec"]
    if dec.startswith("'"):
        d = int(dec[1:])
        year = ctx.anchor.year if ctx.anchor else 2030
        century = year // 100 if d <= year % 100 else year // 100 - 1
        return Value("DATE", f"{century}{d // 10}", _mod(m))
    return Value("DATE", dec[:3], _mod(m))


@rule(rf"(?:(?i:the)\s+)?{MODP}(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:first|second|third|fourth|"
      rf"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
      rf"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))(?:\s+|-)"
      rf"(?i:century)(?!\s+(?i:fox|plaza|city|club))",
      gate=r"(?i:century)")
def century(m, ctx):
    word = m["ord"].lower()
    n = ORDINALS.get(word) or int(re.match(r"\d+", word)[0]) if word[0].isdigit() else ORDINALS.get(word)
    if not n:
        return None
    return Value("DATE", f"{n - 1:02d}", _mod(m))


@rule(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
      r"(?:[T ](?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?(?![\d-])",
      gate=r"\d-\d")
def iso_date(m, ctx):
    date = cal.valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if not date:
        return None
    if m["hh"]:
        return Value("TIME", f"{cal.day(date)}T{m['hh']}:{m['mi']}")
    return Value("DATE", cal.day(date))


@rule(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\d/.]\d)",
      gate=r"\d[/.]\d")
def numeric_date(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    day_first = ctx.day_first or m["sep"] == "." or a > 12
    mo, d = (b, a) if day_first else (a, b)
    date = cal.valid_day(y, mo, d)
    return Value("DATE", cal.day(date)) if date else None


# -- relative dates ---------------------------------------------------------------------------
_REL_OFFSET = {"last": -1, "previous": -1, "past": -1, "this past": -1, "the past": -1,
               "the last": -1, "the previous": -1, "next": 1, "the coming": 1,
               "this coming": 1, "coming": 1, "the following": 1, "the next": 1, "this": 0,
               "the current": 0, "the present": 0, "current": 0, "the": 0, "the same": 0,
               "the latest": 0}


@rule(rf"{MODP}(?P<rel>(?i:this\s+past|this\s+coming|the\s+coming|the\s+following|"
      rf"the\s+previous|the\s+past|the\s+last|the\s+current|the\s+present|the\s+same|the\s+latest|"
      rf"last|this|next|past|coming|previous|current|the))\s+(?P<fiscal>(?i:fiscal|calendar|full)\s+)?"
      rf"(?P<unit>(?i:week|month|year|weekend))(?![\w-])",
      gate=r"(?i:week|month|year)")
def relative_unit(m, ctx):
    unit = m["unit"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    after = _after(m, ctx, 20)
    if rel in ("the", "the same", "the following", "the previous", "the last") and not m["mod"]:
        if unit == "year" and re.match(r"\s+(?:ended|ending|to)\b", after):
            return Value("DURATION", "P1Y")
        if rel in ("the following", "the previous", "the same", "the last"):
            return None  # anchored on another event, not on the document date
        if unit == "month" or unit == "week" and re.match(r"\s+(?:before|after|of)\b", after):
            return None
        if re.match(r"\s+(?:before|after|of|in|that|when)\b", after) and unit != "year":
            return None
    if rel == "the" and unit == "year" and re.match(r"\s+(?:before|after)\b", after):
        return None
    if unit == "weekend" and rel in ("the", "this"):
        t = ctx.tense(*m.span())
        if not ctx.anchor:
            return Value("DATE", "XXXX-WXX-WE", _mod(m))
        a = ctx.anchor
        if t == FUTURE:
            sat = cal.shift_weekday(a, 6, +1, allow_same=True)
        else:
            sat = cal.shift_weekday(a, 6, -1, allow_same=True)
        return Value("DATE", cal.week(sat) + "-WE", _mod(m))
    n = _REL_OFFSET[rel]
    if unit == "weekend" and ctx.anchor and n:
        sat = cal.shift_weekday(ctx.anchor, 6, n, allow_same=False)
        return Value("DATE", cal.week(sat) + "-WE", _mod(m))
    return Value("DATE", ctx.unit_offset(unit, n), _mod(m))


@rule(r"(?:(?i:the|around|about)\s+)?(?i:year[-\s]end|year's\s+end)(?![\w-])",
      gate=r"(?i:year[-\s]end|year's\s+end)")
def year_end(m, ctx):
    if not ctx.anchor:
        return Value("DATE", "XXXX-12", "APPROX" if m[0].lower().startswith(("around", "about")) else None)
    mod = "APPROX" if m[0].lower().startswith(("around", "about")) else None
    return Value("DATE", cal.month(ctx.anchor.year, 12), mod)


@rule(rf"{MODP}(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+previous|"
      rf"the\s+following))\s+)?{WEEKDAY}(?P<pl>s(?![\w']))?(?:\s+{PART_OF_DAY}s?)?(?![\w-])",
      gate=_G_WEEKDAY)
def weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower()]
    pod = m["pod"]
    if m["pl"]:
        value = f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[pod.lower()]}" if pod else "")
        return Value("SET", value)
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if rel in ("the previous", "the following"):
        return None
    if rel == "last":
        value = ctx.weekday_of_week(wd, -1)  # "last Tuesday": the Tuesday of last week
    elif rel == "next":
        value = ctx.weekday_of_week(wd, +1)
    elif rel == "this past":
        value = ctx.weekday(wd, -1, allow_same=False)
    elif rel == "this coming":
        value = ctx.weekday(wd, +1, allow_same=False)
    else:
        value = ctx.weekday_by_tense(wd, ctx.tense(*m.span()))
    v = _day_part(ctx, value, pod)
    v.type = "DATE"  # TempEval-3 annotators mostly type "Friday night" as a DATE
    v.mod = _mod(m)
    return v


@rule(rf"{MODP}(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|"
      rf"today|tomorrow|tonight))(?:\s+{PART_OF_DAY})?(?![\w-])",
      gate=r"(?i:yesterday|today|tomorrow|tonight)")
def deictic_day(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
              "the day before yesterday": -2, "the day after tomorrow": 2}[w]
    pod = m["pod"] or ("night" if w == "tonight" else None)
    v = _day_part(ctx, ctx.day_offset(offset), pod)
    v.mod = _mod(m)
    return v


@rule(rf"{MODP}(?P<rel>(?i:this|last))\s+{PART_OF_DAY}(?![\w-])",
      gate=_G_POD)
def this_part_of_day(m, ctx):
    rel, pod = m["rel"].lower(), m["pod"].lower()
    offset = -1 if rel == "last" and pod in ("night", "evening") else 0
    if rel == "last" and pod not in ("night", "evening"):
        return None
    v = _day_part(ctx, ctx.day_offset(offset), pod)
    v.mod = _mod(m)
    return v


@rule(rf"(?P<w>(?i:mid|late|early))[-\s](?P<pod>(?i:morning|afternoon|evening))"
      rf"(?:\s+(?P<day>(?i:yesterday|today|tomorrow)))?(?![\w-])",
      gate=_G_POD)
def part_of_day(m, ctx):
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, None: 0}[(m["day"] or "").lower() or None]
    mod = {"mid": "MID", "late": "END", "early": "START"}[m["w"].lower()]
    return Value("TIME", f"{ctx.day_offset(offset)}T{PARTS_OF_DAY[m['pod'].lower()]}", mod)


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26)}


@rule(rf"(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|"
      rf"Independence\s+Day|Halloween|Valentine's\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day|"
      rf"Boxing\s+Day)(?:,?\s+{YEAR})?(?![\w-])",
      gate=r"Christmas|New\s+Year|Thanksgiving|Independence|Halloween|Valentine|Labor|Memorial|Boxing|Election")
def holiday(m, ctx):
    h = re.sub(r"\s+", " ", m["h"].lower())
    if re.match(r"\s+(?:tree|card|carol|present|gift|party|shopping|season|sales?)", _after(m, ctx)):
        return None

    def on(y: int) -> dt.date:
        if h in _HOLIDAYS:
            mo, d = _HOLIDAYS[h]
            return dt.date(y, mo, d)
        if h.startswith("thanksgiving"):
            return cal.shift_weekday(dt.date(y, 11, 1), 4, +1, allow_same=True) + dt.timedelta(weeks=3)
        if h == "labor day":
            return cal.shift_weekday(dt.date(y, 9, 1), 1, +1, allow_same=True)
        if h == "election day":  # US: the Tuesday after the first Monday in November
            return cal.shift_weekday(dt.date(y, 11, 1), 1, +1, allow_same=True) + dt.timedelta(days=1)
        return cal.shift_weekday(dt.date(y, 5, 31), 1, -1, allow_same=True)  # memorial day

    if m["year"]:
        return Value("DATE", cal.day(on(int(m["year"]))))
    if not ctx.anchor:
        d = on(2000)
        return Value("DATE", f"XXXX-{d.month:02d}-{d.day:02d}")
    a = ctx.anchor
    options = [on(a.year - 1), on(a.year), on(a.year + 1)]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        return Value("DATE", cal.day(max(d for d in options if d < a)))
    if rel == "next":
        return Value("DATE", cal.day(min(d for d in options if d > a)))
    return Value("DATE", cal.day(ctx.nearest(options, ctx.tense(*m.span()))))


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "presently": "PRESENT_REF",
    "at present": "PRESENT_REF", "the moment": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "more recently": "PAST_REF",
    "most recently": "PAST_REF", "until recently": "PAST_REF", "in recent years": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the near term": "FUTURE_REF",
}


@rule(r"(?i:(?<![\w-])(?:now|currently|current|nowadays|these\s+days|"
      r"the\s+present|more\s+recently|recently|lately|the\s+past|"
      r"the\s+(?:near|distant)\s+future|the\s+future|soon|as\s+soon\s+as\s+possible|"
      r"a\s+later\s+date|the\s+(?:near|short)\s+term)(?![\w-]))",
      gate=r"(?i:now|current|recent|lately|past|previous|formerly|future|soon|these\s+days|present|"
           r"\bterm\b)")
def reference(m, ctx):
    w = re.sub(r"\s+", " ", m[0].lower())
    after = _after(m, ctx, 25)
    if w == "current" and re.match(r"(?i)\s+(?:account|affairs|events|assets|liabilities|"
                                   r"ratio|flowing|of\b|density|draw|sea)", after):
        return None
    if w == "future" and re.match(r"(?i)(?:s\b|\s+(?:tense|contract|market))", after):
        return None
    if w == "as soon as possible" or w == "a later date":
        return Value("DATE", "FUTURE_REF")
    if w == "soon" and (re.match(r"(?i)\s+(?:after|before|as|enough|to\s+be)\b", after)
                        or re.search(r"(?i)\b(?:as|too|so|how)\s+$", _before(m, ctx, 8))):
        return None  # "as soon as", "soon after the vote": a relation, not a time
    if w == "soon" and ctx.tense(*m.span()) == PAST:
        return None  # "he was soon released": shortly after another event
    if w in ("the past", "recent") and re.match(r"(?i)\s+(?:\d|few|several|two|three|four|five|decade|century|"
                                                r"six|seven|eight|nine|ten|twelve|couple)", after):
        return None
    if w == "the past" and re.match(r"(?i)\s*(?:'s)", after):
        return None
    return Value("DATE", _REFS[w])


@rule(r"(?i:(?<![\w-])(?P<rel>recent|past|coming|the\s+coming|in\s+the\s+coming)\s+"
      r"(?P<unit>years|months|weeks|days|decades|times|hours))(?![\w-])",
      gate=r"(?i:recent|past|coming)")
def plural_reference(m, ctx):
    rel = m["rel"].lower().split()[-1]
    if rel == "coming":
        unit = unit_key(m["unit"])
        if unit not in UNITS:
            return None
        return Value("DURATION", duration(None, unit))
    unit = unit_key(m["unit"])
    if rel == "recent" and unit in UNITS and unit != "year":
        return Value("DURATION", duration(None, unit))
    return Value("DATE", "PAST_REF")


# -- "two years ago", "a year earlier", "year-ago" --------------------------------------------
@rule(rf"(?:{DURMOD}\s+)?{NUMBER}(?:\s+|-)(?:(?i:more)\s+)?{UNIT}(?P<orso>\s+(?i:or\s+so))?\s+(?P<dir>(?i:ago|earlier|from\s+now|hence))(?![\w-])",
      gate=r"(?i:\bago\b|earlier|from\s+now|hence)")
def ago(m, ctx):
    unit = unit_key(m["unit"])
    if unit not in UNITS:
        return None
    if is_vague(m["num"]):
        return Value("DATE", "PAST_REF" if m["dir"].lower() in ("ago", "earlier") else "FUTURE_REF")
    n = number(m["num"])
    if n is None:
        return None
    sign = -1 if m["dir"].lower() in ("ago", "earlier") else 1
    dmod = re.sub(r"\s+", " ", (m["dmod"] or "").lower())
    mod = None
    if dmod in ("about", "around", "some", "nearly", "almost", "approximately", "roughly"):
        mod = "APPROX"
    elif dmod in ("more than", "over"):
        mod = "BEFORE" if sign < 0 else "AFTER"
    elif dmod in ("less than", "under", "fewer than"):
        mod = "AFTER" if sign < 0 else "BEFORE"
    if m["orso"]:
        mod = "APPROX"
    k = int(round(n * sign))
    if unit in ("hour", "minute", "second"):
        if not ctx.anchor:
            return Value("DATE", "XXXX-XX-XX", mod)
        return Value("DATE", cal.day(ctx.anchor), mod)
    if unit == "fortnight":
        unit, k = "week", 2 * k
    if unit == "decade":
        unit, k = "year", 10 * k
    if unit == "century":
        unit, k = "year", 100 * k
    if unit not in ("day", "week", "month", "quarter", "year"):
        return None
    if unit == "year" and k == -1 and ctx.anchor and _quarterly(ctx):
        y, q = ctx.reference_quarter()
        return Value("DATE", f"{y - 1:04d}-Q{q}", mod)
    return Value("DATE", ctx.unit_offset(unit, k), mod)


@rule(r"(?:(?i:the|a)\s+)?(?i:year[-\s](?:earlier|ago))(?:\s+(?P<what>(?i:period|quarter)))?(?![\w-])",
      gate=r"(?i:year[-\s](?:earlier|ago))")
def year_earlier(m, ctx):
    v = _year_earlier_value(m, ctx)
    if not m["what"] and m[0][:1].lower() in ("t", "a") and "-" in m[0]:
        v.span = (m.end() - len(re.search(r"year[-\s]\w+$", m[0], re.I)[0]), m.end())
    return v


def _year_earlier_value(m, ctx):
    what = (m["what"] or "").lower()
    if not ctx.anchor:
        return Value("DATE", "XXXX-QX" if what in ("quarter", "period") else "XXXX")
    if what in ("quarter", "period") or _quarterly(ctx):
        y, q = ctx.reference_quarter()
        return Value("DATE", f"{y - 1:04d}-Q{q}")
    return Value("DATE", f"{ctx.anchor.year - 1:04d}")


def _quarterly(ctx: Context) -> bool:
    """Whether the document reports quarterly results, where "a year ago" is the same quarter
    of the previous year."""
    if "_quarterly" not in ctx.cache:
        ctx.cache["_quarterly"] = bool(re.search(r"(?i)\bquarter(?!s)\b", ctx.text))
    return ctx.cache["_quarterly"]


# -- quarters, halves, seasons ----------------------------------------------------------------
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                  "3rd": 3, "4th": 4}


@rule(rf"(?:(?P<det>(?i:the|this|that|its|their|his|her|our|(?P<yrel>last|this|next)\s+year's|"
      rf"the\s+year's)|(?:(?i:the)\s+)?{YEAR}(?:'s)?)\s+)?(?:(?i:fiscal|calendar)\s+)?(?:(?P<ord>(?i:first|second|"
      rf"third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|prior|most\s+recent|"
      rf"year-ago|year-earlier|year\s+ago|comparable|same|next|coming|just-ended|just\s+ended|"
      rf"recent))(?:\s+|-))?(?:(?i:fiscal|calendar)\s+)?(?P<q>(?i:quarter|period))(?![\w-])"
      rf"(?:,?\s+(?:(?i:of)\s+)?(?:(?i:fiscal)\s+)?{YEAR2}|(?P<ago>\s+(?i:a\s+year\s+(?:ago|earlier))))?",
      gate=r"(?i:quarter|period)")
def quarter(m, ctx):
    det = (m["det"] or "").lower()
    ordw = re.sub(r"\s+", " ", (m["ord"] or "").lower())
    if not det and not ordw:
        return None
    if m["ago"]:  # "the quarter a year ago": the same quarter of the year before
        if m["year"] or ordw not in ("", "latest", "same", "comparable", "current", "first",
                                      "second", "third", "fourth", "1st", "2nd", "3rd", "4th"):
            return None
        if not ctx.anchor:
            return Value("DATE", "XXXX-QX")
        n = _QUARTER_WORDS.get(ordw)
        y, q = ctx.reference_quarter()
        return Value("DATE", f"{y - 1:04d}-Q{n or q}")
    if m["q"].lower() == "period":
        if not ctx.anchor or not (m["year"] or ordw in ("latest", "current", "year-ago",
                                                          "year-earlier", "comparable", "same")):
            return None
        if not m["year"]:
            y, q = ctx.reference_quarter()
            if ordw in ("year-ago", "year-earlier", "comparable"):
                y -= 1
            return Value("DATE", f"{y:04d}-Q{q}")
        q = ctx.reference_quarter()[1]
        return Value("DATE", f"{m['year']}-Q{q}")
    if m["year"] and not ordw and ctx.anchor:
        return Value("DATE", f"{m['year']}-Q{ctx.reference_quarter()[1]}")
    if det in ("his", "her") and not ordw:
        return None
    explicit = m["year"] or m["year2"]
    n = _QUARTER_WORDS.get(ordw)
    v = _quarter_value(m, ctx, det, ordw, explicit, n)
    if v is not None and m["ord"] and (det in ("its", "their", "his", "her", "our", "that")
                                       or ctx.text[m.end("ord")] == "-") and not m["year"]:
        v.span = (m.start("ord"), m.end())
    return v


def _quarter_value(m, ctx, det, ordw, explicit, n):
    a = ctx.anchor
    if n:
        if explicit:
            y = int(explicit)
        elif m["yrel"]:
            if not a:
                return Value("DATE", f"XXXX-Q{n}")
            y = a.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        elif not a:
            return Value("DATE", f"XXXX-Q{n}")
        else:
            y = a.year
            if n > cal.quarter_of(a)[1] and ctx.tense(*m.span()) == PAST:
                y -= 1
        return Value("DATE", f"{y:04d}-Q{n}")
    if explicit:
        return None
    if not a:
        return Value("DATE", "XXXX-QX")
    if ordw in ("last", "past", "previous", "prior"):
        y, q = cal.quarter_of(a)
        k = y * 4 + q - 2
    elif ordw in ("next", "coming"):
        y, q = cal.quarter_of(a)
        k = y * 4 + q
    else:
        y, q = ctx.reference_quarter()
        k = y * 4 + q - 1
        if ordw in ("year-ago", "year-earlier", "year ago", "comparable") or m["yrel"] and m["yrel"].lower() == "last":
            k -= 4
    return Value("DATE", f"{k // 4:04d}-Q{k % 4 + 1}")


@rule(rf"(?:(?i:the)\s+)?(?P<h>(?i:first|second|last|latter|final|1st|2nd))\s+(?i:half)"
      rf"(?:\s+(?i:of)\s+(?:(?:(?i:fiscal)\s+)?{YEAR}|(?P<rel>(?i:this|last|next|the))\s+(?i:year)))?(?![\w-])",
      gate=r"(?i:\bhalf\b)")
def half(m, ctx):
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    if m["year"]:
        return Value("DATE", f"{m['year']}-H{h}")
    if not m["rel"] and not re.match(r"\s*(?:[,.;]|$)", _after(m, ctx)):
        return None
    if not ctx.anchor:
        return Value("DATE", f"XXXX-H{h}")
    y = ctx.anchor.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return Value("DATE", f"{y:04d}-H{h}")


@rule(rf"{MODP}(?:(?P<rel>(?i:last|this|next|this\s+past|this\s+coming|the\s+coming|the\s+past|"
      rf"the))\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))(?![\w-])(?:,?\s+(?:(?i:of)\s+)?(?:{YEAR}|{YEARW}))?",
      gate=r"(?i:spring|summer|fall|autumn|winter)")
def season(m, ctx):
    code = SEASONS[m["s"].lower()]
    if _year(m):
        return Value("DATE", f"{_year(m):04d}-{code}", _mod(m))
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    after = _after(m, ctx, 20)
    if not rel and not m["mod"] and not re.search(r"(?i:\b(?:in|during|by|since|until|through|"
                                                   r"over|this|last|next)\s+)$", _before(m, ctx)):
        return None
    if (re.match(r"\s+(?:of|in)\s+(?!\d)", after) and rel in ("", "the")
            or re.match(r"\s+[a-z]+s\b", after) and rel == "the"):
        return None
    if not ctx.anchor:
        return Value("DATE", f"XXXX-{code}", _mod(m))
    if rel in ("last", "this past", "the past"):
        y = cal.season_year(ctx.anchor, code, -1)
    elif rel in ("next", "this coming", "the coming"):
        y = cal.season_year(ctx.anchor, code, +1)
    else:
        cy, cur = cal.season_of(ctx.anchor)
        if cur == code:
            y = cy
        else:
            t = ctx.tense(*m.span())
            y = cal.season_year(ctx.anchor, code, -1 if t == PAST else +1 if t == FUTURE else 0)
    return Value("DATE", f"{y:04d}-{code}", _mod(m))


# -- durations --------------------------------------------------------------------------------
_SET_BEFORE = re.compile(r"(?i:(?:\d|cents?|dollars?|percent|%|times|once|twice|euros?|pounds?|"
                         r"yen|barrels|tons?|tonnes)\s*)$")


@rule(rf"(?:{DURMOD}\s+(?!(?i:the)\s))?(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|first|final|"
      rf"previous|coming|following|remaining|initial|full|entire|whole|better\s+part\s+of\s+the|"
      rf"last|other|same|ensuing|preceding|subsequent))\s+)?{NUMBER}(?:\s*-\s*|\s+)(?:(?i:more|"
      rf"long|straight|consecutive|successive|full|additional|extra|further|trading|business|"
      rf"working)\s+)?{UNIT}"
      rf"(?P<half>\s+(?i:and\s+a\s+half))?(?:\s+(?P<orso>(?i:or\s+so)))?",
      gate=_G_UNIT, need=rf"[\s-]{UNIT}")  # the unit always follows a space or hyphen in a match
def duration_rule(m, ctx):
    unit = unit_key(m["unit"])
    if unit not in UNITS:
        return None
    num = m["num"]
    after = _after(m, ctx, 12)
    if (m[0].lower() == "one day" and ctx.tense(*m.span()) == FUTURE
            and not re.search(r"(?i:\b(?:for|in|within|after|of|than|per|a|the|every|each|only|just|by)"
                              r"\s+|\d\s*)$", _before(m, ctx, 10))
            and not re.match(r"\s+(?:of|after|before|later|earlier|ago|and|or)\b", after)):
        return Value("DATE", "FUTURE_REF")  # "Islam will one day be ...": some day
    if re.match(r"(?i)[\s-]+old\b", after):
        return None  # ages: "a 10-year-old"
    if unit == "second" and num.lower() in ("a", "an"):
        return None
    if unit == "quarter" and num.lower() in ("a", "an", "three", "one") and not m["the"] and not m["rel"]:
        if num.lower() in ("a", "an", "three") and re.match(r"\s+of\b", after):
            return None
    n = None if is_vague(num) else number(num)
    if n is None and not is_vague(num):
        return None
    if m["half"] and n is not None:
        n += 0.5
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", num) and unit in ("quarter", "period", "month", "week"):
        return None
    if num.lower() in ("a", "an") and not m["the"] and not m["rel"] and not m["dmod"]:
        if _SET_BEFORE.search(_before(m, ctx, 12)) or re.search(r"(?i:\b(?:per|each|every))\s*$", _before(m, ctx, 8)):
            return Value("SET", duration(1, unit))
    if unit == "weekend":
        return None
    mod = None
    if m["dmod"]:
        mod = DURATION_MODS.get(re.sub(r"\s+", " ", m["dmod"].lower()))
    if m["orso"]:
        mod = "APPROX"
    v = _duration_value(m, unit, n, mod)
    if m["the"] and not m["rel"]:
        v.span = (m.start("num"), m.end())
    return v


def _duration_value(m, unit, n, mod):
    if unit == "quarter" and n:
        return Value("DURATION", f"P{int(n)}Q" if n == int(n) else duration(n * 3, "month"), mod)
    if m["the"] and m["rel"] and m["rel"].lower() in ("past", "last") and n is None:
        return Value("DURATION", duration(None, unit), mod)
    return Value("DURATION", duration(n, unit), mod)


@rule(r"(?:(?i:the)\s+)?(?i:past|last|previous|next|coming)\s+(?P<unit>(?i:decade|century))(?![\w-])",
      gate=r"(?i:decade|century)")
def past_decade(m, ctx):
    return Value("DURATION", duration(1, m["unit"].lower()))


@rule(r"(?i:(?<![\w-])(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries))(?![\w-])",
      gate=_G_UNIT)
def bare_plural_unit(m, ctx):
    if not re.search(r"(?i:\b(?:for|within|over|after|took|take|takes|lasted|last|spent|"
                     r"lasting|in)\s+)$", _before(m, ctx, 12)):
        return None
    if re.match(r"\s+(?:of|ago|later|before|after|earlier)\b", _after(m, ctx, 10)):
        return None
    return Value("DURATION", duration(None, unit_key(m["unit"])))


@rule(r"(?i:(?P<w>a\s+long\s+time|some\s+time|a\s+while|a\s+short\s+time))(?![\w-])",
      gate=r"(?i:time|while)")
def vague_duration(m, ctx):
    if not re.search(r"(?i:\b(?:for|in|after|within|take|takes|took)\s+)$", _before(m, ctx, 10)):
        return None
    return Value("DURATION", "PXM" if "some" in m["w"].lower() else "PXY")


# -- sets -------------------------------------------------------------------------------------
@rule(rf"(?i:(?P<q>every|each))\s+(?:(?i:other)\s+)?(?:(?P<n>\d+|(?i:two|three|four|five|six|"
      rf"ten|twelve|few))\s+)?(?P<what>(?i:seconds?|minutes?|hours?|days?|weeks?|months?|"
      rf"years?|quarters?|decades?|morning|afternoon|evening|night|weekend)|Monday|Tuesday|Wednesday|"
      rf"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
      rf"September|October|November|December|spring|summer|fall|autumn|winter)(?![\w-])",
      gate=r"(?i:every|each)")
def every(m, ctx):
    what = m["what"].lower()
    if m["q"].lower() == "each" and what in ("day", "week", "month", "year") and not m["n"]:
        if re.match(r"\s+(?:of)\b", _after(m, ctx, 5)):
            return None
    n = number(m["n"]) if m["n"] else (2 if re.search(r"other", m[0], re.I) else 1)
    if what in WEEKDAYS:
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[what]}")
    if what in MONTHS:
        return Value("SET", f"XXXX-{MONTHS[what]:02d}")
    if what in SEASONS:
        return Value("SET", f"XXXX-{SEASONS[what]}")
    if what in PARTS_OF_DAY:
        return Value("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if what == "weekend":
        return Value("SET", "XXXX-WXX-WE")
    unit = unit_key(what)
    return Value("SET", duration(n if n else None, unit))


@rule(r"(?i:(?<![\w-])(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|"
      r"semiannually|bimonthly)(?![\w-]))",
      gate=r"(?i:ly\b)")
def adverb_set(m, ctx):
    w = m["w"].lower()
    if w == "annually" and re.search(r"(?i:%|percent|a\s+rate\s+of)\s*$", _before(m, ctx, 20)):
        return None  # a growth rate ("rose 5% annually"), not a recurrence
    value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
             "semiannually": "P6M", "bimonthly": "P2M"}[w]
    if w in ("weekly", "monthly", "daily") and re.match(r"\s+(?:newspaper|magazine|paper|"
                                                       r"publication|journal)", _after(m, ctx)):
        return None
    return Value("SET", value)


@rule(rf"(?i:(?P<f>once|twice|three\s+times|four\s+times|\d+\s+times))\s+(?i:a|per|an|every)\s+"
      rf"(?P<unit>(?i:day|week|month|year|hour|minute))(?![\w-])",
      gate=r"(?i:once|twice|times)")
def frequency(m, ctx):
    return Value("SET", duration(1, m["unit"].lower()))


# -- clock times ------------------------------------------------------------------------------
_DAY_WORD = (r"(?P<dday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
             r"(?i:today|yesterday|tomorrow|tonight))")


@rule(rf"(?:(?P<approx>(?i:about|around|approximately|roughly|shortly\s+after|shortly\s+before|"
      rf"just\s+after|just\s+before))\s+)?(?<![\d:.,$])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?"
      rf"\s*(?P<ap>(?i:a\.m\.|p\.m\.|a\.m(?![a-z])|p\.m(?![a-z])|am(?![a-z])|pm(?![a-z])|"
      rf"o'clock))(?:\s+(?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|(?i:local\s+time)))?"
      rf"(?:,?\s+(?:(?i:on)\s+)?(?:{_DAY_WORD}|{MONTH}\s*{DAY}(?:,\s*{YEAR})?))?",
      gate=r"(?i:[ap]\.?m\b|o'clock)")
def clock(m, ctx):
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = m["ap"].lower()
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    if h > 23:
        return None
    if m["month"]:
        v = month_day(m, ctx)
        if v is None:
            return None
        day = v.value
    else:
        day = _day_of(ctx, m, m["dday"])
    mod = "APPROX" if m["approx"] and m["approx"].lower() in ("about", "around", "approximately", "roughly") else None
    v = Value("TIME", f"{day}T{h:02d}:{mi:02d}", mod)
    if not m["month"] and not m["dday"]:
        v.ref = Ref("clock", suffix=f"T{h:02d}:{mi:02d}")
    return v


@rule(rf"(?<![\d:.,$])(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|"
      rf"PDT|BST|CET|(?i:local\s+time|hours|hrs))(?![\w-])(?:,?\s+(?:(?i:on)\s+)?{_DAY_WORD})?",
      gate=r"\d\d:?\d\d")
def clock24(m, ctx):
    day = _day_of(ctx, m, m["dday"])
    v = Value("TIME", f"{day}T{int(m['h']):02d}:{m['mi']}")
    if not m["dday"]:
        v.ref = Ref("clock", suffix=f"T{int(m['h']):02d}:{m['mi']}")
    return v


@rule(r"(?<![\d:.,$])(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s+(?P<pod>(?i:in\s+the\s+(?:morning|"
      r"afternoon|evening)|at\s+night))(?![\w-])",
      gate=r"(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)", back=12)
def clock_part_of_day(m, ctx):
    h, mi = int(m["h"]), int(m["mi"] or 0)
    pod = m["pod"].lower()
    if ("afternoon" in pod or "evening" in pod or "night" in pod and h >= 6) and h < 12:
        h += 12
    if re.search(r"(?i:\b(?:at|by|until|from|around|about|after|before)\s+)$", _before(m, ctx, 10)) is None:
        return None  # "3 in the morning" needs its preposition to be a time
    v = Value("TIME", f"{ctx.day_offset(0)}T{h:02d}:{mi:02d}")
    v.ref = Ref("clock", suffix=f"T{h:02d}:{mi:02d}")
    return v


@rule(rf"(?P<w>(?i:noon|midnight|midday))(?:\s+{_DAY_WORD})?(?![\w-])",
      gate=r"(?i:noon|midnight|midday)")
def noon(m, ctx):
    day = _day_of(ctx, m, m["dday"])
    w = m["w"].lower()
    return Value("TIME", f"{day}T{'24:00' if w == 'midnight' else '12:00'}")


def _day_of(ctx: Context, m: re.Match, word: Optional[str]) -> str:
    if not word:
        return ctx.day_offset(0)
    w = word.lower()
    if w in WEEKDAYS:
        return ctx.weekday_by_tense(WEEKDAYS[w], ctx.tense(*m.span()))
    return ctx.day_offset({"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w])


# -- anchored on the narrative: "that year", "the following month", "the previous Friday" -----
@rule(rf"(?:(?P<mod>(?i:earlier|later))\s+)?(?P<det>(?i:that\s+same|that|the\s+same|the\s+following|"
      rf"the\s+next|the\s+previous|the\s+preceding|the\s+prior))\s+(?:(?P<unit>(?i:year|month|day|"
      rf"morning|afternoon|evening|night))|{WEEKDAY})(?![\w-])",
      gate=r"(?i:\b(?:that|same|following|next|previous|preceding|prior)\s+(?:year|month|day|morning|"
           r"afternoon|evening|night|mon|tue|wed|thu|fri|sat|sun))", back=30, fwd=20)
def anaphoric(m, ctx):
    det = re.sub(r"\s+", " ", m["det"].lower())
    after = _after(m, ctx, 15)
    offset = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1,
              "the prior": -1}.get(det, 0)
    mod = _mod(m)
    if m["wd"]:
        if det in ("that", "that same", "the same") or not offset:
            return None
        return Value("DATE", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}", mod,
                     ref=Ref("weekday", offset, weekday=WEEKDAYS[m["wd"].lower()]))
    unit = m["unit"].lower()
    if re.match(r"\s*(?:'s|of|when|that|in\s+which)\b", after) and unit != "day":
        return None
    if det == "the next" and unit in ("year", "month"):
        return None  # counted from the publication date: "the next year" (relative_unit)
    if unit in ("year", "month"):
        if det == "the same" and unit == "month":
            return None
        return Value("DATE", "XXXX" if unit == "year" else "XXXX-XX", mod, ref=Ref(unit, offset))
    if unit == "day":
        if re.match(r"\s+(?:of|in|when|after|before)\b", after) and det in ("the following", "the next",
                                                                          "the previous", "the prior"):
            return None
        return Value("DATE", "XXXX-XX-XX", mod, ref=Ref("day", offset))
    if det in ("that", "that same", "the same") and unit == "night" and False:
        return None
    code = PARTS_OF_DAY[unit]
    return Value("TIME", f"XXXX-XX-XXT{code}", mod, ref=Ref("day", offset, suffix=f"T{code}"))


# -- years in words, as broadcast transcripts write them ---------------------------------------
@rule(rf"(?:(?P<the>(?i:the\s+year))\s+)?(?i:(?<![\w-])(?:(?P<mod>early|late|mid)[\s-]+)?){YEARW}",
      gate=r"(?i:nineteen|twenty|two\s+thousand)")
def year_in_words(m, ctx):
    y = year_from_words(m["yw"])
    if y is None:
        return None
    if m["yw"].lower().startswith("two") and not (m["the"] or _PREP_BEFORE.search(_before(m, ctx))):
        return None  # "two thousand people"
    if not m["the"] and re.match(r"\s+(?:[a-z]+s|years?|people|dollars)\b", _after(m, ctx, 12)):
        return None
    return Value("DATE", f"{y:04d}", _mod(m))
