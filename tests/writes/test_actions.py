"""POST, PATCH and DELETE of actions: keys and scopes, validation, idempotency, If-Match, and the feed."""

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.models import Action, ApiKey, Change
from tests.conftest import client_for, make_key

pytestmark = pytest.mark.anyio

SOURCE = "src-2024-10-29-state-briefing"
QUOTE = "‘We believe that Russia’s training of DPRK soldiers involving arms or related material is a direct violation"


def new_action(**changes) -> dict:
    body = {
        "type": "condemnation",
        "title": "A test condemnation",
        "date": "2024-10-29",
        "date_precision": "day",
        "sources": [{"id": SOURCE, "quote": QUOTE}],
        "resolutions": [{"number": 2270, "relation": "alleges_violation", "quote": QUOTE}],
        "actors": [{"id": "state-ru", "role": "subject", "quote": "Russia’s training of DPRK soldiers"}],
        "officials": [{"id": "official-matthew-miller", "title": "Department Spokesperson", "quote": "Matthew Miller"}],
    }
    return body | changes


def counts(url: str) -> tuple[int, int]:
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        found = (
            session.scalar(select(func.count()).select_from(Action)),
            session.scalar(select(func.count()).select_from(Change)),
        )
    engine.dispose()
    return found


async def test_a_created_action_is_served_and_cites_its_resolution(api):
    response = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["id"].startswith("act-")
    assert response.headers["location"] == f"/v1/actions/{created['id']}"
    fetched = await api.get(response.headers["location"])
    assert fetched.json() == created
    assert fetched.headers["etag"] == response.headers["etag"]
    assert [r["number"] for r in created["resolutions"]] == [2270]
    citing = await api.get("/v1/resolutions/2270/actions")
    assert created["id"] in [a["id"] for a in citing.json()["items"]]


async def test_a_client_may_choose_the_id_and_a_second_create_with_it_is_409(api):
    body = new_action(id="act-mine")
    assert (await api.post("/v1/actions", json=body, headers=api.auth_for["write"])).status_code == 201
    again = await api.post("/v1/actions", json=body, headers=api.auth_for["write"])
    assert again.status_code == 409 and "act-mine" in again.json()["detail"]


async def test_writes_need_a_key_and_the_write_scope(api):
    before = counts(api.url)
    missing = await api.post("/v1/actions", json=new_action())
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = await api.post("/v1/actions", json=new_action(), headers={"Authorization": "Bearer st_nope_secret"})
    assert wrong.status_code == 401
    forged = api.auth_for["write"]["Authorization"][:-4] + "xxxx"
    assert (await api.post("/v1/actions", json=new_action(), headers={"Authorization": forged})).status_code == 401
    read_only = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["read"])
    assert read_only.status_code == 403 and "read" in read_only.json()["detail"]
    assert counts(api.url) == before
    admin = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["admin"])
    assert admin.status_code == 201


async def test_only_the_hash_of_a_secret_is_stored(api):
    token = api.auth_for["write"]["Authorization"].removeprefix("Bearer ")
    secret = token.split("_", 2)[2]
    engine = make_engine(Settings(database_url=api.url))
    with Session(engine) as session:
        stored = [value for key in session.scalars(select(ApiKey)) for value in vars(key).values()]
    engine.dispose()
    assert not any(secret in str(value) for value in stored)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"resolutions": [{"number": 9999, "relation": "cites", "quote": QUOTE}]},
            "resolutions.0.number",
            "unknown resolution",
        ),
        ({"actors": [{"id": "state-xx", "role": "subject", "quote": QUOTE}]}, "actors.0.id", "unknown actor"),
        ({"actors": [{"id": "state-ru", "role": "villain", "quote": QUOTE}]}, "actors.0.role", "Input should be"),
        ({"date": "2999-01-01"}, "date", "future"),
        ({"title": "  "}, "title", "at least 1 character"),
        ({"sources": [{"id": SOURCE, "quote": "words nobody wrote"}]}, "sources.0.quote", "word for word"),
        ({"sources": []}, "sources", "at least 1 item"),
        ({"sources": [{"id": "src-none", "quote": QUOTE}]}, "sources.0.id", "unknown source"),
        ({"date": "2024-02-30"}, "date", "valid date"),
        ({"colour": "red"}, "colour", "Extra inputs"),
    ],
    ids=lambda value: value if isinstance(value, str) and "." not in value and " " not in value else None,
)
async def test_an_invalid_action_is_a_422_naming_the_field_and_writes_nothing(api, changes, field, words):
    before = counts(api.url)
    response = await api.post("/v1/actions", json=new_action(**changes), headers=api.auth_for["write"])
    assert response.status_code == 422, response.text
    errors = response.json()["errors"]
    assert field in [e["field"] for e in errors], errors
    assert any(words in e["message"] for e in errors), errors
    assert all(e["location"] == "body" for e in errors)
    assert counts(api.url) == before


