"""The seed files' format: what an analyst writes in seeds/*.yaml, checked field by field.

Cross-record checks (references, quotes found in their source, dates) live in loader.py,
because they need the other files and the database.
"""

from datetime import date

from pydantic import Field

from service.actions.schemas import ActionSnapshot
from service.models.vocabulary import ActorKind
from service.resolutions.schemas import AuthoritySnapshot
from service.schemas import CountryCode, Id, In, Text


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


# Each seed file holds a list of one kind of record; they load in this order.
SEED_FILES: dict[str, type[In]] = {
    "authorities.yaml": AuthoritySnapshot,
    "actors.yaml": ActorSeed,
    "officials.yaml": OfficialSeed,
    "sources.yaml": SourceSeed,
    "actions.yaml": ActionSnapshot,
}
