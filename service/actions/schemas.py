from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from fastapi.openapi.models import Example
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from service.actors.schemas import ActorIn
from service.officials.schemas import OfficialIn
from service.schemas import (
    PRINTABLE,
    CanonicalInt,
    Id,
    In,
    IsoDate,
    Name,
    OptionalDate,
    Out,
    Text,
    UtcDatetime,
    read_only,
)
from service.sources.schemas import SourceIn
from service.vocabulary import (
    ActionStatus,
    ActionType,
    ActorKind,
    AuthorityKind,
    DatePrecision,
    Relation,
    Role,
)

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


class ActionOrder(StrEnum):
    """The order of a list of actions: by date, newest or oldest first, then by id."""

    newest_first = "-date"
    oldest_first = "date"

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        # Names for generated clients, which cannot make one of "-date" (openapi-python-client's extension).
        schema["x-enum-varnames"] = [member.name.upper() for member in cls]
        return schema


ResolutionFilter = Annotated[
    CanonicalInt | None,
    Field(ge=1, le=99999, description="Only actions invoking this UN Security Council resolution.", examples=[1718]),
]
ActorFilter = Annotated[
    Key | None,
    Field(
        description="Only actions this actor (by id) takes part in, or any actor merged into it (one party).",
        examples=["state-ru"],
    ),
]
OfficialFilter = Annotated[
    Key | None, Field(description="Only actions this official (by id) announced.", examples=["official-matthew-miller"])
]


class ActionSelection(BaseModel):
    """The filters every list and export of actions takes; they combine with AND. The nested lists
    (/v1/resolutions/{number}/actions…) take these and the filters their path does not already set."""

    model_config = ConfigDict(extra="forbid")

    type: ActionType | None = Field(default=None, description="Only actions of this type.", examples=["designation"])
    role: Role | None = Field(
        default=None,
        description="With `actor` or `country`: the part that actor plays. "
        "Alone: actions having any actor in this role.",
        examples=["imposer"],
    )
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)] | None = Field(
        default=None, description="Only actions with an actor of this country (ISO 3166-1 alpha-2).", examples=["KP"]
    )
    date_from: IsoDate | None = Field(default=None, description="On or after this date.", examples=["2024-01-01"])
    date_to: IsoDate | None = Field(default=None, description="On or before this date.", examples=["2024-12-31"])
    q: Word | None = Field(
        default=None,
        description="Words that must all appear in the title, summary or a quote (any case).",
        examples=["veto"],
    )
    status: ActionStatus = Field(
        default=ActionStatus.published, description="Published actions, or drafts for review.", examples=["published"]
    )
    sort: ActionOrder = Field(
        default=ActionOrder.newest_first,
        description="`-date`: newest first; `date`: oldest first.",
        examples=["-date"],
    )

    @field_validator("date_to")
    @classmethod
    def not_before_date_from(cls, date_to: date | None, info: ValidationInfo) -> date | None:
        date_from = info.data.get("date_from")
        if date_to is not None and date_from is not None and date_to < date_from:
            raise ValueError("is before date_from")
        return date_to


class ActionQuery(ActionSelection):
    """The filters and a page."""

    limit: int = Field(default=50, ge=1, le=500, description="Items per page (1–500).", examples=[50])
    cursor: Annotated[str, StringConstraints(max_length=512, pattern=PRINTABLE)] | None = Field(
        default=None,
        description="Opaque: the previous page's `next_cursor`.",
        examples=[
            "WyJhY3Rpb25zOi1kYXRlIiwiMjAyNC0wNS0zMSIsImFjdC0yMDI0LTA1LTMxLWpvaW50LXN0YXRlbWVudC1kcHJrLXJ1c3NpYS1hcm1zLXRyYW5zZmVycyJd"
        ],
    )


class ActionFilters(ActionQuery):
    """Every filter of /v1/actions."""

    resolution: ResolutionFilter = None
    actor: ActorFilter = None
    official: OfficialFilter = None


class ExportFilters(ActionSelection):
    """Every filter of /v1/actions, without paging: an export streams every page."""

    resolution: ResolutionFilter = None
    actor: ActorFilter = None
    official: OfficialFilter = None


class ResolutionActionQuery(ActionQuery):
    actor: ActorFilter = None
    official: OfficialFilter = None


class ActorActionQuery(ActionQuery):
    resolution: ResolutionFilter = None
    official: OfficialFilter = None


class OfficialActionQuery(ActionQuery):
    resolution: ResolutionFilter = None
    actor: ActorFilter = None


Quote = Annotated[Text, Field(description=QUOTE)]
QuotedSource = Annotated[
    Id | None,
    Field(description="The source the quote comes from; needed only when the action has several sources."),
]


class SourceLinkIn(In):
    """A source document that reports the action, as `sources[]` of an action reads."""

    id: Id = Field(description="The id of a source document that reports the action.")
    url: str | None = read_only()
    publisher: str | None = read_only()
    title: str | None = read_only()
    published_on: date | None = read_only()
    quote: Text = Field(description="The passage of that source that reports the action, word for word.")


class ResolutionLinkIn(In):
    """A UN Security Council resolution the action invokes, by number, as `resolutions[]` reads."""

    number: int = Field(ge=1, le=99999, examples=[1718])
    symbol: str | None = read_only()
    relation: Relation = Field(description="How the action uses the resolution.")
    quote: Quote
    source_id: QuotedSource = None


