import pytest

pytestmark = pytest.mark.anyio


async def test_resolutions_are_listed_by_number_with_their_action_counts(client):
    items = (await client.get("/v1/resolutions")).json()["items"]
    assert [r["number"] for r in items] == [1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397]
    counts = {r["number"]: r["action_count"] for r in items}
    assert counts[1718] == counts[1874] == counts[2270] == 1
    assert counts[2397] == 0


async def test_resolution_pages_walk_every_resolution_once(client):
    seen, cursor = [], None
    while True:
        body = (
            await client.get("/v1/resolutions", params={"limit": 3} | ({"cursor": cursor} if cursor else {}))
        ).json()
        seen += [r["number"] for r in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 10


async def test_one_resolution_by_number(client):
    response = await client.get("/v1/resolutions/2270")
    body = response.json()
    assert (body["symbol"], body["year"], body["adopted_on"]) == ("S/RES/2270 (2016)", 2016, "2016-03-02")
    assert response.headers["etag"]
    again = await client.get("/v1/resolutions/2270", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


async def test_the_actions_citing_a_resolution_come_with_the_citation(client):
    body = (await client.get("/v1/resolutions/1874/actions")).json()
    [action] = body["items"]
    assert action["id"] == "act-2024-10-29-us-condemns-russia-dprk-training"
    assert {r["number"] for r in action["resolutions"]} == {1718, 1874, 2270}
    assert (await client.get("/v1/resolutions/2397/actions")).json() == {"items": [], "next_cursor": None}


async def test_the_actions_of_a_resolution_take_the_action_filters(client):
    assert (await client.get("/v1/resolutions/1718/actions", params={"type": "veto"})).json()["items"] == []
    assert len((await client.get("/v1/resolutions/1718/actions", params={"country": "RU"})).json()["items"]) == 1


async def test_a_query_resolution_contradicting_the_path_is_refused(client):
    response = await client.get("/v1/resolutions/1718/actions", params={"resolution": 2270})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "resolution"


@pytest.mark.parametrize("path", ["/v1/resolutions/9999", "/v1/resolutions/9999/actions"])
async def test_an_unknown_resolution_is_404(client, path):
    response = await client.get(path)
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/v1/resolutions/abc", "/v1/resolutions/0/actions", "/v1/resolutions/1e3"])
async def test_a_resolution_that_is_not_a_positive_integer_is_422_naming_number(client, path):
    response = await client.get(path)
    assert response.status_code == 422
    assert response.json()["errors"][0] == response.json()["errors"][0] | {"field": "number", "location": "path"}
