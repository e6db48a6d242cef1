"""The actions the database writes as JSON (service/actions/documents.py) are byte for byte what the pydantic
model writes, on both backends: for the seeds and for awkward values."""

import json
from datetime import UTC, datetime

import httpx
import pytest
from pydantic import TypeAdapter
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from starlette.requests import Request

from service.actions.documents import action_documents, served_documents
from service.actions.queries import load_actions
from service.actions.schemas import ActionCreate, ActionOut
from service.actions.service import create_action
from service.app import create_app
from service.config import Settings
from service.db import make_engine
from service.models import Action
from service.pagination import Page
from service.writes import acting_as
from tests.conftest import client_for, make_key

pytestmark = pytest.mark.anyio

# Every character JSON escapes, and some it must not: quotes, backslash, tab, newline, a control character,
# non-ASCII letters, a line separator (which JavaScript, not JSON, forbids) and a character outside the BMP.
AWKWARD = 'He said "no" \\ twice,\tthen\nleft \x01 — Ñoño Δ 北朝鮮 \u2028 🚢'
SOURCE_TEXT = f"Preamble. {AWKWARD} Pyongyang's envoy. Sein Bestes."


def _awkward_actions(session: Session) -> list[str]:
    """A day-precision action quoting awkward text, with an unnamed official, a source with no date and an
    actor with accents; a month and a year-precision action with no summary and no links but the source."""
    acting_as(session, "test")
    base = {
        "type": "warning",
        "sources": [{"id": "src-awkward", "quote": AWKWARD}],
    }
    first = ActionCreate.model_validate(
        base
        | {
            "id": "act-awkward",
            "title": 'A "quoted" title — with ünïcödé and \\ backslash',
            "summary": AWKWARD,
            "date": "2024-02-29",
            "date_precision": "day",
            "date_text": "on Thursday",
            "new_sources": [{"id": "src-awkward", "text": SOURCE_TEXT, "title": 'Ünïcödé "title"'}],
            "new_actors": [{"id": "actor-nono", "name": "Ñoño Δ “Trading” Ltd.", "kind": "organization"}],
            "new_officials": [{"id": "official-unnamed", "title": "Spokesperson"}],
            "actors": [{"id": "actor-nono", "role": "target", "quote": "Pyongyang's envoy."}],
            "officials": [{"id": "official-unnamed", "organisation": 'Ministry "X"', "quote": "Sein Bestes."}],
            "resolutions": [{"number": 1718, "relation": "cites", "quote": AWKWARD}],
        }
    )
    month = ActionCreate.model_validate(
        base | {"id": "act-month", "title": "Month", "date": "2023-07-01", "date_precision": "month"}
    )
    year = ActionCreate.model_validate(
        base | {"id": "act-year", "title": "Year", "date": "2019-01-01", "date_precision": "year"}
    )
    ids = [create_action(session, body) for body in (first, month, year)]
    # A timestamp on a whole second is written without a fraction; one with microseconds, with all six digits.
    session.execute(update(Action).where(Action.id == "act-month").values(created_at=datetime(2023, 7, 2, tzinfo=UTC)))
    session.execute(
        update(Action).where(Action.id == "act-year").values(updated_at=datetime(2020, 1, 2, 3, 4, 5, 120, tzinfo=UTC))
    )
    return ids


@pytest.fixture
def session(fresh_seeded_url: str):
    engine = make_engine(Settings(database_url=fresh_seeded_url))
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_each_action_is_the_bytes_the_model_writes(session):
    awkward = _awkward_actions(session)
    session.flush()
    ids = list(session.scalars(select(Action.id).order_by(Action.id)))
    assert set(awkward) <= set(ids)
    documents = action_documents(session, ids)
    models = [ActionOut.model_validate_json(document) for document in documents]
    assert [model.id for model in models] == ids
    # the model writes each back to the same bytes: field order, nulls, escapes and timestamps as pydantic's
    assert documents == [model.model_dump_json() for model in models]


