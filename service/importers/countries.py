"""Country names as the official lists write them, to ISO 3166-1 alpha-2.

The names come from ISO 3166 as the `pycountry` package keeps it (each country's short, official and common
name, and the inverted forms lists write: "Iran (Islamic Republic of)" and "Islamic Republic of Iran" for
"Iran, Islamic Republic of"), and below, the other names the UN Security Council list and OFAC use and the
usual short names ISO does not give. A name that is none of these maps to nothing: a country is never guessed.
"""

import re
from collections.abc import Iterable
from functools import cache

import pycountry

from service.folding import fold

# Names lists write that ISO 3166 does not have: each seen in the UN or OFAC lists, or an everyday form.
_OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE",),
    "BN": ("Brunei",),
    "CD": ("Congo, Democratic Republic of the", "DRC"),
    "CG": ("Congo, Republic of the",),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "FK": ("Falkland Islands",),
    "FM": ("Micronesia",),
    "GB": ("UK", "Great Britain", "Britain"),
    "HK": ("Hong Kong", "China, Hong Kong Special Administrative Region"),
    "KP": ("Korea, North", "North Korea", "DPRK"),
    "KR": ("Korea, South", "South Korea"),
    "MK": ("Macedonia", "The former Yugoslav Republic of Macedonia"),
    "MF": ("Saint Martin",),
    "MM": ("Burma", "Myanmar (Burma)"),
    "MO": ("Macau", "China, Macao Special Administrative Region"),
    "NL": ("Netherlands (Kingdom of the)",),
    "PS": ("Palestine", "Palestinian Territories"),
    "RU": ("Russia",),
    "SH": ("Saint Helena",),
    "SX": ("Sint Maarten",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "US": ("USA",),
    "VA": ("Vatican City", "Holy See"),
    "XK": ("Kosovo",),  # not in ISO 3166-1; XK is the code the EU, the UN and OFAC's partners use
}


def _key(name: str) -> str:
    # "St. Kitts & Nevis" is "Saint Kitts and Nevis"; "The Gambia" is "Gambia".
    key = fold(name.replace("&", " and ").replace("’", "'"))
    return re.sub(r"^the ", "", re.sub(r"\bst\b", "saint", key))


def _iso_names(country) -> set[str]:
    names = {country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)}
    forms = {name for name in names if name}
    for name in list(forms):
        if ", " in name:
            head, tail = name.split(", ", 1)
            forms |= {f"{head} ({tail})", f"{tail} {head}"}
    return forms


@cache
def _codes() -> dict[str, str]:
    codes = {_key(name): country.alpha_2 for country in pycountry.countries for name in _iso_names(country)}
    codes |= {_key(name): code for code, names in _OTHER_NAMES.items() for name in names}
    return codes


COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries) | {"XK"}


def country_code(name: str | None) -> str | None:
    """The ISO code of a country name, or None when the name is not one this table knows."""
    return _codes().get(_key(name)) if name else None


def only_country(names: Iterable[str | None]) -> str | None:
    """The ISO code when all the names given are one known country; None when they are none, several or unknown."""
    codes = {country_code(name) for name in names}
    return codes.pop() if len(codes) == 1 else None
