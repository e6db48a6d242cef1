import uuid

from sqlalchemy.orm import Session

from service.models import Official, OfficialLink
from service.officials.schemas import OfficialIn, OfficialPatch
from service.schemas import merged
from service.writes import create_row, delete_row, put_row

_FIELDS = ("name", "title", "organisation", "country")


def create_official(session: Session, body: OfficialIn) -> str:
    official_id = body.id or f"official-{uuid.uuid4().hex}"
    create_row(session, Official, "official", official_id, body.model_dump(exclude={"id"}))
    return official_id


def update_official(session: Session, official: Official, patch: OfficialPatch) -> None:
    values = merged(OfficialIn, _values(official), patch).model_dump(exclude={"id"})
    put_row(session, Official, "official", official.id, values)


def delete_official(session: Session, official: Official) -> None:
    delete_row(session, Official, "official", official.id, _values(official), used_by=[OfficialLink.official_id])


def _values(official: Official) -> dict:
    return {field: getattr(official, field) for field in _FIELDS}
