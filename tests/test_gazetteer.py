"""The offline gazetteer: name folding, index build/load round trip, lookups."""
from __future__ import annotations

import pytest

from sitroom import gazetteer
from sitroom.gazetteer import names
from sitroom.gazetteer.index import compile_index, open_index, save
from sitroom.gazetteer.sources import ADMIN1, ALT, CITY, COUNTRY, Entry, extent_midpoint


def test_fold_keeps_length_and_folds_marks():
    text = "Deir ez-Zor, São Paulo and Al-Mash’had"
    folded = names.fold(text)
    assert len(folded) == len(text)
    assert folded == "deir ez zor, sao paulo and al mash'had"
    assert names.fold("حلب") == "حلب"  # other scripts pass through unchanged


def test_arabic_variants_cover_common_romanisations():
    v = names.arabic_variants(names.key("Ar Raqqah"))
    assert {"raqqa", "al raqqa", "raqqah"} <= v
    assert "ladhiqia" in names.arabic_variants("ladhiqiyah")


def test_extent_midpoint_ignores_a_far_outlier():
    pts = [(10.0 + i * 0.1, 20.0 + i * 0.1) for i in range(100)] + [(80.0, 170.0)]
    lat, lon = extent_midpoint(pts)
    assert abs(lat - 14.95) < 0.01 and abs(lon - 24.95) < 0.01


def test_extent_midpoint_reaches_a_thinly_settled_north():
    # many towns in a band in the south, a few spread across a large north: the middle of the
    # territory, not of the population
    south = [(42.0 + (i % 10) * 0.1, -80.0 + (i % 7) * 0.5) for i in range(300)]
    north = [(46.0 + i * 1.5, -85.0 + i) for i in range(7)]
    lat, lon = extent_midpoint(south + north)
    assert 48 < lat < 50


def _tiny_entries():
    syria = Entry(163843, "Syria", COUNTRY, "SY", 35.0, 38.0, 17_000_000, names=[("Syria", 0)])
    halab = Entry(170062, "Ḩalab", ADMIN1, "SY", 36.3, 37.5, 2_800_000, admin1="SY.09",
                  iso="SY-HL", names=[("Ḩalab", 0), ("Aleppo", ALT)])
    aleppo = Entry(170063, "Aleppo", CITY, "SY", 36.20124, 37.16117, 2_098_210, admin1="SY.09",
                   names=[("Aleppo", 0), ("Halab", ALT)])
    return [syria, halab, aleppo]


def test_index_round_trip(tmp_path):
    path = tmp_path / "g.pkl"
    save(compile_index(_tiny_entries(), {"SY"}), path)
    g = open_index(path)
    rows = [c.index for c in g.lookup("aleppo")]
    assert {int(g.geonameid[r]) for r in rows} == {170062, 170063}
    city = next(r for r in rows if g.feature(r) == "city")
    assert g.point(city) == (36.20124, 37.16117)
    assert g.country(city) == "SY" and g.admin1_name(city) == "Ḩalab"
    assert g.contains(g.country_row["SY"], city)
    # generated romanisations are in the automaton, found in text at the right offsets
    text = "Shelling hit al-Halab and Syria."
    hits = {(s, e) for s, e, _ in g.iter_matches(names.fold(text))}
    assert (13, 21) in hits and (text.index("Syria"), len(text) - 1) in hits


def test_outdated_index_is_refused(tmp_path):
    data = compile_index(_tiny_entries(), set())
    data["format"] = -1
    save(data, tmp_path / "old.pkl")
    with pytest.raises(ValueError):
        open_index(tmp_path / "old.pkl")


@pytest.fixture(scope="module")
def g():
    return gazetteer.load()


def test_full_index_knows_the_places_news_names(g):
    for name, feature, country in [("Aleppo", "city", "SY"), ("Syria", "country", "SY"),
                                   ("Lattakia", "city", "SY"), ("Texas", "admin1", "US"),
                                   ("Orange County", "admin2", "US")]:
        found = [(g.feature(c.index), g.country(c.index)) for c in g.lookup(name)]
        assert (feature, country) in found, name
    assert g.lookup("Deir ez-Zor") and g.lookup("Dayr az Zawr")
    assert not g.lookup("Qwzxv")


def test_every_place_point_is_on_earth(g):
    import numpy as np

    lat, lon = g.lat[~np.isnan(g.lat)], g.lon[~np.isnan(g.lon)]
    assert ((lat >= -90) & (lat <= 90)).all() and ((lon >= -180) & (lon <= 180)).all()
    assert len(g) > 200_000


def test_persian_variants_cover_ezafe_abad_and_final_ah():
    v = names.persian_variants(names.key("Pul-e ‘Alam"))
    assert {"puli alam", "pul i alam", "pul e alam", "pul alam"} <= v
    assert {"dawlat abad", "dowlatabad"} <= names.persian_variants(names.key("Dowlatābād"))
    assert "darai nur" in names.persian_variants(names.key("Darah-ye Nūr"))
    assert "nad e ali" in names.persian_variants(names.key("Nād ‘Alī"))
    assert names.persian_variants("kot") == {"kot"}
    # two words are also written as one ("Mirpurkhas", "Qaramqol"), not when one is a short particle
    assert "mirpurkhas" in names.persian_variants(names.key("Mirpur Khas"))
    assert "qaramqol" in names.persian_variants(names.key("Qaram Qōl"))
    assert "abband" not in names.persian_variants(names.key("Āb Band"))


def test_district_takes_the_point_of_its_namesake_town():
    from sitroom.gazetteer.sources import ADMIN2, admin2_seats

    prov = Entry(1, "Balkh", ADMIN1, "AF", 36.7, 67.0, admin1="AF.30", names=[("Balkh", 0)])
    town = Entry(2, "Dowlatabad", CITY, "AF", 36.99, 66.82, 5000, admin1="AF.30",
                 names=[("Dowlatabad", 0)])
    other = Entry(3, "Shortepa", CITY, "AF", 37.3, 66.9, 3000, admin1="AF.30",
                  names=[("Shortepa", 0)])
    district = Entry(4, "Dowlatābād", ADMIN2, "AF", admin1="AF.30", admin2="AF.30.1",
                     names=[("Dowlatābād", 0), ("Dawlat Abad District", ALT)])
    lonely = Entry(5, "Zzyzx District", ADMIN2, "AF", admin1="AF.30", admin2="AF.30.2",
                   names=[("Zzyzx District", 0)])
    admin2_seats([prov, town, other, district, lonely])
    assert (district.lat, district.lon) == (36.99, 66.82)
    assert district.kind == ADMIN2 and lonely.lat != lonely.lat  # no namesake: still no point
