"""problem+json (RFC 9457): the few exception types domain code raises, and the handlers that answer them."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str = Field(description="The parameter or body field at fault.", examples=["limit"])
    location: str = Field(description="Where it was sent: query, path, header or body.", examples=["query"])
    message: str = Field(examples=["Input should be less than or equal to 500"])


class Problem(BaseModel):
    """An error, as application/problem+json."""

    type: str = Field(
        description="A URI naming the kind of problem.", examples=["urn:sanctions-tracker:problem:validation"]
    )
    title: str = Field(examples=["Invalid request"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["limit: Input should be less than or equal to 500"])
    errors: list[FieldError] | None = Field(default=None, description="For validation errors: each bad field.")


class NotFound(Exception):
    def __init__(self, kind: str, key: Any):
        self.kind, self.key = kind, key
        super().__init__(f"no {kind} {key!r}")


class InvalidParameter(Exception):
    """A request that passes type checks but makes no sense (date_from after date_to, a forged cursor)."""

    def __init__(self, field: str, message: str, location: str = "query"):
        self.error = FieldError(field=field, location=location, message=message)
        super().__init__(f"{field}: {message}")


class InvalidBody(Exception):
    """A request body that parses but contradicts the data (unknown reference, quote not in its source…)."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))


class Unauthorized(Exception):
    """No credentials, or credentials that match no active key."""


class Forbidden(Exception):
    """A key without the scope the operation needs."""


class Conflict(Exception):
    """The write would break a uniqueness or reference rule (duplicate id, record still referenced)."""


class PreconditionFailed(Exception):
    """If-Match names a version that is no longer current."""


def problem(status: int, slug: str, title: str, detail: str, errors: list[FieldError] | None = None, headers=None):
    body = Problem(
        type=f"urn:sanctions-tracker:problem:{slug}", title=title, status=status, detail=detail, errors=errors
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_TYPE, headers=headers
    )


def _field_errors(error: RequestValidationError) -> list[FieldError]:
    found = []
    for detail in error.errors():
        location, *path = detail["loc"] or ("body",)
        found.append(
            FieldError(field=".".join(str(part) for part in path) or location, location=location, message=detail["msg"])
        )
    return found


async def _validation(_request: Request, error: RequestValidationError):
    if any(detail["type"] == "json_invalid" for detail in error.errors()):
        return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON.")
    errors = _field_errors(error)
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    return problem(422, "validation", "Invalid request", detail, errors)


async def _invalid_parameter(_request: Request, error: InvalidParameter):
    return problem(422, "validation", "Invalid request", str(error), [error.error])


async def _invalid_body(_request: Request, error: InvalidBody):
    return problem(422, "validation", "Invalid request", str(error), error.errors)


async def _unauthorized(_request: Request, error: Unauthorized):
    return problem(401, "unauthorized", "Unauthorized", str(error), headers={"WWW-Authenticate": "Bearer"})


async def _forbidden(_request: Request, error: Forbidden):
    return problem(403, "forbidden", "Forbidden", str(error))


async def _conflict(_request: Request, error: Conflict):
    return problem(409, "conflict", "Conflict", str(error))


async def _precondition_failed(_request: Request, error: PreconditionFailed):
    return problem(412, "precondition-failed", "Precondition failed", str(error))


async def _not_found(_request: Request, error: NotFound):
    return problem(404, "not-found", "Not found", str(error))


async def _http(_request: Request, error: HTTPException):
    return problem(
        error.status_code, f"http-{error.status_code}", str(error.detail), str(error.detail), headers=error.headers
    )


async def _database_unavailable(_request: Request, _error: Exception):
    return problem(
        503,
        "database-unavailable",
        "Database unavailable",
        "The database is unreachable or not migrated; try again shortly.",
    )


async def _programming(request: Request, error: ProgrammingError):
    # PostgreSQL's undefined_table: the schema is missing (SQLite says so with an OperationalError).
    if getattr(error.orig, "sqlstate", None) == "42P01":
        return await _database_unavailable(request, error)
    return await _unexpected(request, error)


async def _unexpected(_request: Request, _error: Exception):
    # The cause goes to the server log (uvicorn logs the traceback), never to the caller.
    return problem(500, "internal", "Internal error", "The server failed to answer this request.")


def install(app: FastAPI) -> None:
    _document_problem_media_type(app)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(InvalidParameter, _invalid_parameter)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(InvalidBody, _invalid_body)
    app.add_exception_handler(Unauthorized, _unauthorized)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(Conflict, _conflict)
    app.add_exception_handler(PreconditionFailed, _precondition_failed)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(PoolTimeoutError, _database_unavailable)
    app.add_exception_handler(ProgrammingError, _programming)
    app.add_exception_handler(Exception, _unexpected)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error bodies an operation can answer, for its OpenAPI description."""
    return {
        status: {"model": Problem, "description": _DESCRIPTIONS[status], "content": {PROBLEM_TYPE: {}}}
        for status in statuses
    }


_DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).",
    403: "The API key lacks the scope this operation needs.",
    404: "No record with that key.",
    409: "The write conflicts with existing data (duplicate id, record still referenced, reused Idempotency-Key).",
    412: "`If-Match` names a version that is no longer current.",
    422: "A parameter or field is invalid; `errors` names each one.",
    503: "The database is unreachable.",
}
# Declared on every read route, and every write route.
PROBLEM_RESPONSES = problem_responses(404, 422, 503)
WRITE_RESPONSES = problem_responses(400, 401, 403, 404, 409, 412, 422, 503)


def _document_problem_media_type(app: FastAPI) -> None:
    """FastAPI files every response model under application/json; error bodies are problem+json."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for path in generate()["paths"].values():
                for operation in path.values():
                    for response in operation.get("responses", {}).values():
                        content = response.get("content", {})
                        if PROBLEM_TYPE in content and "application/json" in content:
                            content[PROBLEM_TYPE] = content.pop("application/json")
        return app.openapi_schema

    app.openapi = openapi
