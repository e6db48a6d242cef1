"""The change feed's and the audit trail's entries, typed per kind of record: each carries the record as the
API's bodies write it (`ActionSnapshot`, `ActorSnapshot`…), so that a follower reads one vocabulary everywhere."""

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model

from service.actions.schemas import ActionSnapshot
from service.actors.schemas import (
    ActorJudgementSnapshot,
    ActorMergeSnapshot,
    ActorSnapshot,
    ListEntrySnapshot,
    ListImportSnapshot,
)
from service.officials.schemas import OfficialSnapshot
from service.pagination import Page
from service.resolutions.schemas import AuthoritySnapshot
from service.schemas import Out, UtcDatetime
from service.sources.schemas import SourceSnapshot
from service.vocabulary import Operation

# Each kind of record the feed carries, and the model of its snapshots.
SNAPSHOTS: dict[str, type[BaseModel]] = {
    "action": ActionSnapshot,
    "actor": ActorSnapshot,
    "official": OfficialSnapshot,
    "source": SourceSnapshot,
    "authority": AuthoritySnapshot,
    "list_entry": ListEntrySnapshot,
    "list_import": ListImportSnapshot,
    "actor_judgement": ActorJudgementSnapshot,
    "actor_merge": ActorMergeSnapshot,
}


class ChangeFields(Out):
    seq: int = Field(description="Increases with every change, in commit order.", examples=[42])
    at: UtcDatetime
    entity_id: str = Field(examples=["act-2024-10-29-us-condemns-russia-dprk-training"])
    operation: Operation


class AuditFields(ChangeFields):
    who: str = Field(description="The API key's name, or the command (`seed`, `import un-xml`).", examples=["seed"])


def _typed(base: type[Out], name: str, snapshot_fields: dict[str, str]) -> Any:
    """One model of `base` per kind of record, told apart by `entity`, with its snapshots typed: the union the
    OpenAPI document gives clients."""
    models = []
    for entity, snapshot in SNAPSHOTS.items():
        fields: dict[str, Any] = {"entity": (Literal[entity], Field(description="The kind of record."))}
        fields |= {field: (snapshot | None, Field(description=text)) for field, text in snapshot_fields.items()}
        models.append(create_model(f"{entity.title().replace('_', '')}{name}", __base__=base, **fields))
    return Annotated[Union[tuple(models)], Field(discriminator="entity")]  # noqa: UP007 (a union built at run time)


ChangeOut = _typed(
    ChangeFields,
    "Change",
    {"record": "The record after the change, as a body that writes it; null for a delete (the tombstone)."},
)
AuditEntry = _typed(
    AuditFields,
    "AuditEntry",
    {"before": "The record before; null for a create.", "after": "The record after; null for a delete."},
)


# ChangeOut and AuditEntry are unions made at run time (_typed): a type to pydantic, a value to mypy.
class AuditPage(Page[AuditEntry]):  # type: ignore[valid-type]
    """A page of the audit trail, newest first."""


class ChangesPage(BaseModel):
    items: list[ChangeOut]  # type: ignore[valid-type]
    last_seq: int = Field(description="Pass as `after` to continue; equal to `after` when nothing is new.")
