from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from service.errors import found
from service.models import Action, Authority, Citation
from service.pagination import decode_cursor, encode_cursor
from service.resolutions.schemas import ResolutionOut
from service.vocabulary import ActionStatus, AuthorityKind

_COLUMNS = (Authority.id, Authority.number, Authority.year, Authority.symbol, Authority.title, Authority.adopted_on)
_IS_RESOLUTION = Authority.kind == AuthorityKind.un_resolution


def list_resolutions(session: Session, limit: int, cursor: str | None) -> tuple[list[ResolutionOut], str | None]:
    query = select(*_COLUMNS).where(_IS_RESOLUTION).order_by(Authority.number).limit(limit + 1)
    if cursor:
        (after,) = decode_cursor(cursor, "resolutions", (int,))
        query = query.where(Authority.number > after)
    rows = session.execute(query).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    counts = _action_counts(session, [row["id"] for row in rows])
    items = [ResolutionOut.model_validate({**row, "action_count": counts.get(row["id"], 0)}) for row in rows]
    return items, encode_cursor("resolutions", [rows[-1]["number"]]) if more else None


def get_resolution(session: Session, number: int) -> ResolutionOut:
    query = select(*_COLUMNS).where(_IS_RESOLUTION, Authority.number == number)
    row = found(session.execute(query).mappings().first(), "resolution", number)
    return ResolutionOut.model_validate({**row, "action_count": _action_counts(session, [row["id"]]).get(row["id"], 0)})


# Built once, run on the session's connection: it is asked before every page of a resolution's actions, and
# building and running a new ORM statement costs SQLAlchemy many times the index lookup.
_RESOLUTION_ID = select(Authority.id).where(_IS_RESOLUTION, Authority.number == bindparam("number"))


def resolution_key(session: Session, number: int) -> str:
    """The resolution's authority id (404 when there is none): one index lookup, where get_resolution also counts
    its actions."""
    return found(session.connection().execute(_RESOLUTION_ID, {"number": number}).scalar(), "resolution", number)


def _action_counts(session: Session, authority_ids: list[str]) -> dict[str, int]:
    if not authority_ids:
        return {}
    query = (
        select(Citation.authority_id, func.count())
        .join(Action, Action.id == Citation.action_id)
        .where(Citation.authority_id.in_(authority_ids), Action.status == ActionStatus.published)
        .group_by(Citation.authority_id)
    )
    return dict(session.execute(query).all())
