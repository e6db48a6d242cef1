"""One shape per record: what GET answers goes back as a body, the change feed gives each record as the body
that writes it, and an export says from which point of the feed a copy made from it continues."""

import httpx
import pytest

from tests.http.conftest import Served

SEEDED = [
    "/v1/actions/act-2024-10-29-us-condemns-russia-dprk-training",
    "/v1/actors/state-kp",
    "/v1/officials/official-matthew-miller",
    "/v1/sources/src-2024-10-29-state-briefing",
    "/v1/resolutions/1718",
]


def _last_seq(client: httpx.Client) -> int:
    after = 0
    while True:
        page = client.get("/v1/changes", params={"after": after, "limit": 1000}).json()
        if page["last_seq"] == after:
            return after
        after = page["last_seq"]


def _changes_after(client: httpx.Client, after: int) -> list[dict]:
    return client.get("/v1/changes", params={"after": after, "limit": 1000}).json()["items"]


@pytest.mark.parametrize("path", SEEDED)
def test_a_record_read_with_get_goes_back_as_a_patch_and_changes_nothing(served: Served, path: str):
    with served.writer() as writer:
        read = writer.get(path)
        assert read.status_code == 200, read.text
        seq = _last_seq(writer)
        patched = writer.patch(path, json=read.json(), headers={"If-Match": read.headers["etag"]})
        assert patched.status_code == 200, patched.text
        assert patched.json() == read.json()
        assert patched.headers["etag"] == read.headers["etag"]
        assert _changes_after(writer, seq) == []


def test_a_misspelt_field_in_a_round_trip_is_still_refused(served: Served):
    with served.writer() as writer:
        body = writer.get(SEEDED[0]).json()
        body["actors"][0]["nmae"] = body["actors"][0].pop("name")
        refused = writer.patch(SEEDED[0], json=body)
        assert refused.status_code == 422
        assert [e["field"] for e in refused.json()["errors"]] == ["actors.0.nmae"]


def test_an_action_read_with_get_is_a_body_that_creates_its_copy(served: Served):
    with served.writer() as writer:
        original = writer.get(SEEDED[0]).json()
        created = writer.post("/v1/actions", json=original | {"id": "act-copy-of-the-condemnation"})
        assert created.status_code == 201, created.text
        assert _without_identity(created.json()) == _without_identity(original)


def test_the_feed_gives_a_change_as_the_body_that_writes_it(served: Served):
    """A follower sees an edit as the record the API would take back: posted under a new id, it makes the
    same action as the one edited."""
    with served.writer() as writer:
        seq = _last_seq(writer)
        read = writer.get(SEEDED[0]).json()
        edited = read | {"title": "Edited title", "actors": read["actors"][:1]}
        assert writer.patch(SEEDED[0], json=edited).status_code == 200
        (change,) = _changes_after(writer, seq)
        assert (change["entity"], change["entity_id"], change["operation"]) == ("action", read["id"], "update")
        record = change["record"]
        assert [a["id"] for a in record["actors"]] == [read["actors"][0]["id"]]
        assert set(record["actors"][0]) == {"id", "role", "quote", "source_id"}
        assert [r["number"] for r in record["resolutions"]] == [r["number"] for r in read["resolutions"]]
        replayed = writer.post("/v1/actions", json=record | {"id": "act-replayed-from-the-feed"})
        assert replayed.status_code == 201, replayed.text
        assert _without_identity(replayed.json()) == _without_identity(writer.get(SEEDED[0]).json())


def _without_identity(action: dict) -> dict:
    return {field: value for field, value in action.items() if field not in ("id", "created_at", "updated_at")}


def test_seeded_actors_feed_records_are_whole(served: Served):
    with served.client() as client:
        creates = [c for c in _changes_after(client, 0) if c["entity"] == "actor" and c["operation"] == "create"]
    assert creates, "the seed creates actors"
    for change in creates:
        assert change["record"]["identifiers"] == [] and change["record"]["addresses"] == []
        assert change["record"]["id"] == change["entity_id"]


def test_an_export_says_where_the_feed_continues_it(served: Served):
    with served.writer() as writer:
        export = writer.get("/v1/export/jsonl")
        assert export.status_code == 200
        feed_seq = int(export.headers["feed-seq"])
        assert feed_seq == _last_seq(writer)
        created = writer.post("/v1/officials", json={"name": "Exported Later", "country": "US"})
        assert created.status_code == 201
        assert [(c["entity"], c["entity_id"]) for c in _changes_after(writer, feed_seq)] == [
            ("official", created.json()["id"])
        ]
