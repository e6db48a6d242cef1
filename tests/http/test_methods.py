"""RFC 9110 over real HTTP: HEAD wherever GET is answered, OPTIONS and 405 listing every method of a path."""

import re

import httpx

from tests.http.conftest import Served

SEED_IDS = {
    "action_id": "act-2023-07-31-us-warns-sanctions-dprk-russia",
    "actor_id": "state-kp",
    "official_id": "official-matthew-miller",
    "source_id": "src-2024-10-29-state-briefing",
    "number": "1718",
}


def _concrete(template: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: SEED_IDS[match.group(1)], template)


def _paths(client: httpx.Client) -> dict[str, set[str]]:
    document = client.get("/openapi.json").json()
    return {_concrete(path): {method.upper() for method in item} for path, item in document["paths"].items()}


def test_head_answers_as_get_without_a_body_on_every_get_path(served: Served):
    admin = {"Authorization": f"Bearer {served.admin_key}"}
    with served.client(headers=admin) as client:
        gets = [path for path, methods in _paths(client).items() if "GET" in methods]
        assert len(gets) >= 15
        for path in [*gets, "/docs", "/openapi.json"]:
            get, head = client.get(path), client.head(path)
            assert head.status_code == get.status_code == 200, (path, head.status_code, get.status_code)
            assert head.content == b"", path
            assert head.headers["content-type"] == get.headers["content-type"], path
            if "etag" in get.headers:
                assert head.headers["etag"] == get.headers["etag"], path


def test_405_and_options_list_every_method_of_the_path(served: Served):
    with served.client() as client:
        for path, methods in _paths(client).items():
            expected = methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
            options = client.options(path)
            assert options.status_code == 204, path
            assert set(options.headers["allow"].split(", ")) == expected, path
            refused = client.put(path, json={})
            assert refused.status_code == 405, path
            assert set(refused.headers["allow"].split(", ")) == expected, path
            assert refused.json()["type"] == "urn:sanctions-tracker:problem:method-not-allowed"


def test_a_path_with_writes_names_them_in_allow(served: Served):
    with served.client() as client:
        assert client.put("/v1/actions").headers["allow"] == "GET, HEAD, OPTIONS, POST"
        assert client.put(f"/v1/actions/{SEED_IDS['action_id']}").headers["allow"] == (
            "DELETE, GET, HEAD, OPTIONS, PATCH"
        )
        assert client.options("/v1/no-such-path").status_code == 404
