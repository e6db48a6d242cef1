from pydantic import Field

from service.schemas import CountryCode, Id, In, Name, Out, read_only


class OfficialOut(Out):
    """A person who announces or speaks for actions."""

    id: str = Field(examples=["official-matthew-miller"])
    name: str | None = Field(description="Null for an unnamed spokesperson.", examples=["Matthew Miller"])
    title: str | None = Field(description="The latest title known; each action gives the one held then.")
    organisation: str | None = Field(examples=["U.S. Department of State"])
    country: str | None = Field(examples=["US"])


class OfficialIn(In):
    """A new official. The name stays empty for an unnamed spokesperson: never invent one."""

    id: Id | None = Field(default=None, description="A stable id; generated when left out.")
    name: Name | None = Field(default=None, examples=["Matthew Miller"])
    title: Name | None = Field(default=None, examples=["Department Spokesperson"])
    organisation: Name | None = Field(default=None, examples=["U.S. Department of State"])
    country: CountryCode | None = Field(default=None, examples=["US"])


class OfficialSnapshot(OfficialIn):
    """An official as the change feed gives it: the body that writes it."""

    id: Id


class OfficialPatch(In):
    """The fields given replace the stored ones. The official as GET answers it is a valid patch; its id is
    ignored."""

    id: str | None = read_only()
    name: Name | None = None
    title: Name | None = None
    organisation: Name | None = None
    country: CountryCode | None = None
