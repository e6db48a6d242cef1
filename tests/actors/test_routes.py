import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "q",
    [
        "DPRK",
        "North Korea",
        "Democratic People's Republic of Korea",
        "Democratic People’s Republic of Korea",
        "democratic peoples republic of korea",
        "NORTH-KOREA",
        "Korea, North",
        "Pyongyang",
        "dprk.",
    ],
)
async def test_every_name_of_north_korea_finds_it_first(client, q):
    items = (await client.get("/v1/actors", params={"q": q})).json()["items"]
    assert items[0]["id"] == "state-kp"
    assert items[0]["score"] >= 95
    assert all(item["score"] <= items[0]["score"] for item in items)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Kim Jong Un", "person-kim-jong-un"),
        ("kim jong-un", "person-kim-jong-un"),
        ("jong un kim", "person-kim-jong-un"),
        ("the Kremlin", "state-ru"),
        ("Britain", "state-gb"),
        ("ROK", "state-kr"),
    ],
)
async def test_search_forgives_transliteration_word_order_and_case(client, q, expected):
    assert (await client.get("/v1/actors", params={"q": q})).json()["items"][0]["id"] == expected


async def test_search_ranks_the_exact_name_above_a_near_one(client):
    items = (await client.get("/v1/actors", params={"q": "South Korea"})).json()["items"]
    assert [item["id"] for item in items[:2]] == ["state-kr", "state-kp"]
    assert items[0]["score"] > items[1]["score"]
    assert items[0]["matched"] == "South Korea"


async def test_search_finds_nothing_for_a_name_nobody_has(client):
    assert (await client.get("/v1/actors", params={"q": "Atlantis"})).json()["items"] == []


async def test_search_narrows_by_kind(client):
    items = (await client.get("/v1/actors", params={"q": "Kim Jong Un", "kind": "state"})).json()["items"]
    assert "person-kim-jong-un" not in [item["id"] for item in items]


async def test_actors_are_listed_by_name_and_paged(client):
    seen, cursor = [], None
    while True:
        params = {"limit": 6} | ({"cursor": cursor} if cursor else {})
        body = (await client.get("/v1/actors", params=params)).json()
        seen += [(item["name"], item["id"]) for item in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert seen == sorted(seen) and len(seen) == 20


async def test_actors_filter_by_country_and_kind(client):
    items = (await client.get("/v1/actors", params={"country": "kp"})).json()["items"]
    assert {item["id"] for item in items} == {"state-kp", "person-kim-jong-un"}
    items = (await client.get("/v1/actors", params={"kind": "person"})).json()["items"]
    assert {item["id"] for item in items} == {"person-kim-jong-un", "person-vladimir-putin"}


async def test_one_actor_with_its_aliases_and_etag(client):
    response = await client.get("/v1/actors/state-kp")
    assert response.json()["aliases"] == ["DPRK", "N. Korea", "North Korea", "Pyongyang"]
    assert (
        await client.get("/v1/actors/state-kp", headers={"If-None-Match": response.headers["etag"]})
    ).status_code == 304
    assert (await client.get("/v1/actors/state-xx")).status_code == 404


async def test_the_actions_of_an_actor_narrow_by_role(client):
    body = (await client.get("/v1/actors/state-ru/actions", params={"role": "imposer"})).json()
    assert [a["type"] for a in body["items"]] == ["veto", "denial"]
    everything = (await client.get("/v1/actors/state-ru/actions")).json()["items"]
    assert len(everything) > 2
    assert all(any(x["id"] == "state-ru" for x in a["actors"]) for a in everything)
    assert (await client.get("/v1/actors/state-xx/actions")).status_code == 404


async def test_search_on_names_of_other_scripts_accents_and_spellings(migrated_url):
    from sqlalchemy.orm import Session

    from service.actors.writes import put_actor
    from service.config import Settings
    from service.db import make_engine
    from service.writes import acting_as

    engine = make_engine(Settings(database_url=migrated_url))
    with Session(engine) as session:
        acting_as(session, "test")
        put_actor(session, "un-kpi-001", name="YUN HO-JIN", kind="person", country="KP", aliases=["Yun Ho-chin"])
        put_actor(
            session, "org-societe", name="Société Générale de Négoce", kind="organization", country=None, aliases=[]
        )
        put_actor(session, "person-chang", name="Chang Ho-jin", kind="person", country="KR", aliases=[])
        session.commit()
    engine.dispose()
    expected = {
        "Yun Ho Jin": "un-kpi-001",
        "yun hojin": "un-kpi-001",
        "societe generale de negoce": "org-societe",
        "Chang Hojin": "person-chang",
    }
    async for other in client_for(migrated_url):
        for q, actor_id in expected.items():
            assert (await other.get("/v1/actors", params={"q": q})).json()["items"][0]["id"] == actor_id, q
