"""Writes on officials, sources and resolutions: create, change, delete, each in the change feed."""

import pytest

pytestmark = pytest.mark.anyio


async def feed_for(api, entity_id: str) -> list[str]:
    items = (await api.get("/v1/changes", params={"after": 0, "limit": 1000})).json()["items"]
    return [change["operation"] for change in items if change["entity_id"] == entity_id]


async def test_an_official_is_created_changed_and_deleted(api):
    write = api.auth_for["write"]
    created = await api.post("/v1/officials", json={"name": "Jane Doe", "title": "Spokesperson"}, headers=write)
    assert created.status_code == 201, created.text
    url = created.headers["location"]
    assert (await api.get(url)).json()["name"] == "Jane Doe"
    changed = await api.patch(
        url, json={"title": "Press Secretary"}, headers=write | {"If-Match": created.headers["etag"]}
    )
    assert changed.json() | {"id": None} == {
        "id": None,
        "name": "Jane Doe",
        "title": "Press Secretary",
        "organisation": None,
        "country": None,
    }
    stale = await api.delete(url, headers=write | {"If-Match": created.headers["etag"]})
    assert stale.status_code == 412
    assert (await api.delete(url, headers=write)).status_code == 204
    assert (await api.get(url)).status_code == 404
    assert await feed_for(api, created.json()["id"]) == ["create", "update", "delete"]


async def test_an_official_named_by_an_action_cannot_be_deleted(api):
    response = await api.delete("/v1/officials/official-matthew-miller", headers=api.auth_for["write"])
    assert response.status_code == 409 and "action_officials" in response.json()["detail"]
    assert (await api.get("/v1/officials/official-matthew-miller")).status_code == 200


async def test_an_official_with_a_bad_country_is_422(api):
    response = await api.post("/v1/officials", json={"name": "X", "country": "USA"}, headers=api.auth_for["write"])
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "country"


async def test_a_new_source_can_be_quoted_by_a_new_action_at_once(api):
    write = api.auth_for["write"]
    text = "On Monday the Council designated the vessel EXAMPLE under resolution 2397."
    source = await api.post(
        "/v1/sources", json={"id": "src-example", "text": text, "publisher": "Example"}, headers=write
    )
    assert source.status_code == 201 and source.json()["text"] == text
    action = {
        "type": "designation",
        "title": "Example designation",
        "date": "2024-01-01",
        "date_precision": "day",
        "sources": [{"id": "src-example", "quote": "the Council designated the vessel EXAMPLE"}],
        "resolutions": [{"number": 2397, "relation": "regime", "quote": "under resolution 2397"}],
    }
    assert (await api.post("/v1/actions", json=action, headers=write)).status_code == 201
    in_use = await api.delete("/v1/sources/src-example", headers=write)
    assert in_use.status_code == 409


async def test_the_same_text_twice_is_a_409_naming_the_source_that_has_it(api):
    write = api.auth_for["write"]
    await api.post("/v1/sources", json={"id": "src-a", "text": "Same words."}, headers=write)
    again = await api.post("/v1/sources", json={"text": "Same words."}, headers=write)
    assert again.status_code == 409 and "src-a" in again.json()["detail"]


async def test_a_source_text_cannot_be_patched(api):
    write = api.auth_for["write"]
    created = await api.post("/v1/sources", json={"text": "Original words."}, headers=write)
    response = await api.patch(created.headers["location"], json={"text": "Other words."}, headers=write)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "text"
    renamed = await api.patch(created.headers["location"], json={"title": "A title"}, headers=write)
    assert renamed.json()["title"] == "A title" and renamed.json()["sha256"] == created.json()["sha256"]


async def test_a_resolution_is_added_with_its_symbol_and_can_then_be_cited(api):
    write = api.auth_for["write"]
    created = await api.post(
        "/v1/resolutions", json={"number": 2718, "year": 2024, "adopted_on": "2024-01-05"}, headers=write
    )
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/v1/resolutions/2718"
    assert created.json() | {"action_count": 0} == {
        "id": "unscr-2718",
        "number": 2718,
        "year": 2024,
        "symbol": "S/RES/2718 (2024)",
        "title": None,
        "adopted_on": "2024-01-05",
        "action_count": 0,
    }
    assert (await api.post("/v1/resolutions", json={"number": 2718, "year": 2024}, headers=write)).status_code == 409
    wrong_year = await api.patch("/v1/resolutions/2718", json={"adopted_on": "2023-01-05"}, headers=write)
    assert wrong_year.status_code == 422
    assert (await api.delete("/v1/resolutions/2718", headers=write)).status_code == 204
    assert (await api.delete("/v1/resolutions/1718", headers=write)).status_code == 409  # cited by the seeds


