import json
from typing import Any

from pydantic import BaseModel, Field, field_validator

from service.models.vocabulary import Operation
from service.schemas import Out, UtcDatetime


def _parsed(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


class ChangeOut(Out):
    """One create, update or delete of one record, in commit order."""

    seq: int = Field(description="Increases with every change, in commit order.", examples=[42])
    at: UtcDatetime
    entity: str = Field(description="action, actor, official, source or authority.", examples=["action"])
    entity_id: str = Field(examples=["act-2024-10-29-us-condemns-russia-dprk-training"])
    operation: Operation
    record: dict[str, Any] | None = Field(
        description="The record as stored after the change (links by id); null for a delete (the tombstone)."
    )

    _parse = field_validator("record", mode="before")(_parsed)


class ChangesPage(BaseModel):
    items: list[ChangeOut]
    last_seq: int = Field(description="Pass as `after` to continue; equal to `after` when nothing is new.")


class AuditEntry(Out):
    """A change with who made it and the record before and after."""

    seq: int
    at: UtcDatetime
    who: str = Field(description="The API key's name, or the command (`seed`, `import un-xml`).", examples=["seed"])
    entity: str
    entity_id: str
    operation: Operation
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    _parse = field_validator("before", "after", mode="before")(_parsed)
