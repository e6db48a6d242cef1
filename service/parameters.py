"""One rule for query strings on every route: a parameter the route does not take is a 422 naming it, never
silently ignored (a misspelt filter would otherwise answer an unfiltered list)."""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

from service.errors import FieldError, InvalidInput

_known: dict[str, frozenset[str]] = {}


def _query_names(dependant: Dependant) -> frozenset[str]:
    names: set[str] = set()
    for field in dependant.query_params:
        annotation = field.field_info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):  # a model of query parameters
            names |= {info.alias or name for name, info in annotation.model_fields.items()}
        else:
            names.add(field.alias)
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


async def known_query_only(request: Request) -> None:
    if not request.scope.get("query_string"):
        return  # no parameter at all: none unknown
    route = request.scope["route"]
    assert isinstance(route, APIRoute)
    if route.unique_id not in _known:
        _known[route.unique_id] = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - _known[route.unique_id])
    if unknown:
        raise InvalidInput(
            [FieldError(field=name, location="query", message="not a parameter of this path") for name in unknown]
        )
