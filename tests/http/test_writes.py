"""A 2xx means committed: over keep-alive connections to two workers, what a write answered is what every
following read sees, and a write that loses a race is a 409, never a 500."""

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.http.conftest import Served, serving

CYCLES = 500


def _action_naming(actor_id: str, n: int) -> dict:
    text = f"Ministry statement {n}: the ministry designated {actor_id} today."
    return {
        "type": "designation",
        "title": f"Designation of {actor_id}",
        "date": "2024-03-04",
        "date_precision": "day",
        "sources": [{"id": f"src-ryw-{n}", "quote": text}],
        "actors": [{"id": actor_id, "role": "target", "quote": f"the ministry designated {actor_id}"}],
        "new_sources": [{"id": f"src-ryw-{n}", "text": text}],
    }


def test_every_read_after_a_write_sees_it(served: Served):
    """Create, read, change, read, and name the new record in another write: the writes go over one pooled
    connection and the reads over another (so, often, to the other worker); anonymous reads go through the
    answer cache, keyed ones do not. None may see the state before a write that answered 2xx."""
    stale: list[str] = []
    with served.writer() as writer, served.client() as reader, served.writer() as keyed_reader:
        for n in range(CYCLES):
            actor_id = f"actor-ryw-{n}"
            created = writer.post(
                "/v1/actors", json={"id": actor_id, "name": f"Trading Co {n}", "kind": "organization"}
            )
            assert created.status_code == 201, created.text
            if reader.get(f"/v1/actors/{actor_id}").status_code != 200:
                stale.append(f"{n}: GET after POST")
            action = writer.post("/v1/actions", json=_action_naming(actor_id, n))
            if action.status_code != 201:
                stale.append(f"{n}: POST naming the new actor answered {action.status_code}")
            changed = writer.patch(f"/v1/actors/{actor_id}", json={"name": f"Renamed Trading Co {n}"})
            assert changed.status_code == 200, changed.text
            for client in (reader, keyed_reader):
                if client.get(f"/v1/actors/{actor_id}").json()["name"] != f"Renamed Trading Co {n}":
                    stale.append(f"{n}: GET after PATCH")
    assert stale == []


def test_computed_reads_after_a_write_see_it(database: str):
    """With the answer cache off, an action and the plain page of a resolution's actions are answered from the
    documents each worker keeps (the page read on the event loop, on SQLite): after a write answered 2xx,
    every reader sees the new action and then its new title, through either worker."""
    stale: list[str] = []
    with serving(database, response_cache_bytes="0") as served, served.writer() as writer, served.client() as reader:

        def headline() -> dict[str, str]:
            page = reader.get("/v1/resolutions/1718/actions", params={"limit": 500}).json()["items"]
            return {item["id"]: item["title"] for item in page}

        for n in range(CYCLES // 10):
            actor_id = f"actor-computed-{n}"
            created = writer.post("/v1/actors", json={"id": actor_id, "name": f"Bank {n}", "kind": "organization"})
            assert created.status_code == 201, created.text
            body = _action_naming(actor_id, 1000 + n)
            body["resolutions"] = [{"number": 1718, "relation": "cites", "quote": body["sources"][0]["quote"]}]
            action = writer.post("/v1/actions", json=body)
            assert action.status_code == 201, action.text
            path = f"/v1/actions/{action.json()['id']}"
            if reader.get(path).status_code != 200 or action.json()["id"] not in headline():
                stale.append(f"{n}: read after POST")
            title = f"Retitled designation {n}"
            assert writer.patch(path, json={"title": title}).status_code == 200
            if reader.get(path).json()["title"] != title or headline().get(action.json()["id"]) != title:
                stale.append(f"{n}: read after PATCH")
    assert stale == []


def test_concurrent_creates_of_one_id_give_one_201_and_409s(served: Served):
    attempts = 16
    start = threading.Barrier(attempts)
    body = {"id": "actor-raced", "name": "Raced Shipping Co", "kind": "organization"}

    def create(_: int) -> tuple[int, str, str]:
        with served.writer() as client:
            client.get("/healthz")  # the connection is open before the race starts
            start.wait()
            answer = client.post("/v1/actors", json=body)
            return answer.status_code, answer.headers.get("content-type", ""), answer.text[:120]

    with ThreadPoolExecutor(attempts) as pool:
        answers = list(pool.map(create, range(attempts)))
    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [201] + [409] * (attempts - 1), answers
    assert all(kind == "application/problem+json" for status, kind, _ in answers if status == 409)
    with served.client() as client:
        assert client.get("/v1/actors/actor-raced").json()["name"] == "Raced Shipping Co"


def test_a_delete_answered_204_is_gone_for_every_reader(served: Served):
    with served.writer() as writer, served.client() as reader:
        for n in range(50):
            actor_id = f"actor-deleted-{n}"
            assert (
                writer.post("/v1/actors", json={"id": actor_id, "name": "Gone Co", "kind": "organization"}).status_code
                == 201
            )
            assert reader.get(f"/v1/actors/{actor_id}").status_code == 200  # now in the answer cache
            assert writer.delete(f"/v1/actors/{actor_id}").status_code == 204
            assert reader.get(f"/v1/actors/{actor_id}").status_code == 404
