"""Words that name a kind of place after its name ('Nawa district', 'Faskari LGA', 'Kidal region', 'Salla
village'): one list for recognising places and for placing events."""
from __future__ import annotations

from .sources import ADMIN1, ADMIN2, CITY

# administrative units, by the gazetteer level of the unit they name; the units below a district (a tehsil,
# an upazila, a commune) are read as the town they are named after
ADMIN_UNITS = {"province": ADMIN1, "governorate": ADMIN1, "state": ADMIN1, "region": ADMIN1, "oblast": ADMIN1,
               "prefecture": ADMIN1, "department": ADMIN1,
               "district": ADMIN2, "county": ADMIN2, "municipality": ADMIN2, "lga": ADMIN2, "raion": ADMIN2,
               "rayon": ADMIN2,
               "subdistrict": CITY, "sub-district": CITY, "tehsil": CITY, "upazila": CITY, "township": CITY,
               "commune": CITY, "barangay": CITY}
SETTLEMENTS = ("city", "town", "village")
# parts of a place, and places below the gazetteer ('the Kalma camp', 'Al Kirsh front')
LOCALITIES = ("area", "neighbourhood", "neighborhood", "suburb", "quarter", "camp", "front", "settlement",
              "community", "locality")


def plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def forms(words) -> set[str]:
    """`words`, singular and plural."""
    return {f for w in words for f in (w, plural(w))}


def pattern(words) -> str:
    """A regular expression group matching any of `words`, singular or plural."""
    return "(?:" + "|".join(sorted(forms(words), key=lambda f: (-len(f), f))).replace("-", r"\-") + ")"
