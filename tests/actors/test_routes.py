import pytest

from tests.conftest import client_for, make_key

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


async def test_search_ranks_the_exact_name_first_at_100_and_leaves_out_a_name_one_word_away(client):
    for q, actor_id, matched, not_found in [
        ("South Korea", "state-kr", "South Korea", "state-kp"),
        ("North Korea", "state-kp", "North Korea", "state-kr"),
        ("Russian Federation", "state-ru", "Russian Federation", None),
        ("republic of korea", "state-kr", "Republic of Korea", None),
    ]:
        items = (await client.get("/v1/actors", params={"q": q})).json()["items"]
        assert (items[0]["id"], items[0]["score"], items[0]["matched"]) == (actor_id, 100, matched), q
        assert not_found not in [item["id"] for item in items], q


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


async def test_a_name_sharing_one_word_of_the_query_is_not_a_match(migrated_url):
    """Found when tried as a user would: 'Russian Federation' ranked a cartel known as "La Federacion" / "The
    Federation" as high as the state."""
    from sqlalchemy.orm import Session

    from service.actors.writes import put_actor
    from service.config import Settings
    from service.db import make_engine
    from service.writes import acting_as

    engine = make_engine(Settings(database_url=migrated_url))
    with Session(engine) as session:
        acting_as(session, "test")
        put_actor(session, "state-ru", name="Russian Federation", kind="state", country="RU", aliases=["Russia"])
        put_actor(
            session, "org-cartel", name="SINALOA CARTEL", kind="organization", country="MX", aliases=["FEDERATION"]
        )
        put_actor(
            session,
            "org-korea-mining",
            name="Korea Mining Development Trading Corporation",
            kind="organization",
            country="KP",
            aliases=["KOMID"],
        )
        session.commit()
    engine.dispose()
    async for api in client_for(migrated_url):
        items = (await api.get("/v1/actors", params={"q": "Russian Federation"})).json()["items"]
        assert [(item["id"], item["score"]) for item in items] == [("state-ru", 100)]
        # a query whose every word stands in a longer name still finds it, below an exact name
        items = (await api.get("/v1/actors", params={"q": "korea mining"})).json()["items"]
        assert [(item["id"], item["score"]) for item in items] == [("org-korea-mining", 90)]
        # and a misspelt one
        assert (await api.get("/v1/actors", params={"q": "Korae Minig"})).json()["items"][0]["id"] == "org-korea-mining"
        assert (await api.get("/v1/actors", params={"q": "federation"})).json()["items"][0]["id"] == "org-cartel"


async def test_the_search_index_follows_every_write_of_names_and_aliases(fresh_seeded_url):
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}

    async def found(api, q: str) -> list[tuple[str, str]]:
        items = (await api.get("/v1/actors", params={"q": q})).json()["items"]
        return [(item["id"], item["matched"]) for item in items if item["score"] == 100]

    async for api in client_for(fresh_seeded_url):
        body = {"id": "org-zephyr", "name": "Zephyr Maritime Holdings", "kind": "organization", "aliases": ["Zeph Co"]}
        assert (await api.post("/v1/actors", json=body, headers=write)).status_code == 201
        assert await found(api, "zephyr maritime holdings") == [("org-zephyr", "Zephyr Maritime Holdings")]
        assert await found(api, "zeph co") == [("org-zephyr", "Zeph Co")]

        patch = {"name": "Boreas Shipping Holdings", "aliases": ["Boreas Co"]}
        assert (await api.patch("/v1/actors/org-zephyr", json=patch, headers=write)).status_code == 200
        assert await found(api, "zephyr maritime holdings") == []
        assert await found(api, "zeph co") == []
        assert await found(api, "Boreas Shipping Holdings") == [("org-zephyr", "Boreas Shipping Holdings")]
        assert await found(api, "boreas co") == [("org-zephyr", "Boreas Co")]

        assert (await api.delete("/v1/actors/org-zephyr", headers=write)).status_code == 204
        assert await found(api, "Boreas Shipping Holdings") == []
        assert await found(api, "boreas co") == []


async def test_a_search_is_paged_instead_of_cut(client):
    everything = (await client.get("/v1/actors", params={"q": "Korea", "limit": 500})).json()
    assert len(everything["items"]) >= 2 and everything["next_cursor"] is None
    seen, cursor = [], None
    while True:
        page = await client.get(
            "/v1/actors", params={"q": "Korea", "limit": 1} | ({"cursor": cursor} if cursor else {})
        )
        body = page.json()
        seen += [(actor["id"], actor["score"]) for actor in body["items"]]
        if (cursor := body["next_cursor"]) is None:
            break
        assert 'rel="next"' in page.headers["link"]
    assert seen == [(actor["id"], actor["score"]) for actor in everything["items"]]
    listing_cursor = (await client.get("/v1/actors", params={"limit": 1})).json()["next_cursor"]
    refused = await client.get("/v1/actors", params={"q": "Korea", "cursor": listing_cursor})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "cursor"
