"""Input the contract refuses is a 422 naming the field, over real HTTP: numbers a database cannot hold, dates
that are not ISO 8601 strings, parameters a path does not take, non-canonical resolution numbers, names with
invisible characters and free text without end."""

import base64
import json

import pytest

from tests.http.conftest import Served

HUGE = 2**63  # one more than a signed 64-bit column holds


def _cursor(*parts) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


def _refused(answer, field: str, location: str | None = None) -> None:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["type"] == "urn:sanctions-tracker:problem:validation"
    named = {(e["field"], e["location"]) for e in problem["errors"]}
    assert field in {name for name, _ in named}, problem
    if location:
        assert (field, location) in named, problem


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/changes", {"after": str(HUGE)}, "after"),
        ("/v1/resolutions", {"cursor": _cursor("resolutions", HUGE)}, "cursor"),
        ("/v1/resolutions", {"cursor": _cursor("resolutions", -HUGE * 4)}, "cursor"),
        ("/v1/audit", {"cursor": _cursor("audit", HUGE)}, "cursor"),
        ("/v1/actions", {"resolution": str(HUGE)}, "resolution"),
    ],
)
def test_numbers_beyond_64_bits_are_a_422(served: Served, path: str, params: dict, field: str):
    with served.client(headers={"Authorization": f"Bearer {served.admin_key}"}) as client:
        _refused(client.get(path, params=params), field, "query")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/actions", {"date_to": "0"}, "date_to"),
        ("/v1/actions", {"date_from": "1700000000"}, "date_from"),
        ("/v1/resolutions/1718/actions", {"date_from": "20240101"}, "date_from"),
        ("/v1/export/csv", {"date_to": "0"}, "date_to"),
    ],
)
def test_query_dates_are_iso_8601_strings_only(served: Served, path: str, params: dict, field: str):
    with served.client() as client:
        _refused(client.get(path, params=params), field, "query")


def _action(**changes) -> dict:
    text = "The ministry warned the company on 4 March 2024."
    return {
        "type": "warning",
        "title": "Ministry warns a company",
        "date": "2024-03-04",
        "date_precision": "day",
        "sources": [{"id": "src-input-test", "quote": text}],
        "new_sources": [{"id": "src-input-test", "text": text}],
    } | changes


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/sources", {"text": "A statement.", "published_on": 0}, "published_on"),
        ("/v1/resolutions", {"number": 9001, "year": 2024, "adopted_on": 0}, "adopted_on"),
        ("/v1/actions", _action(date=0), "date"),
        ("/v1/actions", _action(date=1709510400), "date"),
        ("/v1/actions", _action(date="2024-03-04T00:00:00"), "date"),
    ],
)
def test_body_dates_are_iso_8601_strings_only(served: Served, path: str, body: dict, field: str):
    with served.writer() as client:
        _refused(client.post(path, json=body), field, "body")


LISTS = [
    "/v1/actions",
    "/v1/actors",
    "/v1/officials",
    "/v1/sources",
    "/v1/resolutions",
    "/v1/changes",
    "/v1/resolutions/1718/actions",
    "/v1/actors/state-kp/actions",
    "/v1/officials/official-matthew-miller/actions",
    "/v1/export/jsonl",
]


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_query_parameter_is_a_422_naming_it(served: Served, path: str):
    with served.client() as client:
        _refused(client.get(path, params={"limt": "5"}), "limt", "query")


@pytest.mark.parametrize(
    ("path", "path_filter"),
    [
        ("/v1/resolutions/{number}/actions", "resolution"),
        ("/v1/actors/{actor_id}/actions", "actor"),
        ("/v1/officials/{official_id}/actions", "official"),
    ],
)
def test_a_nested_list_does_not_offer_the_filter_its_path_sets(served: Served, path: str, path_filter: str):
    with served.client() as client:
        operation = client.get("/openapi.json").json()["paths"][path]["get"]
        offered = {parameter["name"] for parameter in operation["parameters"]}
        assert path_filter not in offered and {"type", "date_from", "limit", "cursor"} <= offered
        concrete = path.format(number=1718, actor_id="state-kp", official_id="official-matthew-miller")
        _refused(client.get(concrete, params={path_filter: "1718"}), path_filter, "query")


@pytest.mark.parametrize("spelling", ["01718", "1718.0", "+1718", "1718 ", "1_718"])
def test_a_resolution_has_one_spelling(served: Served, spelling: str):
    with served.client() as client:
        assert client.get("/v1/resolutions/1718").json()["number"] == 1718
        _refused(client.get(f"/v1/resolutions/{spelling}"), "number", "path")
        _refused(client.get(f"/v1/resolutions/{spelling}/actions"), "number", "path")
        _refused(client.get("/v1/actions", params={"resolution": spelling}), "resolution", "query")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/actors", {"name": "Evil\u202eoC gnidarT", "kind": "organization"}, "name"),
        ("/v1/actors", {"name": "\ufeffTrading Co", "kind": "organization"}, "name"),
        ("/v1/actors", {"name": "Trading Co", "kind": "organization", "aliases": ["A\u2066B"]}, "aliases.0"),
        ("/v1/officials", {"name": "Jane\u200fRoe"}, "name"),
        ("/v1/sources", {"text": "A statement.", "title": "Title\u202a"}, "title"),
        ("/v1/actors", {"name": "N" * 501, "kind": "organization"}, "name"),
        ("/v1/actions", _action(summary="s" * 20_001), "summary"),
    ],
)
def test_names_refuse_invisible_characters_and_text_has_a_length(served: Served, path: str, body: dict, field: str):
    with served.writer() as client:
        _refused(client.post(path, json=body), field, "body")


@pytest.mark.parametrize(
    ("params", "field", "hint"),
    [
        ({"official": "Matthew Miller"}, "official", "/v1/officials"),
        ({"actor": "North Korea"}, "actor", "/v1/actors?q=North%20Korea"),
        ({"actor": "state-xx"}, "actor", "/v1/actors?q=state-xx"),
    ],
)
def test_a_filter_by_an_id_no_record_has_says_where_ids_are(served: Served, params: dict, field: str, hint: str):
    with served.client() as client:
        for path in ("/v1/actions", "/v1/resolutions/1718/actions"):
            answer = client.get(path, params=params)
            _refused(answer, field, "query")
            assert hint in answer.json()["errors"][0]["message"]


def test_a_feed_position_past_its_end_is_refused(served: Served):
    with served.client() as client:
        last = client.get("/v1/changes", params={"after": 0, "limit": 1000}).json()["last_seq"]
        assert client.get("/v1/changes", params={"after": last}).json() == {"items": [], "last_seq": last}
        _refused(client.get("/v1/changes", params={"after": last + 1000}), "after", "query")
