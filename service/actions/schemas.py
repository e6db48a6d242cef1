from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from service.models.vocabulary import (
    ActionStatus,
    ActionType,
    ActorKind,
    AuthorityKind,
    DatePrecision,
    Relation,
    Role,
)
from service.schemas import PRINTABLE, Out, UtcDatetime

QUOTE = "The passage of the source that supports this fact, word for word."
SOURCE_ID = "The source the quote comes from."


class ResolutionCitation(Out):
    number: int = Field(examples=[1718])
    symbol: str | None = Field(examples=["S/RES/1718 (2006)"])
    relation: Relation = Field(description="How the action uses the resolution.")
    quote: str = Field(description=QUOTE)
    source_id: str = Field(description=SOURCE_ID)


class AuthorityCitation(Out):
    id: str
    kind: AuthorityKind
    code: str = Field(examples=["13382", "DPRK3"])
    title: str | None
    relation: Relation
    quote: str = Field(description=QUOTE)
    source_id: str = Field(description=SOURCE_ID)


class ActorInAction(Out):
    id: str
    name: str
    kind: ActorKind
    country: str | None
    role: Role
    quote: str = Field(description=QUOTE)
    source_id: str = Field(description=SOURCE_ID)


class OfficialInAction(Out):
    id: str
    name: str | None = Field(description="Null for an unnamed spokesperson.")
    title: str | None = Field(description="The title the source gives at the time of the action.")
    organisation: str | None
    quote: str = Field(description=QUOTE)
    source_id: str = Field(description=SOURCE_ID)


class SourceInAction(Out):
    id: str
    url: str | None
    publisher: str | None
    title: str | None
    published_on: date | None
    quote: str = Field(description="The passage of this source that reports the action.")


class ActionOut(Out):
    """One government act, with everything that says who, under what, announced by whom and according to what."""

    id: str = Field(examples=["act-2024-10-29-us-condemns-russia-dprk-training"])
    type: ActionType
    status: ActionStatus = Field(description="`draft` actions were proposed by the extractor and await review.")
    title: str
    summary: str | None
    date: date
    date_precision: DatePrecision = Field(description="A month or year is given as its first day.")
    date_text: str | None = Field(description="The words the date was read from.")
    resolutions: list[ResolutionCitation] = Field(description="UN Security Council resolutions the action invokes.")
    authorities: list[AuthorityCitation] = Field(
        description="Other legal bases: executive orders, sanctions programs, regimes."
    )
    actors: list[ActorInAction]
    officials: list[OfficialInAction] = Field(description="Who announced or spoke for the action.")
    sources: list[SourceInAction]
    created_at: UtcDatetime
    updated_at: UtcDatetime


Word = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=PRINTABLE)]
Key = Annotated[str, StringConstraints(max_length=100, pattern=PRINTABLE)]


class ActionFilters(BaseModel):
    """Filters of every action list; they combine with AND."""

    model_config = ConfigDict(extra="forbid")

    type: ActionType | None = Field(default=None, description="Only actions of this type.", examples=["designation"])
    resolution: int | None = Field(
        default=None,
        ge=1,
        le=99999,
        description="Only actions invoking this UN Security Council resolution.",
        examples=[1718],
    )
    actor: Key | None = Field(
        default=None, description="Only actions this actor (by id) takes part in.", examples=["state-ru"]
    )
    role: Role | None = Field(
        default=None,
        description="With `actor` or `country`: the part that actor plays. "
        "Alone: actions having any actor in this role.",
        examples=["imposer"],
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)] | None = Field(
        default=None, description="Only actions with an actor of this country (ISO 3166-1 alpha-2).", examples=["KP"]
    )
    official: Key | None = Field(
        default=None, description="Only actions this official (by id) announced.", examples=["official-matthew-miller"]
    )
    date_from: date | None = Field(default=None, description="On or after this date.", examples=["2024-01-01"])
    date_to: date | None = Field(default=None, description="On or before this date.", examples=["2024-12-31"])
    q: Word | None = Field(
        default=None,
        description="Words that must all appear in the title, summary or a quote (any case).",
        examples=["veto"],
    )
    status: ActionStatus = Field(
        default=ActionStatus.published, description="Published actions, or drafts for review.", examples=["published"]
    )
    sort: Literal["-date", "date"] = Field(
        default="-date", description="`-date`: newest first; `date`: oldest first.", examples=["-date"]
    )
    limit: int = Field(default=50, ge=1, le=500, description="Items per page (1–500).", examples=[50])
    cursor: Annotated[str, StringConstraints(max_length=512, pattern=PRINTABLE)] | None = Field(
        default=None,
        description="Opaque: the previous page's `next_cursor`.",
        examples=[
            "WyJhY3Rpb25zOi1kYXRlIiwiMjAyNC0wNS0zMSIsImFjdC0yMDI0LTA1LTMxLWpvaW50LXN0YXRlbWVudC1kcHJrLXJ1c3NpYS1hcm1zLXRyYW5zZmVycyJd"
        ],
    )
