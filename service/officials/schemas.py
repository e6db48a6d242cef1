from pydantic import Field

from service.schemas import Out


class OfficialOut(Out):
    """A person who announces or speaks for actions."""

    id: str = Field(examples=["official-matthew-miller"])
    name: str | None = Field(description="Null for an unnamed spokesperson.", examples=["Matthew Miller"])
    title: str | None = Field(description="The latest title known; each action gives the one held then.")
    organisation: str | None = Field(examples=["U.S. Department of State"])
    country: str | None = Field(examples=["US"])
