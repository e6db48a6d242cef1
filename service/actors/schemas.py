from pydantic import Field

from service.models.vocabulary import ActorKind
from service.schemas import Out


class ActorOut(Out):
    """A state, person, organization, vessel, aircraft or international body."""

    id: str = Field(examples=["state-kp"])
    name: str = Field(examples=["Democratic People's Republic of Korea"])
    kind: ActorKind
    country: str | None = Field(description="ISO 3166-1 alpha-2, where one applies.", examples=["KP"])
    aliases: list[str] = Field(examples=[["DPRK", "North Korea", "Pyongyang"]])


class ActorMatch(ActorOut):
    """An actor found by `q`, with how well it matched."""

    score: float = Field(ge=0, le=100, description="100 is an exact match of a name or alias once folded.")
    matched: str = Field(description="The name or alias that matched best.", examples=["North Korea"])
