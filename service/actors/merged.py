"""The answer for an id of an actor merged into another: a permanent redirect to the survivor, so that an id a
client already holds keeps working (service/actors/resolution.py)."""

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from service.actors.resolution import survivor_of

MERGED_RESPONSES: dict[int | str, dict[str, Any]] = {
    308: {
        "description": "The actor was judged the same party as another and merged into it: `Location` is the same "
        "path for the survivor (a client that follows redirects gets its answer). The survivor's detail lists "
        "this id in `merged_from`.",
        "headers": {
            "Location": {"description": "The same path and query, for the survivor.", "schema": {"type": "string"}}
        },
    }
}


def redirect_if_merged(session: Session, request: Request, actor_id: str) -> RedirectResponse | None:
    """A 308 to the same route for the survivor, with the same query; None for an actor that is not merged."""
    survivor = survivor_of(session, actor_id)
    if survivor is None:
        return None
    location = request.app.url_path_for(request.scope["route"].name, actor_id=survivor)
    query = request.url.query
    return RedirectResponse(location + (f"?{query}" if query else ""), status_code=308)
