"""The seed files' format: what an analyst writes in seeds/*.yaml, checked field by field.

Cross-record checks (references, quotes found in their source, dates) live in loader.py,
because they need the other files and the database.
"""

from datetime import date
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.models.vocabulary import ActionType, ActorKind, AuthorityKind, DatePrecision, Relation, Role

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,99}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class SeedModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AuthoritySeed(SeedModel):
    id: Id
    kind: AuthorityKind
    code: Text
    number: int | None = Field(default=None, gt=0)
    symbol: Text | None = None
    title: Text | None = None
    issuer: Text | None = None
    year: int | None = Field(default=None, ge=1945)
    adopted_on: date | None = None
    parent: Id | None = None

    @model_validator(mode="after")
    def resolution_fields_agree(self) -> Self:
        if self.kind is not AuthorityKind.un_resolution:
            return self
        if self.number is None or self.year is None:
            raise ValueError("a UN resolution needs its number and year")
        if self.code != str(self.number):
            raise ValueError(f"code must be the resolution number {self.number}")
        if self.symbol != f"S/RES/{self.number} ({self.year})":
            raise ValueError(f"symbol must read 'S/RES/{self.number} ({self.year})'")
        if self.adopted_on is not None and self.adopted_on.year != self.year:
            raise ValueError("adopted_on falls outside the resolution's year")
        return self


class ActorSeed(SeedModel):
    id: Id
    name: Text
    kind: ActorKind
    country: CountryCode | None = None
    aliases: list[Text] = []


class OfficialSeed(SeedModel):
    id: Id
    name: Text | None = Field(default=None, description="Empty for an unnamed spokesperson: never invent one.")
    title: Text | None = None
    organisation: Text | None = None
    country: CountryCode | None = None


class SourceSeed(SeedModel):
    id: Id
    file: Text = Field(description="The document's text, relative to the seed directory.")
    url: Text | None = None
    publisher: Text | None = None
    title: Text | None = None
    published_on: date | None = None


class Evidence(SeedModel):
    """Where a fact comes from: a passage copied exactly from one of the action's sources."""

    quote: Text
    source: Id | None = Field(default=None, description="Needed only when the action has several sources.")


class ActionSourceSeed(SeedModel):
    source: Id
    quote: Text


class CitationSeed(Evidence):
    resolution: int | None = Field(default=None, gt=0)
    authority: Id | None = None
    relation: Relation

    @model_validator(mode="after")
    def names_one_authority(self) -> Self:
        if (self.resolution is None) == (self.authority is None):
            raise ValueError("name either a resolution (by number) or an authority (by id), not both")
        return self


class ActorRoleSeed(Evidence):
    actor: Id
    role: Role


class OfficialRoleSeed(Evidence):
    official: Id
    title: Text | None = Field(default=None, description="The title the source gives at the time.")
    organisation: Text | None = None


class ActionSeed(SeedModel):
    id: Id
    type: ActionType
    title: Text
    summary: Text | None = None
    date: date
    date_precision: DatePrecision
    date_text: Text | None = Field(default=None, description="The words the date was read from.")
    sources: list[ActionSourceSeed] = Field(min_length=1)
    citations: list[CitationSeed] = []
    actors: list[ActorRoleSeed] = []
    officials: list[OfficialRoleSeed] = []

    @model_validator(mode="after")
    def date_fits_precision(self) -> Self:
        # A month or a year is stored as its first day, so that ordering and range filters stay exact.
        if self.date_precision is DatePrecision.month and self.date.day != 1:
            raise ValueError("a date of month precision is written as the month's first day")
        if self.date_precision is DatePrecision.year and (self.date.month, self.date.day) != (1, 1):
            raise ValueError("a date of year precision is written as 1 January")
        return self


# Each seed file holds a list of one kind of record; they load in this order.
SEED_FILES: dict[str, type[SeedModel]] = {
    "authorities.yaml": AuthoritySeed,
    "actors.yaml": ActorSeed,
    "officials.yaml": OfficialSeed,
    "sources.yaml": SourceSeed,
    "actions.yaml": ActionSeed,
}