def test_the_documents_say_what_was_written(session):
    _awkward_actions(session)
    session.flush()
    first, month, year = (json.loads(d) for d in action_documents(session, ["act-awkward", "act-month", "act-year"]))
    assert (first["title"], first["summary"], first["date"], first["date_text"]) == (
        'A "quoted" title — with ünïcödé and \\ backslash',
        AWKWARD,
        "2024-02-29",
        "on Thursday",
    )
    assert first["actors"] == [
        {
            "id": "actor-nono",
            "name": "Ñoño Δ “Trading” Ltd.",
            "kind": "organization",
            "country": None,
            "role": "target",
            "quote": "Pyongyang's envoy.",
            "source_id": "src-awkward",
        }
    ]
    assert first["officials"] == [
        {
            "id": "official-unnamed",
            "name": None,
            "title": None,
            "organisation": 'Ministry "X"',
            "quote": "Sein Bestes.",
            "source_id": "src-awkward",
        }
    ]
    [resolution] = first["resolutions"]
    assert (resolution["number"], resolution["relation"], resolution["quote"]) == (1718, "cites", AWKWARD)
    [source] = first["sources"]
    assert (source["id"], source["title"], source["published_on"], source["quote"]) == (
        "src-awkward",
        'Ünïcödé "title"',
        None,
        AWKWARD,
    )
    assert (month["created_at"], year["updated_at"]) == ("2023-07-02T00:00:00Z", "2020-01-02T03:04:05.000120Z")
    assert month["summary"] is None and month["actors"] == month["officials"] == month["resolutions"] == []


def test_documents_come_in_the_order_asked_and_unknown_ids_are_left_out(session):
    ids = list(session.scalars(select(Action.id).order_by(Action.date)))[:3]
    asked = [ids[2], "act-no-such-thing", ids[0], ids[1]]
    assert [ActionOut.model_validate_json(d).id for d in action_documents(session, asked)] == [ids[2], ids[0], ids[1]]
    assert action_documents(session, []) == []


async def test_the_served_page_and_record_are_the_bytes_the_models_write(fresh_seeded_url: str):
    engine = make_engine(Settings(database_url=fresh_seeded_url))
    with Session(engine) as session:
        _awkward_actions(session)
        session.commit()
    async for client in client_for(fresh_seeded_url, response_cache_bytes=0):
        first = await client.get("/v1/actions", params={"limit": 4})
        second = await client.get("/v1/actions", params={"limit": 4, "cursor": first.json()["next_cursor"]})
        record = await client.get("/v1/actions/act-awkward")
    with Session(engine) as session:
        for response in (first, second):
            body = response.json()
            models = load_actions(session, [item["id"] for item in body["items"]])
            expected = TypeAdapter(Page[ActionOut]).dump_json(Page(items=models, next_cursor=body["next_cursor"]))
            assert response.content == expected
        assert record.content == load_actions(session, ["act-awkward"])[0].model_dump_json().encode()
    engine.dispose()
    assert first.headers["content-type"] == "application/json"
    assert first.json()["next_cursor"] and 'rel="next"' in first.headers["link"]
    assert record.json()["summary"] == AWKWARD


ACTION = "/v1/actions/act-2024-10-29-us-condemns-russia-dprk-training"


def retitle_behind_the_service(url: str, title: str) -> None:
    """A change with no change row: how these tests tell a kept document from one built again."""
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        connection.execute(update(Action).where(Action.id == ACTION.rsplit("/")[-1]).values(title=title))
    engine.dispose()


async def test_kept_documents_follow_every_write_of_what_they_embed(fresh_seeded_url):
    """With the answer cache off, each answer is computed from the documents kept per action: a change to
    the action, or to any actor, official, source or resolution, is seen by the next read; a record
    created changes no document."""
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    async for api in client_for(fresh_seeded_url, response_cache_bytes=0):

        async def action(api=api) -> dict:
            response = await api.get(ACTION)
            assert response.status_code == 200
            listed = (await api.get("/v1/actions", params={"limit": 500})).json()["items"]
            assert response.json() in listed  # the list is made of the same documents
            return response.json()

        original = (await action())["title"]
        retitle_behind_the_service(fresh_seeded_url, "Behind the service's back")
        assert (await action())["title"] == original  # kept
        assert (await api.post("/v1/officials", json={"name": "Jane Doe"}, headers=write)).status_code == 201
        assert (await action())["title"] == original  # a new record changes no document

        writes = [
            ("/v1/actors/state-ru", {"name": "Russia, renamed"}, lambda a: {x["name"] for x in a["actors"]}),
            ("/v1/officials/official-matthew-miller", {"name": "M. Miller"}, lambda a: a["officials"][0]["name"]),
            ("/v1/sources/src-2024-10-29-state-briefing", {"publisher": "DoS"}, lambda a: a["sources"][0]["publisher"]),
            ("/v1/resolutions/1718", {"title": "Renamed"}, None),
            (ACTION, {"summary": "Patched"}, lambda a: a["summary"]),
        ]
        for number, (path, patch, seen) in enumerate(writes):
            title = f"Behind the service's back {number}"
            retitle_behind_the_service(fresh_seeded_url, title)
            before = await action()
            response = await api.patch(path, json=patch, headers=write)
            assert response.status_code == 200, response.text
            after = await action()
            assert before["title"] != title and after["title"] == title, path
            if seen is not None:
                assert seen(after) != seen(before), path
        assert "Russia, renamed" in {actor["name"] for actor in after["actors"]}
        assert (await api.delete(ACTION, headers=write)).status_code == 204
        assert (await api.get(ACTION)).status_code == 404


