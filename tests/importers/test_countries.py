"""Country names as the lists write them, to ISO codes, from ISO 3166 (pycountry) and the lists' own forms."""

import pytest

from service.importers.countries import country_code, only_country


@pytest.mark.parametrize(
    "name, code",
    [
        ("Democratic People's Republic of Korea", "KP"),  # the UN list
        ("Korea, North", "KP"),  # OFAC
        ("Iran (Islamic Republic of)", "IR"),  # the UN list's inversion of ISO's "Iran, Islamic Republic of"
        ("Islamic Republic of Iran", "IR"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Burma", "MM"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("St. Kitts & Nevis", "KN"),
        ("The Gambia", "GM"),
        ("Congo, Democratic Republic of the", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("china, hong kong special administrative region", "HK"),
        ("Kosovo", "XK"),
    ],
)
def test_the_names_lists_write_give_their_code(name: str, code: str):
    assert country_code(name) == code


@pytest.mark.parametrize("name", ["Korea", "Atlantis", "Pyongyang", "", None])
def test_a_name_that_is_not_one_country_gives_none(name):
    assert country_code(name) is None


def test_only_one_country_among_the_names_gives_a_code():
    assert only_country(["Korea, North", "Democratic People's Republic of Korea"]) == "KP"
    assert only_country(["Korea, North", "Korea, South"]) is None
    assert only_country(["Korea, North", "Atlantis"]) is None
    assert only_country([]) is None
