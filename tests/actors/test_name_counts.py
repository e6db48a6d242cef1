"""The counts of words and trigrams over every name, brought from one version of the data to the next by the
actors' changes: after creates, renames, new aliases and deletes through the API, they are what counting every
name again gives."""

import pytest

from service.actors.name_counts import _counted, _moved, name_counts
from service.changes.queries import last_change
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
