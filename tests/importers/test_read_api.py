"""After an import, the read API answers for the imported data: resolutions, actors, actions."""

from datetime import date

import pytest

from service.importers.ofac_csv import import_ofac_csv
from service.importers.un_xml import import_un_xml
from tests.conftest import client_for, make_key
from tests.importers.conftest import OFAC, UN, UN_NEWER, run

pytestmark = pytest.mark.anyio

UN_DESIGNATIONS = {
    "act-un-kpi.001-listed-2009-07-16",
    "act-un-kpi.002-listed-2009-07-16",
    "act-un-kpi.006-listed-2013-01-22",
    "act-un-kpe.001-listed-2009-04-24",
    "act-un-kpe.022-listed-2016-03-02",
}


@pytest.fixture
async def api(seeded_db):
    run(seeded_db, import_un_xml, UN)
    run(seeded_db, import_ofac_csv, OFAC, list_date=date(2021, 6, 1))
    async for client in client_for(seeded_db):
        client.url = seeded_db
        yield client


async def test_resolution_1718_lists_the_un_designations(api):
    response = await api.get("/v1/resolutions/1718/actions", params={"type": "designation", "limit": 500})
    items = response.json()["items"]
    assert {item["id"] for item in items} == UN_DESIGNATIONS
    assert [item["date"] for item in items] == sorted((item["date"] for item in items), reverse=True)
    assert (await api.get("/v1/resolutions/1718")).json()["action_count"] >= len(UN_DESIGNATIONS)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Yun Ho-chin", "un-kpi.001"),  # the alias
        ("YUN HO-JIN", "un-kpi.001"),  # the name
        ("Yun Hojin", "un-kpi.001"),  # another transliteration
        ("KOMID", "un-kpe.001"),
        ("Chong Chon Gang", "ofac-17069"),
    ],
)
async def test_actor_search_finds_targets_by_any_alias_and_transliteration(api, q, expected):
    items = (await api.get("/v1/actors", params={"q": q})).json()["items"]
    assert items[0]["id"] == expected


async def test_a_weak_alias_is_shown_with_its_actor_but_neither_searched_nor_screened(api):
    """OFAC lists 'RGB' as a weak AKA of the Reconnaissance General Bureau (a.k.a. 'RGB' in its remarks): a name
    to confirm a hit found otherwise, which OFAC does not expect anyone to screen on (FAQs 122 to 124)."""
    actor = (await api.get("/v1/actors/ofac-12210")).json()
    assert actor["weak_aliases"] == ["RGB"]
    assert "RGB" not in actor["aliases"]
    found = (await api.get("/v1/actors", params={"q": "RGB"})).json()["items"]
    assert "ofac-12210" not in [item["id"] for item in found]

    async def screened(name: str) -> list[str]:
        answer = (await api.post("/v1/match", json={"queries": [{"name": name}]})).json()
        return [candidate["actor"]["id"] for candidate in answer["results"][0]["candidates"]]

    assert "ofac-12210" not in await screened("RGB")
    assert (await screened("Reconnaissance General Bureau"))[:1] == ["ofac-12210"]


async def test_actor_detail_shows_identifiers_and_addresses(api):
    actor = (await api.get("/v1/actors/un-kpe.022")).json()
    assert {"scheme": "imo", "value": "5342883", "country": None, "note": None} in actor["identifiers"]
    assert actor["addresses"][0]["address"].endswith("Democratic People's Republic of Korea")


async def test_ofac_designations_are_listed_under_their_imposer(api):
    items = (await api.get("/v1/actions", params={"actor": "body-us-ofac", "limit": 500})).json()["items"]
    assert len(items) == 9
    assert {item["type"] for item in items} == {"designation"}


async def test_a_delisted_target_shows_its_designation_and_its_delisting(api):
    run(api.url, import_un_xml, UN_NEWER)
    items = (await api.get("/v1/actors/un-kpi.002/actions")).json()["items"]
    assert [(item["type"], item["date"]) for item in items] == [
        ("delisting", "2026-03-10"),
        ("designation", "2009-07-16"),
    ]
    delistings = (await api.get("/v1/actions", params={"type": "delisting"})).json()["items"]
    assert [item["id"] for item in delistings] == ["act-un-kpi.002-delisted-2026-03-10"]


async def test_a_listed_actor_cannot_be_deleted_while_its_list_entry_names_it(api):
    write = {"Authorization": f"Bearer {make_key(api.url, 'writer', 'write')}"}
    assert (await api.delete("/v1/actions/act-un-kpi.001-listed-2009-07-16", headers=write)).status_code == 204
    response = await api.delete("/v1/actors/un-kpi.001", headers=write)
    assert response.status_code == 409 and "list_entries" in response.json()["detail"]
    assert (await api.get("/v1/actors/un-kpi.001")).json()["name"] == "YUN HO-JIN"
