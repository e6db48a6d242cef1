import pytest

pytestmark = pytest.mark.anyio


async def test_officials_are_listed_with_their_latest_titles(client):
    items = (await client.get("/v1/officials")).json()["items"]
    by_id = {item["id"]: item for item in items}
    assert len(items) == 6
    assert by_id["official-matthew-miller"]["title"] == "Department Spokesperson"
    assert by_id["official-state-department-spokesperson-unnamed"]["name"] is None


async def test_what_an_official_announced_with_the_title_held_each_time(client):
    items = (await client.get("/v1/officials/official-matthew-miller/actions")).json()["items"]
    titles = [
        (a["date"], next(o["title"] for o in a["officials"] if o["id"] == "official-matthew-miller")) for a in items
    ]
    assert titles == [
        ("2024-10-29", "Department Spokesperson"),
        ("2024-05-16", "US State Department spokesperson"),
        ("2023-07-31", "State Department Press Secretary"),
    ]
    assert (await client.get("/v1/officials/nobody/actions")).status_code == 404


async def test_official_pages_and_one_official(client):
    first = (await client.get("/v1/officials", params={"limit": 4})).json()
    second = (await client.get("/v1/officials", params={"limit": 4, "cursor": first["next_cursor"]})).json()
    assert len(first["items"]) == 4 and len(second["items"]) == 2 and second["next_cursor"] is None
    response = await client.get("/v1/officials/official-dmitry-peskov")
    assert response.json()["organisation"] == "Kremlin" and response.headers["etag"]


async def test_sources_list_leaves_the_text_out_and_the_detail_has_it(client):
    items = (await client.get("/v1/sources")).json()["items"]
    assert len(items) == 5 and all("text" not in item for item in items)
    detail = (await client.get(f"/v1/sources/{items[0]['id']}")).json()
    import hashlib

    assert hashlib.sha256(detail["text"].encode()).hexdigest() == detail["sha256"] == items[0]["sha256"]
    assert (await client.get("/v1/sources/none")).status_code == 404


async def test_a_control_character_in_an_id_is_422_not_a_database_error(client):
    response = await client.get("/v1/sources/a%00b")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "source_id"