async def test_malformed_json_is_a_400_problem(api):
    response = await api.post(
        "/v1/actions", content=b"{not json", headers=api.auth_for["write"] | {"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_replayed_idempotency_key_returns_the_first_answer_and_writes_once(api):
    headers = api.auth_for["write"] | {"Idempotency-Key": "retry-1"}
    first = await api.post("/v1/actions", json=new_action(), headers=headers)
    before = counts(api.url)
    second = await api.post("/v1/actions", json=new_action(), headers=headers)
    assert second.status_code == 201 and second.headers["idempotent-replayed"] == "true"
    assert second.json() == first.json() and second.headers["location"] == first.headers["location"]
    assert counts(api.url) == before
    other = await api.post("/v1/actions", json=new_action(title="Another"), headers=headers)
    assert other.status_code == 409 and counts(api.url) == before
    # the same key from another API key is another request
    elsewhere = await api.post(
        "/v1/actions", json=new_action(), headers=api.auth_for["admin"] | {"Idempotency-Key": "retry-1"}
    )
    assert elsewhere.status_code == 201 and elsewhere.json()["id"] != first.json()["id"]


async def test_patch_replaces_the_given_fields_and_honours_if_match(api):
    created = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    url, etag = created.headers["location"], created.headers["etag"]
    changed = await api.patch(
        url, json={"title": "Renamed", "actors": []}, headers=api.auth_for["write"] | {"If-Match": etag}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["title"] == "Renamed" and changed.json()["actors"] == []
    assert changed.json()["resolutions"] == created.json()["resolutions"]  # untouched
    assert changed.headers["etag"] != etag
    before = counts(api.url)
    stale = await api.patch(url, json={"title": "Lost update"}, headers=api.auth_for["write"] | {"If-Match": etag})
    assert stale.status_code == 412
    assert (await api.get(url)).json()["title"] == "Renamed" and counts(api.url) == before


async def test_patch_validates_like_create_and_404s_an_unknown_action(api):
    created = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    bad = await api.patch(
        created.headers["location"],
        json={"resolutions": [{"number": 1, "relation": "cites", "quote": QUOTE}]},
        headers=api.auth_for["write"],
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "resolutions.0.number"
    precision = await api.patch(
        created.headers["location"], json={"date_precision": "month"}, headers=api.auth_for["write"]
    )
    assert precision.status_code == 422
    missing = await api.patch("/v1/actions/act-none", json={"title": "x"}, headers=api.auth_for["write"])
    assert missing.status_code == 404


async def test_delete_honours_if_match_and_leaves_a_tombstone_in_the_feed(api):
    created = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    url = created.headers["location"]
    stale = await api.delete(url, headers=api.auth_for["write"] | {"If-Match": '"0000"'})
    assert stale.status_code == 412 and (await api.get(url)).status_code == 200
    gone = await api.delete(url, headers=api.auth_for["write"] | {"If-Match": created.headers["etag"]})
    assert gone.status_code == 204 and (await api.get(url)).status_code == 404
    feed = (await api.get("/v1/changes", params={"after": 0, "limit": 1000})).json()["items"]
    last = [c for c in feed if c["entity_id"] == created.json()["id"]]
    assert [c["operation"] for c in last] == ["create", "delete"]
    assert last[-1]["record"] is None


async def test_the_audit_trail_names_the_key_and_keeps_before_and_after(api):
    created = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    await api.patch(created.headers["location"], json={"title": "Renamed"}, headers=api.auth_for["write"])
    assert (await api.get("/v1/audit", headers=api.auth_for["write"])).status_code == 403
    entries = (
        await api.get("/v1/audit", params={"entity_id": created.json()["id"]}, headers=api.auth_for["admin"])
    ).json()["items"]
    assert [(e["operation"], e["who"]) for e in entries] == [("update", "write-key"), ("create", "write-key")]
    assert entries[0]["before"]["title"] == "A test condemnation" and entries[0]["after"]["title"] == "Renamed"
    seeded = (await api.get("/v1/audit", params={"who": "seed", "limit": 500}, headers=api.auth_for["admin"])).json()
    assert len(seeded["items"]) > 50 and all(e["operation"] == "create" for e in seeded["items"])


async def test_reads_can_be_closed_to_callers_without_a_key(fresh_seeded_url):
    token = make_key(fresh_seeded_url, "reader", "read")
    async for client in client_for(fresh_seeded_url, require_key_for_reads=True):
        assert (await client.get("/v1/actions")).status_code == 401
        allowed = await client.get("/v1/actions", headers={"Authorization": f"Bearer {token}"})
        assert allowed.status_code == 200 and allowed.json()["items"]
        assert (await client.get("/healthz")).status_code == 200


async def test_a_revoked_key_is_refused(api):
    from typer.testing import CliRunner

    from service.cli import app

    result = CliRunner().invoke(app, ["keys", "revoke", "write-key"], env={"DATABASE_URL": api.url})
    assert result.exit_code == 0, result.output
    assert (await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])).status_code == 401


async def test_concurrent_replays_of_the_same_idempotency_keys_write_one_action_per_key(api):
    before = counts(api.url)[0]

    async def post(key: str):
        headers = api.auth_for["write"] | {"Idempotency-Key": key}
        return await api.post("/v1/actions", json=new_action(title=f"Concurrent {key}"), headers=headers)

    keys = [f"key-{n}" for n in range(5)]
    responses = await asyncio.gather(*(post(key) for key in keys for _writer in range(8)))
    assert {r.status_code for r in responses} == {201}
    by_key = {}
    for key, response in zip([k for k in keys for _ in range(8)], responses, strict=True):
        by_key.setdefault(key, set()).add(response.json()["id"])
    assert all(len(ids) == 1 for ids in by_key.values())
    assert counts(api.url)[0] == before + len(keys)
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == len(keys) * 7


async def test_concurrent_patches_with_the_same_if_match_let_exactly_one_through(api):
    created = await api.post("/v1/actions", json=new_action(), headers=api.auth_for["write"])
    url, etag = created.headers["location"], created.headers["etag"]

    async def patch(n: int):
        headers = api.auth_for["write"] | {"If-Match": etag}
        return await api.patch(url, json={"title": f"Writer {n}"}, headers=headers)

    responses = await asyncio.gather(*(patch(n) for n in range(8)))
    assert sorted(r.status_code for r in responses) == [200] + [412] * 7
    winner = next(r for r in responses if r.status_code == 200)
    assert (await api.get(url)).json()["title"] == winner.json()["title"]


async def test_a_feed_consumer_following_while_writers_run_ends_with_the_database_state(api):
    state: dict[tuple[str, str], dict | None] = {}
    last_seq = 0
    done = asyncio.Event()

    async def consume():
        nonlocal last_seq
        while True:
            finished = done.is_set()
            page = (await api.get("/v1/changes", params={"after": last_seq, "limit": 7})).json()
            for change in page["items"]:
                state[(change["entity"], change["entity_id"])] = change["record"]
            last_seq = page["last_seq"]
            if finished and not page["items"]:
                return
            await asyncio.sleep(0)

    async def write(n: int):
        created = await api.post("/v1/actions", json=new_action(title=f"Feed {n}"), headers=api.auth_for["write"])
        url = created.headers["location"]
        if n % 3 == 0:
            await api.patch(url, json={"title": f"Feed {n} renamed"}, headers=api.auth_for["write"])
        if n % 4 == 0:
            await api.delete(url, headers=api.auth_for["write"])

    consumer = asyncio.create_task(consume())
    await asyncio.gather(*(write(n) for n in range(16)))
    done.set()
    await consumer

    from service.actions.service import stored_action

    engine = make_engine(Settings(database_url=api.url))
    with Session(engine) as session:
        stored = {a.id: stored_action(session, a.id).model_dump(mode="json") for a in session.scalars(select(Action))}
    engine.dispose()
    followed = {entity_id: record for (entity, entity_id), record in state.items() if entity == "action" and record}
    assert followed == stored
    assert sum(1 for (entity, _), record in state.items() if entity == "action" and record is None) == 4
