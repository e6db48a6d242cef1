"""The served OpenAPI document as a reader and a client generator use it."""

import re
from importlib.metadata import version

from tests.http.conftest import Served


def _operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_each_operation_has_a_short_unique_name(served: Served):
    with served.client() as client:
        document = client.get("/openapi.json").json()
    names = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", name) and "_v1_" not in name for name in names), names
    assert {"list_actions", "list_resolution_actions", "get_action", "create_action", "list_changes"} <= set(names)


def test_the_sort_order_is_one_named_enumeration(served: Served):
    with served.client() as client:
        document = client.get("/openapi.json").json()
    order = document["components"]["schemas"]["ActionOrder"]
    assert order["enum"] == ["-date", "date"] and order["x-enum-varnames"] == ["NEWEST_FIRST", "OLDEST_FIRST"]
    sorts = [p["schema"] for _, _, op in _operations(document) for p in op.get("parameters", []) if p["name"] == "sort"]
    assert len(sorts) == 7 and all(schema["$ref"] == "#/components/schemas/ActionOrder" for schema in sorts)


def test_headers_and_every_error_are_documented(served: Served):
    with served.client() as client:
        document = client.get("/openapi.json").json()
    assert document["info"]["version"] == version("sanctions-tracker")
    paths = document["paths"]
    assert set(paths["/v1/actions/{action_id}"]["get"]["responses"]["200"]["headers"]) == {"ETag"}
    assert set(paths["/v1/actions"]["get"]["responses"]["200"]["headers"]) == {"Link"}
    created = paths["/v1/actors"]["post"]["responses"]["201"]["headers"]
    assert set(created) == {"Location", "ETag", "Idempotent-Replayed"}
    for path, method, operation in _operations(document):
        responses = operation["responses"]
        assert "Allow" in responses["405"]["headers"], (method, path)
        if "401" in responses:
            assert "WWW-Authenticate" in responses["401"]["headers"], (method, path)
        if path.startswith("/v1/") and method == "get":
            assert {"401", "403"} <= set(responses), (method, path)  # reads may be closed
        if "requestBody" in operation:
            assert "413" in responses, (method, path)
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            assert "anyOf" not in schema and "\\x00" not in schema.get("pattern", ""), (method, path, parameter)


def test_the_documented_example_succeeds_against_the_seed_data(served: Served):
    with served.client() as client:
        operation = client.get("/openapi.json").json()["paths"]["/v1/actions"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    with served.writer() as writer:
        for example in examples.values():
            created = writer.post("/v1/actions", json=example["value"])
            assert created.status_code == 201, created.text
            assert created.json()["title"] == example["value"]["title"]


def _properties(schemas: dict, name: str) -> dict:
    return schemas[name]["properties"]


def _item_schema(schemas: dict, property_schema: dict) -> str:
    return property_schema["items"]["$ref"].rsplit("/", 1)[1]


# What a body sets in each link of an action; the rest the answers add from the linked record.
_WRITTEN = {
    "resolutions": {"number", "relation", "quote", "source_id"},
    "authorities": {"id", "relation", "quote", "source_id"},
    "actors": {"id", "role", "quote", "source_id"},
    "officials": {"id", "title", "organisation", "quote", "source_id"},
    "sources": {"id", "quote"},
}


def test_bodies_answers_and_the_feed_speak_one_vocabulary(served: Served):
    """Every field an answer gives is a field its body takes (read-only where the server sets it), the links
    of an action included; and the feed's record of each kind is typed as the body that writes it."""
    with served.client() as client:
        schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for answer, body in [
        ("ActionOut", "ActionPatch"),
        ("ActionOut", "ActionCreate"),
        ("ActorDetail", "ActorPatch"),
        ("OfficialOut", "OfficialPatch"),
        ("SourceDetail", "SourcePatch"),
        ("ResolutionOut", "ResolutionPatch"),
    ]:
        assert set(_properties(schemas, answer)) <= set(_properties(schemas, body)), (answer, body)
    assert set(_properties(schemas, "ActionOut")) == set(_properties(schemas, "ActionPatch"))
    action_out, action_in = _properties(schemas, "ActionOut"), _properties(schemas, "ActionCreate")
    for links in ("resolutions", "authorities", "actors", "officials", "sources"):
        answered = _properties(schemas, _item_schema(schemas, action_out[links]))
        taken = _properties(schemas, _item_schema(schemas, action_in[links]))
        assert set(answered) == set(taken), links
        assert {name for name in taken if "readOnly" in taken[name]} == set(taken) - _WRITTEN[links], links

    items = schemas["ChangesPage"]["properties"]["items"]["items"]
    mapping = items["discriminator"]["mapping"]
    assert set(mapping) == {"action", "actor", "official", "source", "authority", "list_entry"}
    change = schemas[mapping["action"].rsplit("/", 1)[1]]
    record = change["properties"]["record"]["anyOf"][0]["$ref"].rsplit("/", 1)[1]
    assert record == "ActionSnapshot"
    assert set(_properties(schemas, "ActionSnapshot")) == set(action_in) - {
        "new_sources",
        "new_actors",
        "new_officials",
    }
