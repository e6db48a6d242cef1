"""The answer cache: a repeated anonymous GET is answered from memory until a write is recorded in the change
feed, and never for a request that carries a key. A change made behind the service's back (plain SQL, no
change row) is how these tests tell a cached answer from a fresh one."""

import json

import anyio
import httpx
import pytest
from sqlalchemy import event, text

from service.app import create_app
from service.config import Settings
from service.db import make_engine
from tests.conftest import client_for, make_key

pytestmark = pytest.mark.anyio

ACTION = "/v1/actions/act-2024-10-29-us-condemns-russia-dprk-training"
HEADLINE = "/v1/resolutions/1718/actions"


def retitle_behind_the_service(url: str, title: str) -> None:
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE actions SET title = :title WHERE id = :id"), {"title": title, "id": ACTION.rsplit("/")[-1]}
        )
    engine.dispose()


def answer_cache_client(url: str, **settings):
    """A client of the app with the answer cache alone: the documents of single actions are kept over a write
    to another record (it cannot change them; tests/actions/test_documents.py), which would hide what these
    tests look for."""
    return client_for(url, document_cache_bytes=0, **settings)


def titles(page: dict) -> set[str]:
    return {item["title"] for item in page["items"]}


async def test_a_repeated_get_is_answered_from_the_cache_until_a_write_is_recorded(fresh_seeded_url):
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    async for api in answer_cache_client(fresh_seeded_url):
        first = (await api.get(ACTION)).json()
        page = (await api.get(HEADLINE)).json()
        retitle_behind_the_service(fresh_seeded_url, "Changed without a change row")
        assert (await api.get(ACTION)).json() == first
        assert (await api.get(HEADLINE)).json() == page

        # Any write through the service (here to another record) is a new version of the data.
        created = await api.post("/v1/officials", json={"name": "Jane Doe"}, headers=write)
        assert created.status_code == 201
        assert (await api.get(ACTION)).json()["title"] == "Changed without a change row"
        assert "Changed without a change row" in titles((await api.get(HEADLINE)).json())


async def test_an_api_write_is_seen_by_the_next_read(fresh_seeded_url):
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    async for api in answer_cache_client(fresh_seeded_url):
        before = await api.get(ACTION)
        patched = await api.patch(ACTION, json={"title": "Renamed through the API"}, headers=write)
        assert patched.status_code == 200, patched.text
        after = await api.get(ACTION)
        assert after.json()["title"] == "Renamed through the API"
        assert after.headers["etag"] != before.headers["etag"]
        assert "Renamed through the API" in titles((await api.get(HEADLINE)).json())
        assert (await api.delete(ACTION, headers=write)).status_code == 204
        assert (await api.get(ACTION)).status_code == 404


async def test_a_request_with_a_key_is_never_answered_from_the_cache(fresh_seeded_url):
    read = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'reader', 'read')}"}
    async for api in answer_cache_client(fresh_seeded_url):
        await api.get(ACTION)
        retitle_behind_the_service(fresh_seeded_url, "Seen by a keyed reader")
        assert (await api.get(ACTION, headers=read)).json()["title"] == "Seen by a keyed reader"


async def test_closed_reads_are_never_answered_from_the_cache(fresh_seeded_url):
    read = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'reader', 'read')}"}
    async for api in answer_cache_client(fresh_seeded_url, require_key_for_reads=True):
        assert (await api.get(ACTION, headers=read)).status_code == 200
        assert (await api.get(ACTION)).status_code == 401


async def test_a_cached_answer_still_honours_if_none_match(fresh_seeded_url):
    async for api in answer_cache_client(fresh_seeded_url):
        first = await api.get(ACTION)
        retitle_behind_the_service(fresh_seeded_url, "Changed without a change row")
        again = await api.get(ACTION, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
        assert again.headers["x-content-type-options"] == "nosniff" and again.headers["x-request-id"]


async def test_the_link_header_names_the_host_each_client_asked(fresh_seeded_url):
    async for api in answer_cache_client(fresh_seeded_url):
        for host in ("one.example", "two.example"):
            response = await api.get("/v1/actions", params={"limit": 1}, headers={"Host": host})
            assert response.headers["link"].startswith(f"<http://{host}/v1/actions?")


@pytest.mark.parametrize("max_bytes", [0, 1024])
async def test_a_cache_off_or_too_small_for_the_answer_computes_every_answer(fresh_seeded_url, max_bytes):
    async for api in answer_cache_client(fresh_seeded_url, response_cache_bytes=max_bytes):
        await api.get(HEADLINE)
        retitle_behind_the_service(fresh_seeded_url, "Seen at once")
        assert "Seen at once" in titles((await api.get(HEADLINE)).json())


async def test_concurrent_misses_compute_the_answer_once_and_each_gets_it(fresh_seeded_url):
    app = create_app(Settings(database_url=fresh_seeded_url))
    async with app.router.lifespan_context(app):
        pages = 0

        def count_pages(_connection, _cursor, statement: str, *_args) -> None:
            nonlocal pages
            pages += statement.startswith("SELECT a.id")  # the statement of service/actions/documents.py

        event.listen(app.state.engine, "before_cursor_execute", count_pages)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tracker.test") as api:
            bodies: list[bytes] = []

            async def get() -> None:
                response = await api.get(HEADLINE)
                assert response.status_code == 200
                bodies.append(response.content)

            async with anyio.create_task_group() as group:
                for _ in range(12):
                    group.start_soon(get)
        assert pages == 1
        assert len(bodies) == 12 and len(set(bodies)) == 1
        assert "items" in json.loads(bodies[0])