async def test_documents_served_to_an_async_route_are_kept_ones_only_at_the_current_version(fresh_seeded_url):
    """served_documents answers from the kept documents when they are exact for the data version read now;
    after a write it builds them again (in a thread), so a change recorded before the call is always seen."""
    app = create_app(Settings(database_url=fresh_seeded_url, response_cache_bytes=0))
    action_id = ACTION.rsplit("/")[-1]
    async with app.router.lifespan_context(app):
        request = Request({"type": "http", "app": app})

        async def served() -> dict:
            (document,) = await served_documents(request, [action_id])
            assert await served_documents(request, ["act-none"]) == []
            return json.loads(document)

        original = (await served())["title"]
        retitle_behind_the_service(fresh_seeded_url, "Behind the service's back")
        assert (await served())["title"] == original  # kept: no change recorded since

        write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tracker.test") as api:
            patched = await api.patch("/v1/actors/state-ru", json={"name": "Russia, renamed"}, headers=write)
            assert patched.status_code == 200, patched.text
        after = await served()
        assert after["title"] == "Behind the service's back"
        assert "Russia, renamed" in {actor["name"] for actor in after["actors"]}


async def test_one_action_is_refused_without_a_key_when_reads_are_closed_even_when_its_document_is_kept(
    fresh_seeded_url,
):
    """The single-action route takes its document without a session or a dependency of its own; the checks
    every route makes (reads closed, unknown query parameters) still come first."""
    token = make_key(fresh_seeded_url, "reader", "read")
    async for client in client_for(fresh_seeded_url, require_key_for_reads=True, response_cache_bytes=0):
        allowed = await client.get(ACTION, headers={"Authorization": f"Bearer {token}"})
        assert allowed.status_code == 200 and allowed.json()["id"] == ACTION.rsplit("/")[-1]
        refused = await client.get(ACTION)  # its document is kept now
        assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
        unknown = await client.get(ACTION, params={"fields": "id"}, headers={"Authorization": f"Bearer {token}"})
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "fields"


async def test_a_resolutions_plain_page_read_on_the_event_loop_follows_every_write(fresh_seeded_url):
    """On SQLite the plain page of /v1/resolutions/{n}/actions is read on the event loop and answered from the
    kept documents at the data version read after it: a change with no change row stays unseen, an API write
    is seen by the next read, and the page is the one /v1/actions?resolution= gives (read in a thread)."""
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    page = {"limit": 500}
    async for api in client_for(fresh_seeded_url, response_cache_bytes=0):

        async def listed(api=api) -> dict:
            response = await api.get("/v1/resolutions/1718/actions", params=page)
            assert response.status_code == 200, response.text
            filtered = await api.get("/v1/actions", params=page | {"resolution": 1718})
            assert response.content == filtered.content  # the same page, the same bytes
            return next(item for item in response.json()["items"] if item["id"] == ACTION.rsplit("/")[-1])

        original = (await listed())["title"]
        retitle_behind_the_service(fresh_seeded_url, "Behind the service's back")
        assert (await listed())["title"] == original  # kept: no change recorded since
        response = await api.patch(ACTION, json={"summary": "Patched"}, headers=write)
        assert response.status_code == 200, response.text
        after = await listed()
        assert after["summary"] == "Patched" and after["title"] == "Behind the service's back"
        assert (await api.get("/v1/resolutions/99999/actions")).status_code == 404
