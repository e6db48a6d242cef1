"""problem+json (RFC 9457): every kind of problem the service answers, the exceptions domain code raises, and
the few handlers that turn each family into its answer."""

from enum import StrEnum
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"
PREFIX = "urn:sanctions-tracker:problem:"


class ProblemType(StrEnum):
    """One type per cause: a client can branch on `type` alone."""

    malformed_json = PREFIX + "malformed-json"
    unauthorized = PREFIX + "unauthorized"
    forbidden = PREFIX + "forbidden"
    not_found = PREFIX + "not-found"
    method_not_allowed = PREFIX + "method-not-allowed"
    conflict = PREFIX + "conflict"
    precondition_failed = PREFIX + "precondition-failed"
    too_large = PREFIX + "too-large"
    unsupported_media_type = PREFIX + "unsupported-media-type"
    validation = PREFIX + "validation"
    internal = PREFIX + "internal"
    database_unavailable = PREFIX + "database-unavailable"
    not_ready = PREFIX + "not-ready"
    busy = PREFIX + "busy"


TITLES = {
    ProblemType.malformed_json: "Malformed JSON",
    ProblemType.unauthorized: "Unauthorized",
    ProblemType.forbidden: "Forbidden",
    ProblemType.not_found: "Not found",
    ProblemType.method_not_allowed: "Method not allowed",
    ProblemType.conflict: "Conflict",
    ProblemType.precondition_failed: "Precondition failed",
    ProblemType.too_large: "Request body too large",
    ProblemType.unsupported_media_type: "Unsupported media type",
    ProblemType.validation: "Invalid request",
    ProblemType.internal: "Internal error",
    ProblemType.database_unavailable: "Database unavailable",
    ProblemType.not_ready: "Not ready",
    ProblemType.busy: "Too busy",
}


class FieldError(BaseModel):
    field: str = Field(description="The parameter or body field at fault.", examples=["limit"])
    location: str = Field(description="Where it was sent: query, path, header or body.", examples=["query"])
    message: str = Field(examples=["Input should be less than or equal to 500"])


class Problem(BaseModel):
    """An error, as application/problem+json."""

    type: ProblemType = Field(description="The kind of problem: one per cause.")
    title: str = Field(examples=["Invalid request"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["limit: Input should be less than or equal to 500"])
    errors: list[FieldError] | None = Field(default=None, description="For validation errors: each bad field.")


def problem(status: int, type: ProblemType, detail: str, errors: list[FieldError] | None = None, headers=None):
    body = Problem(type=type, title=TITLES[type], status=status, detail=detail, errors=errors)
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True), status_code=status, media_type=PROBLEM_TYPE, headers=headers
    )


class ServiceError(Exception):
    """An answer domain code gives by raising: its status and problem type travel with it."""

    status: int
    type: ProblemType
    headers: dict[str, str] | None = None

    def field_errors(self) -> list[FieldError] | None:
        return None


class NotFound(ServiceError):
    status, type = 404, ProblemType.not_found

    def __init__(self, kind: str, key: Any):
        self.kind, self.key = kind, key
        super().__init__(f"no {kind} {key!r}")


Record = TypeVar("Record")


def found(record: Record | None, kind: str, key: Any) -> Record:
    """The record a read found, or the 404 that names what was asked for: the one place a missing record
    becomes an answer."""
    if record is None:
        raise NotFound(kind, key)
    return record


class InvalidParameter(ServiceError):
    """A request that passes type checks but makes no sense (date_from after date_to, a forged cursor)."""

    status, type = 422, ProblemType.validation

    def __init__(self, field: str, message: str, location: str = "query"):
        self.error = FieldError(field=field, location=location, message=message)
        super().__init__(f"{field}: {message}")

    def field_errors(self) -> list[FieldError]:
        return [self.error]


class InvalidInput(ServiceError):
    """Fields that parse but contradict the data (unknown reference, quote not in its source…), or query
    parameters the path does not take."""

    status, type = 422, ProblemType.validation

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))

    def field_errors(self) -> list[FieldError]:
        return self.errors