async def test_record_writes_need_the_write_scope(api):
    for path, body in [
        ("/v1/officials", {"name": "X"}),
        ("/v1/sources", {"text": "x"}),
        ("/v1/resolutions", {"number": 1, "year": 2000}),
    ]:
        assert (await api.post(path, json=body)).status_code == 401
        assert (await api.post(path, json=body, headers=api.auth_for["read"])).status_code == 403


async def test_an_actor_is_created_with_identifiers_found_by_alias_changed_and_deleted(api):
    write = api.auth_for["write"]
    body = {
        "id": "vessel-sample-star",
        "name": "SAMPLE STAR",
        "kind": "vessel",
        "country": "KP",
        "aliases": ["SAMPLE STAR 2"],
        "identifiers": [{"scheme": "imo", "value": "9999999"}],
    }
    created = await api.post("/v1/actors", json=body, headers=write)
    assert created.status_code == 201, created.text
    assert created.json()["identifiers"] == [{"scheme": "imo", "value": "9999999", "country": None, "note": None}]
    found = (await api.get("/v1/actors", params={"q": "sample star 2"})).json()["items"]
    assert found[0]["id"] == "vessel-sample-star"
    changed = await api.patch(
        "/v1/actors/vessel-sample-star", json={"aliases": []}, headers=write | {"If-Match": created.headers["etag"]}
    )
    assert changed.json()["aliases"] == [] and changed.json()["identifiers"] == created.json()["identifiers"]
    assert (await api.delete("/v1/actors/vessel-sample-star", headers=write)).status_code == 204
    assert await feed_for(api, "vessel-sample-star") == ["create", "update", "delete"]


async def test_an_actor_in_use_cannot_be_deleted(api):
    response = await api.delete("/v1/actors/state-kp", headers=api.auth_for["write"])
    assert response.status_code == 409 and (await api.get("/v1/actors/state-kp")).status_code == 200


async def test_an_action_can_bring_its_new_source_actor_and_official_in_one_request(api):
    text = "SEOUL, 2 June 2025 - The ministry designated EXAMPLE TRADING, spokesperson Kim Min-ji said."
    body = {
        "type": "designation",
        "title": "Seoul designates Example Trading",
        "date": "2025-06-02",
        "date_precision": "day",
        "sources": [{"id": "src-seoul-example", "quote": "The ministry designated EXAMPLE TRADING"}],
        "actors": [{"id": "org-example-trading", "role": "target", "quote": "EXAMPLE TRADING"}],
        "officials": [{"id": "official-kim-min-ji", "title": "spokesperson", "quote": "spokesperson Kim Min-ji"}],
        "new_sources": [{"id": "src-seoul-example", "text": text}],
        "new_actors": [{"id": "org-example-trading", "name": "EXAMPLE TRADING", "kind": "organization"}],
        "new_officials": [{"id": "official-kim-min-ji", "name": "Kim Min-ji"}],
    }
    response = await api.post("/v1/actions", json=body, headers=api.auth_for["write"])
    assert response.status_code == 201, response.text
    assert [a["id"] for a in response.json()["actors"]] == ["org-example-trading"]
    assert (await api.get("/v1/officials/official-kim-min-ji")).json()["name"] == "Kim Min-ji"


async def test_a_failing_action_takes_its_new_records_down_with_it(api):
    body = {
        "type": "designation",
        "title": "Bad",
        "date": "2025-06-02",
        "date_precision": "day",
        "sources": [{"id": "src-bad", "quote": "words not in the text"}],
        "new_sources": [{"id": "src-bad", "text": "Some other words."}],
        "new_actors": [{"id": "org-bad", "name": "BAD", "kind": "organization"}],
    }
    response = await api.post("/v1/actions", json=body, headers=api.auth_for["write"])
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "sources.0.quote"
    assert (await api.get("/v1/sources/src-bad")).status_code == 404
    assert (await api.get("/v1/actors/org-bad")).status_code == 404


async def test_a_new_record_without_an_id_is_refused(api):
    body = {
        "type": "other",
        "title": "x",
        "date": "2025-01-01",
        "date_precision": "day",
        "sources": [{"id": "src-2024-10-29-state-briefing", "quote": "Miller"}],
        "new_actors": [{"name": "Nameless", "kind": "person"}],
    }
    response = await api.post("/v1/actions", json=body, headers=api.auth_for["write"])
    assert response.status_code == 422 and "needs an id" in response.text
