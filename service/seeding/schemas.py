"""The seed files' format: what an analyst writes in seeds/*.yaml, checked field by field.

Cross-record checks (references, quotes found in their source, dates) live in loader.py,
because they need the other files and the database.
"""

from datetime import date

from pydantic import Field

from service.actions.schemas import ActionSnapshot
from service.resolutions.schemas import AuthoritySnapshot
from service.schemas import CountryCode, Id, In, Text
from service.vocabulary import ActorKind


class SeedRecord(In):
    """Every seed record has a stable id, unique within its file."""

    id: Id


class AuthoritySeed(AuthoritySnapshot, SeedRecord):
    """An authority, written as the change feed gives it."""


class ActorSeed(SeedRecord):
    name: Text
    kind: ActorKind
    country: CountryCode | None = None
    aliases: list[Text] = []


class OfficialSeed(SeedRecord):
    name: Text | None = Field(default=None, description="Empty for an unnamed spokesperson: never invent one.")
    title: Text | None = None
    organisation: Text | None = None
    country: CountryCode | None = None


class SourceSeed(SeedRecord):
    file: Text = Field(description="The document's text, relative to the seed directory.")
    url: Text | None = None
    publisher: Text | None = None
    title: Text | None = None
    published_on: date | None = None


class ActionSeed(ActionSnapshot, SeedRecord):
    """An action, written as `POST /v1/actions` takes it and the change feed gives it."""
