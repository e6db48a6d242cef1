import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import Conflict, FieldError, InvalidInput
from service.models import ActionSource, Source
from service.schemas import merged
from service.sources.schemas import SourceIn, SourcePatch
from service.writes import create_row, delete_row, put_row

_FIELDS = ("url", "publisher", "title", "published_on", "text")


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_source(session: Session, body: SourceIn) -> str:
    digest = sha256_of(body.text)
    same = session.scalar(select(Source.id).where(Source.sha256 == digest))
    if same is not None:
        raise Conflict(f"the source {same!r} has this text already")
    source_id = body.id or f"src-{uuid.uuid4().hex}"
    create_row(session, Source, "source", source_id, body.model_dump(exclude={"id"}) | {"sha256": digest})
    return source_id


def update_source(session: Session, source: Source, patch: SourcePatch) -> None:
    if patch.text is not None and patch.text != source.text:
        raise InvalidInput(
            [FieldError(field="text", location="body", message="cannot change: a corrected text is a new source")]
        )
    values = merged(SourceIn, _values(source), patch).model_dump(exclude={"id"})
    put_row(session, Source, "source", source.id, values | {"sha256": source.sha256})


def delete_source(session: Session, source: Source) -> None:
    before = _values(source) | {"sha256": source.sha256}
    delete_row(session, Source, "source", source.id, before, used_by=[ActionSource.source_id])


def _values(source: Source) -> dict:
    return {field: getattr(source, field) for field in _FIELDS}
