"""One problem type per cause, whichever layer answers, and every type the service answers is in its
OpenAPI document."""

from collections.abc import Iterator

from tests.http.conftest import Served


def _body_in_chunks(size: int) -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(size // 65536 + 1):
        yield b"x" * 65536
    yield b'"}'


def test_each_cause_has_one_type_however_it_arises(served: Served):
    big = 11 * 1024 * 1024
    with served.writer() as client:
        answers = {
            "unknown path": client.get("/v1/no-such-list"),
            "unknown record": client.get("/v1/actors/no-such-actor"),
            "too large, announced": client.post(
                "/v1/actors", content=b"x" * big, headers={"Content-Type": "application/json"}
            ),
            "too large, chunked": client.post(
                "/v1/actors", content=_body_in_chunks(big), headers={"Content-Type": "application/json"}
            ),
            "malformed": client.post("/v1/actors", content=b'{"name": ', headers={"Content-Type": "application/json"}),
            "nested too deep": client.post(
                "/v1/actors", content=b"[" * 100_000 + b"]" * 100_000, headers={"Content-Type": "application/json"}
            ),
        }
    kinds = {
        cause: (answer.status_code, answer.json()["type"], answer.json()["title"]) for cause, answer in answers.items()
    }
    assert (
        kinds["unknown path"]
        == kinds["unknown record"]
        == (404, "urn:sanctions-tracker:problem:not-found", "Not found")
    )
    assert kinds["too large, announced"] == kinds["too large, chunked"]
    assert kinds["too large, chunked"][:2] == (413, "urn:sanctions-tracker:problem:too-large")
    assert kinds["malformed"] == kinds["nested too deep"]
    assert kinds["malformed"][:2] == (400, "urn:sanctions-tracker:problem:malformed-json")
    assert all(answer.headers["content-type"] == "application/problem+json" for answer in answers.values())


def test_every_problem_type_answered_is_documented(served: Served):
    with served.client() as client:
        document = client.get("/openapi.json").json()
        documented = set(document["components"]["schemas"]["ProblemType"]["enum"])
        seen = {
            client.get("/v1/nope").json()["type"],
            client.get("/v1/actions", params={"limit": 0}).json()["type"],
            client.post("/v1/actors", json={}).json()["type"],
            client.put("/v1/actions").json()["type"],
            client.post("/v1/extract", content=b"{", headers={"Content-Type": "application/json"}).json()["type"],
            client.post("/v1/extract", json={"text": "x" * 200_000}).json()["type"],
        }
    assert seen <= documented and len(seen) == 6
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert "application/problem+json" in response["content"], (method, path, status)
