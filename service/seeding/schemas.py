"""The seed files' format: what an analyst writes in seeds/*.yaml, checked field by field.

Cross-record checks (references, quotes found in their source, dates) live in loader.py,
because they need the other files and the database.
"""

from datetime import date
from typing import Self

from pydantic import Field, model_validator

from service.actions.schemas import ActionIn
from service.models.vocabulary import ActorKind, AuthorityKind
from service.resolutions.schemas import resolution_symbol
from service.schemas import CountryCode, Id, In, Text


class AuthoritySeed(In):
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
        if self.symbol != resolution_symbol(self.number, self.year):
            raise ValueError(f"symbol must read {resolution_symbol(self.number, self.year)!r}")
        if self.adopted_on is not None and self.adopted_on.year != self.year:
            raise ValueError("adopted_on falls outside the resolution's year")
        return self


class ActorSeed(In):
    id: Id
    name: Text
    kind: ActorKind
    country: CountryCode | None = None
    aliases: list[Text] = []


class OfficialSeed(In):
    id: Id
    name: Text | None = Field(default=None, description="Empty for an unnamed spokesperson: never invent one.")
    title: Text | None = None
    organisation: Text | None = None
    country: CountryCode | None = None


class SourceSeed(In):
    id: Id
    file: Text = Field(description="The document's text, relative to the seed directory.")
    url: Text | None = None
    publisher: Text | None = None
    title: Text | None = None
    published_on: date | None = None


class ActionSeed(ActionIn):
    id: Id


# Each seed file holds a list of one kind of record; they load in this order.
SEED_FILES: dict[str, type[In]] = {
    "authorities.yaml": AuthoritySeed,
    "actors.yaml": ActorSeed,
    "officials.yaml": OfficialSeed,
    "sources.yaml": SourceSeed,
    "actions.yaml": ActionSeed,
}
