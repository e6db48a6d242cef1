"""The one way every writer (seed loader, importers, API) creates or updates a record by its stable id."""

from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from service.models import Base
from service.models.base import utcnow


class Outcome(StrEnum):
    added = "added"
    changed = "changed"
    unchanged = "unchanged"


def upsert_row(session: Session, model: type[Base], id: str, values: dict[str, Any]) -> tuple[Any, Outcome]:
    """Insert the record, or update only the fields that differ, so that writing the same data twice
    changes nothing, not even `updated_at`."""
    row = session.get(model, id)
    if row is None:
        row = model(id=id, **values)
        session.add(row)
        return row, Outcome.added
    changed = False
    for field, value in values.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    return row, Outcome.changed if changed else Outcome.unchanged


def touch(row: Any) -> None:
    """Mark a record updated when only its links changed (the ORM sees no column change then)."""
    row.updated_at = utcnow()
