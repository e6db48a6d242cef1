"""The counts of words and trigrams over every name, brought from one version of the data to the next by the
actors' changes: after creates, renames, new aliases and deletes through the API, they are what counting every
name again gives."""

import pytest
from sqlalchemy.orm import Session

from service.actors.name_counts import _counted, _moved, name_counts
from service.changes.queries import last_change
from service.config import Settings
from service.db import make_engine
from service.versioned import PerDataVersion
from tests.conftest import client_for, make_key
from tests.importers.conftest import session_on

pytestmark = pytest.mark.anyio


async def test_counts_moved_by_the_changes_are_the_counts_of_every_name(fresh_seeded_url):
    with session_on(fresh_seeded_url) as session:
        before, before_version = name_counts.get(session), last_change(session)
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    async for api in client_for(fresh_seeded_url):
        for name, aliases in [("Hassan Trading Bureau", ["HTB", "Hasan Trading"]), ("Olga Ivanova", [])]:
            created = await api.post(
                "/v1/actors", json={"name": name, "kind": "organization", "aliases": aliases}, headers=write
            )
            assert created.status_code == 201, created.text
        bureau = (await api.get("/v1/actors", params={"q": "Hassan Trading Bureau"})).json()["items"][0]["id"]
        renamed = await api.patch(
            f"/v1/actors/{bureau}", json={"name": "Hussein Trading Bureau", "aliases": ["HTB"]}, headers=write
        )
        assert renamed.status_code == 200, renamed.text
        olga = (await api.get("/v1/actors", params={"q": "Olga Ivanova"})).json()["items"][0]["id"]
        assert (await api.delete(f"/v1/actors/{olga}", headers=write)).status_code == 204
    with session_on(fresh_seeded_url) as session:
        version = last_change(session)
        moved, counted = _moved(session, before, before_version, version), _counted(session)
        assert moved is not None and version > before_version
        assert (moved.names, moved.words, moved.trigrams) == (counted.names, counted.words, counted.trigrams)
        assert moved.words["hussein"] == before.words["hussein"] + 1 and "olga" not in moved.words
        assert name_counts.get(session) == counted


@pytest.mark.parametrize(("versions", "counts_made"), [(4, 1), (1, 3)])
async def test_a_request_still_reading_the_version_before_a_write_is_answered_without_counting_again(
    fresh_seeded_url, versions, counts_made
):
    """With the versions kept; with one kept (the extractor's large index), the older one is counted each time."""
    counted: list[int] = []

    def count(session):
        counted.append(last_change(session))
        return _counted(session)

    counts = PerDataVersion(count, _moved, versions=versions)
    write = {"Authorization": f"Bearer {make_key(fresh_seeded_url, 'writer', 'write')}"}
    engine = make_engine(Settings(database_url=fresh_seeded_url))  # one engine, as in the server: one store
    with Session(engine) as older, Session(engine) as newer:
        # A request whose transaction began before the write, and reads what it saw then.
        if older.get_bind().dialect.name == "sqlite":
            older.connection().exec_driver_sql("BEGIN")
        else:
            older.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        before = counts.get(older)
        async for api in client_for(fresh_seeded_url):
            created = await api.post("/v1/actors", json={"name": "Olga Ivanova", "kind": "person"}, headers=write)
            assert created.status_code == 201, created.text
        after = counts.get(newer)
        assert last_change(older) < last_change(newer) and after.names == before.names + 1
        # Each in turn, as concurrent requests ask: neither version is counted or moved again.
        assert [counts.get(older), counts.get(newer), counts.get(older)] == [before, after, before]
    engine.dispose()
    # Kept: the first version only is counted, the second was moved to from it. One kept (the newest): the first
    # is counted again each time it is asked for.
    assert len(counted) == counts_made
