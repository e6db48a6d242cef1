from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from service.api_route import ApiRoute
from service.changes.queries import audit_entries, changes_after, last_change
from service.changes.schemas import AuditPage, ChangesPage
from service.db import SessionDep
from service.errors import InvalidParameter, problem_responses
from service.keys.auth import AdminReader
from service.pagination import MAX_INTEGER, Cursor, Filter, Limit, paged

router = APIRouter(tags=["changes"], route_class=ApiRoute)

# Both answer 401 and 403: the feed when REQUIRE_KEY_FOR_READS closes the reads, the audit trail to a key
# short of `admin`.
PROBLEMS = problem_responses(401, 403, 422, 503)


@router.get(
    "/v1/changes", response_model=ChangesPage, summary="The change feed", responses=PROBLEMS, name="list_changes"
)
def feed(
    session: SessionDep,
    request: Request,
    response: Response,
    after: Annotated[
        int,
        Query(ge=0, le=MAX_INTEGER, description="The last `seq` you have seen (0 for the start).", examples=[0]),
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Changes per page (1–1000).", examples=[100])] = 100,
):
    """Every create, update and delete, in commit order. Keep the last `seq` you processed and ask for
    `after` it: you miss nothing and see nothing twice, even while writers run. Deletes come as tombstones
    (`operation` delete, `record` null). A full page carries a `Link` header to the next."""
    items = changes_after(session, after, limit)
    if not items and after > (newest := last_change(session)):
        # A position the feed never reached: another database's, or a typo. Echoing it back would make a
        # follower skip every change up to it.
        raise InvalidParameter("after", f"the feed's last change is seq {newest}; nothing has a later position")
    last_seq = items[-1]["seq"] if items else after
    if len(items) == limit:
        response.headers["Link"] = f'<{request.url.include_query_params(after=last_seq)}>; rel="next"'
    return {"items": items, "last_seq": last_seq}


@router.get(
    "/v1/audit", response_model=AuditPage, summary="The audit trail", responses=PROBLEMS, name="list_audit_entries"
)
def audit(
    session: SessionDep,
    request: Request,
    response: Response,
    principal: AdminReader,
    entity: Annotated[Filter, Query(description="Only changes to this kind of record.", examples=["action"])] = None,
    entity_id: Annotated[Filter, Query(description="Only changes to this record.", examples=["state-kp"])] = None,
    who: Annotated[Filter, Query(description="Only changes made by this key or command.", examples=["seed"])] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
):
    """Every write, newest first, with who made it and the record before and after. Needs an `admin` key."""
    return paged(request, response, *audit_entries(session, entity, entity_id, who, limit, cursor))