class AuthorityLinkIn(In):
    """Another legal basis (executive order, program, regime) by id, as `authorities[]` reads; a resolution is
    cited under `resolutions`, by its number."""

    id: Id = Field(examples=["eo-13382"])
    kind: AuthorityKind | None = read_only()
    code: str | None = read_only()
    title: str | None = read_only()
    relation: Relation
    quote: Quote
    source_id: QuotedSource = None


class ActorLinkIn(In):
    """An actor taking part, by id, with its role, as `actors[]` reads."""

    id: Id = Field(examples=["state-kp"])
    name: str | None = read_only()
    kind: ActorKind | None = read_only()
    country: str | None = read_only()
    role: Role
    quote: Quote
    source_id: QuotedSource = None


class OfficialLinkIn(In):
    """Who announced or spoke for the action, by id, with the title the source gives then, as `officials[]`
    reads."""

    id: Id = Field(examples=["official-matthew-miller"])
    name: str | None = read_only()
    title: Name | None = Field(default=None, description="The title the source gives at the time.")
    organisation: Name | None = None
    quote: Quote
    source_id: QuotedSource = None


# A fact of an action, with the passage that says it.
Evidence = ResolutionLinkIn | AuthorityLinkIn | ActorLinkIn | OfficialLinkIn


class ActionIn(In):
    """A new action: its fields, and its links by id, each fact with the passage of a source that says it.
    The names are those of the action as answers give it (`ActionOut`), so that a record read with GET is a
    valid body; the fields answers add (names, symbols, timestamps) are read-only."""

    id: Id | None = Field(default=None, description="A stable id; generated when left out.")
    type: ActionType
    status: ActionStatus = Field(default=ActionStatus.published, description="`draft` keeps it out of the lists.")
    title: Name
    summary: Text | None = None
    date: IsoDate
    date_precision: DatePrecision
    date_text: Text | None = Field(default=None, description="The words the date was read from.")
    resolutions: list[ResolutionLinkIn] = Field(default=[], description="UN Security Council resolutions invoked.")
    authorities: list[AuthorityLinkIn] = Field(default=[], description="Other legal bases.")
    actors: list[ActorLinkIn] = []
    officials: list[OfficialLinkIn] = []
    sources: list[SourceLinkIn] = Field(min_length=1)
    created_at: datetime | None = read_only()
    updated_at: datetime | None = read_only()

    @model_validator(mode="after")
    def date_fits_precision(self) -> Self:
        # A month or a year is stored as its first day, so that ordering and range filters stay exact.
        if self.date_precision is DatePrecision.month and self.date.day != 1:
            raise ValueError("a date of month precision is written as the month's first day")
        if self.date_precision is DatePrecision.year and (self.date.month, self.date.day) != (1, 1):
            raise ValueError("a date of year precision is written as 1 January")
        return self


class ActionSnapshot(ActionIn):
    """An action as the change feed gives it: the body that writes it."""

    id: Id


class ActionPatch(In):
    """A change to an action: the fields given replace the stored ones (a list replaces the whole list). The
    action as GET answers it is a valid patch; its read-only fields are ignored."""

    id: str | None = read_only()
    type: ActionType | None = None
    status: ActionStatus | None = None
    title: Name | None = None
    summary: Text | None = None
    date: OptionalDate = None
    date_precision: DatePrecision | None = None
    date_text: Text | None = None
    resolutions: list[ResolutionLinkIn] | None = None
    authorities: list[AuthorityLinkIn] | None = None
    actors: list[ActorLinkIn] | None = None
    officials: list[OfficialLinkIn] | None = None
    sources: list[SourceLinkIn] | None = Field(default=None, min_length=1)
    created_at: datetime | None = read_only()
    updated_at: datetime | None = read_only()


# A body that "Try it out" can send as it is against the seed data: every id exists and every quote is copied
# from the seed source it names (the State Department's statement of 17 May 2024, as reported).
CREATE_EXAMPLES: dict[str, Example] = {
    "statement": {
        "summary": "A statement, quoted from a seed source",
        "value": {
            "type": "other",
            "title": "United States says the DPRK-Russia relationship threatens global security",
            "date": "2024-05-17",
            "date_precision": "day",
            "sources": [
                {
                    "id": "src-2024-05-17-us-sanctions-five-russia-based",
                    "quote": "We are concerned by the DPRK-Russia relationship due to its threat to global "
                    "security and the international non-proliferation regime",
                }
            ],
            "actors": [
                {"id": "state-kp", "role": "subject", "quote": "We are concerned by the DPRK-Russia relationship"},
                {"id": "state-ru", "role": "subject", "quote": "We are concerned by the DPRK-Russia relationship"},
            ],
            "officials": [
                {
                    "id": "official-matthew-miller",
                    "title": "spokesperson",
                    "organisation": "US State Department",
                    "quote": "The announcement was made by US State Department spokesperson Matthew Miller",
                }
            ],
        },
    }
}


class ActionCreate(ActionIn):
    """A new action, and the records it needs that do not exist yet, created in the same transaction: give
    each an `id` and refer to it by that id."""

    new_sources: list[SourceIn] = Field(default=[], description="Source documents to create first.")
    new_actors: list[ActorIn] = Field(default=[], description="Actors to create first.")
    new_officials: list[OfficialIn] = Field(default=[], description="Officials to create first.")

    @model_validator(mode="after")
    def new_records_have_ids(self) -> Self:
        for field in ("new_sources", "new_actors", "new_officials"):
            if any(record.id is None for record in getattr(self, field)):
                raise ValueError(f"each of {field} needs an id, for the action to refer to it")
        return self
