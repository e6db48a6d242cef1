from sqlalchemy.orm import Session

from service.models import Authority, Citation
from service.resolutions.schemas import ResolutionIn, ResolutionPatch, resolution_id, resolution_symbol
from service.schemas import merged
from service.vocabulary import AuthorityKind
from service.writes import create_row, delete_row, put_row

_FIELDS = ("kind", "code", "number", "symbol", "title", "issuer", "year", "adopted_on", "parent_id")


def create_resolution(session: Session, body: ResolutionIn) -> int:
    create_row(session, Authority, "authority", resolution_id(body.number), _values(body))
    return body.number


def update_resolution(session: Session, resolution: Authority, patch: ResolutionPatch) -> None:
    current = {field: getattr(resolution, field) for field in ("number", "year", "adopted_on", "title")}
    put_row(session, Authority, "authority", resolution.id, _values(merged(ResolutionIn, current, patch)))


def delete_resolution(session: Session, resolution: Authority) -> None:
    before = {field: getattr(resolution, field) for field in _FIELDS}
    delete_row(session, Authority, "authority", resolution.id, before, used_by=[Citation.authority_id])


def _values(body: ResolutionIn) -> dict:
    return {
        "kind": AuthorityKind.un_resolution,
        "code": str(body.number),
        "number": body.number,
        "symbol": resolution_symbol(body.number, body.year),
        "title": body.title,
        "issuer": "UN Security Council",
        "year": body.year,
        "adopted_on": body.adopted_on,
        "parent_id": None,
    }