class Unauthorized(ServiceError):
    """No credentials, or credentials that match no active key."""

    status, type = 401, ProblemType.unauthorized
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(ServiceError):
    """A key without the scope the operation needs."""

    status, type = 403, ProblemType.forbidden


class Conflict(ServiceError):
    """The write would break a uniqueness or reference rule (duplicate id, record still referenced)."""

    status, type = 409, ProblemType.conflict


class PreconditionFailed(ServiceError):
    """If-Match names a version that is no longer current."""

    status, type = 412, ProblemType.precondition_failed


class Busy(ServiceError):
    """The work would exceed its time budget; trying again later may succeed."""

    status, type = 503, ProblemType.busy
    headers = {"Retry-After": "5"}


def _field_errors(error: RequestValidationError) -> list[FieldError]:
    found = []
    for detail in error.errors():
        location, *path = detail["loc"] or ("body",)
        found.append(
            FieldError(field=".".join(str(part) for part in path) or location, location=location, message=detail["msg"])
        )
    return found


async def _service_error(_request: Request, error: Exception):
    assert isinstance(error, ServiceError)
    return problem(error.status, error.type, str(error), error.field_errors(), error.headers)


async def _validation(_request: Request, error: Exception):
    assert isinstance(error, RequestValidationError)
    if any(detail["type"] == "json_invalid" for detail in error.errors()):
        return problem(400, ProblemType.malformed_json, "The request body is not valid JSON.")
    errors = _field_errors(error)
    return problem(422, ProblemType.validation, "; ".join(f"{e.field}: {e.message}" for e in errors), errors)


# What Starlette and FastAPI raise on their own, by status. FastAPI's 400 is a body it could not parse
# (JSON nested too deep to decode, for one); the 405's Allow header is set by http_semantics.
_HTTP_TYPES = {
    400: ProblemType.malformed_json,
    404: ProblemType.not_found,
    405: ProblemType.method_not_allowed,
    413: ProblemType.too_large,
    415: ProblemType.unsupported_media_type,
}
_HTTP_DETAILS = {
    400: "The request body is not valid JSON.",
    404: "No such path; /docs lists them.",
}


async def _http(_request: Request, error: Exception):
    assert isinstance(error, HTTPException)
    status = error.status_code
    type = _HTTP_TYPES.get(status) or (ProblemType.validation if status < 500 else ProblemType.internal)
    return problem(status, type, _HTTP_DETAILS.get(status, str(error.detail)), headers=error.headers)


async def _conflict(_request: Request, _error: Exception):
    # Two writers raced for the same key: the one that committed first won; checks made before writing
    # (Conflict) catch every other case.
    return problem(409, ProblemType.conflict, "Another write to the same record committed first; read it again.")


async def _database_unavailable(_request: Request, _error: Exception):
    return problem(
        503, ProblemType.database_unavailable, "The database is unreachable or not migrated; try again shortly."
    )


async def _programming(request: Request, error: Exception):
    # PostgreSQL's undefined_table: the schema is missing (SQLite says so with an OperationalError).
    if getattr(getattr(error, "orig", None), "sqlstate", None) == "42P01":
        return await _database_unavailable(request, error)
    return await _unexpected(request, error)


async def _unexpected(_request: Request, _error: Exception):
    # The cause goes to the server log (uvicorn logs the traceback), never to the caller.
    return problem(500, ProblemType.internal, "The server failed to answer this request.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(IntegrityError, _conflict)
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
    405: "The path does not answer this method; `Allow` lists those it does.",
    409: "The write conflicts with existing data (duplicate id, record still referenced, reused Idempotency-Key).",
    412: "`If-Match` names a version that is no longer current.",
    413: "The request body is larger than the service accepts.",
    422: "A parameter or field is invalid; `errors` names each one.",
    503: "The database is unreachable, or the work would take longer than its budget (`Retry-After`).",
}
