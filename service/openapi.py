"""The OpenAPI document as clients and generators read it: the answers each kind of operation gives, with the
headers that carry part of them, and the few corrections FastAPI's generated document needs."""

from copy import deepcopy
from importlib.metadata import version
from typing import Any

from fastapi import FastAPI

from service.errors import PROBLEM_TYPE, problem_responses
from service.schemas import PRINTABLE

VERSION = version("sanctions-tracker")

_ETAG = {
    "description": "The record's version: send it back in `If-None-Match` or `If-Match`.",
    "schema": {"type": "string"},
}
_LINK = {"description": '`<URL of the next page>; rel="next"`, when there is one.', "schema": {"type": "string"}}
_LOCATION = {"description": "The path of the new record.", "schema": {"type": "string"}}
_REPLAYED = {
    "description": "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.",
    "schema": {"type": "string", "enum": ["true"]},
}

# Every read answers 401 and 403 when REQUIRE_KEY_FOR_READS closes the reads.
_READ_PROBLEMS = problem_responses(401, 403, 404, 422, 503)
_WRITE_PROBLEMS = problem_responses(400, 401, 403, 404, 409, 412, 413, 422, 503)

LIST_RESPONSES: dict[int | str, dict[str, Any]] = _READ_PROBLEMS | {200: {"headers": {"Link": _LINK}}}
RECORD_RESPONSES: dict[int | str, dict[str, Any]] = _READ_PROBLEMS | {
    200: {"headers": {"ETag": _ETAG}},
    304: {"description": "Not modified: `If-None-Match` names the current `ETag`.", "headers": {"ETag": _ETAG}},
}
CREATE_RESPONSES: dict[int | str, dict[str, Any]] = _WRITE_PROBLEMS | {
    201: {"headers": {"Location": _LOCATION, "ETag": _ETAG, "Idempotent-Replayed": _REPLAYED}},
}
UPDATE_RESPONSES: dict[int | str, dict[str, Any]] = _WRITE_PROBLEMS | {200: {"headers": {"ETag": _ETAG}}}
DELETE_RESPONSES = _WRITE_PROBLEMS

_METHOD_NOT_ALLOWED = {
    "description": "The path does not answer this method; `Allow` lists those it does.",
    "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    "headers": {"Allow": {"description": "The methods this path answers.", "schema": {"type": "string"}}},
}
_WWW_AUTHENTICATE = {
    "WWW-Authenticate": {"description": "`Bearer`: the scheme to send a key with.", "schema": {"type": "string"}}
}


def install(app: FastAPI) -> None:
    """Generate the document once, then correct what FastAPI writes otherwise."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()  # FastAPI keeps it as app.openapi_schema: corrected here, it stays corrected
        for item in document["paths"].values():
            for operation in item.values():
                _correct(operation)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _correct(operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    responses.setdefault("405", deepcopy(_METHOD_NOT_ALLOWED))
    for status, response in responses.items():
        content = response.get("content", {})
        if status.startswith(("4", "5")) and "application/json" in content:
            # FastAPI files every response model under application/json; error bodies are problem+json.
            content[PROBLEM_TYPE] = content.pop("application/json")
        if status == "401":
            response["headers"] = deepcopy(_WWW_AUTHENTICATE)
    for parameter in operation.get("parameters", []):
        parameter["schema"] = _plain(parameter["schema"], parameter.get("required", False))


def _plain(schema: dict[str, Any], required: bool) -> dict[str, Any]:
    """A parameter's schema as a reader and a generator want it: an optional parameter is left out rather than
    sent as null, so its schema is its type alone (not `string | null`); the pattern that only refuses control
    characters is said in words."""
    variants = schema.get("anyOf", [])
    if not required and len(variants) == 2 and {"type": "null"} in variants:
        kept = next(variant for variant in variants if variant != {"type": "null"})
        schema = {key: value for key, value in schema.items() if key != "anyOf"} | kept
    if schema.get("pattern") == PRINTABLE:
        del schema["pattern"]
        schema["description"] = (schema.get("description", "") + " No control characters.").strip()
    return schema
