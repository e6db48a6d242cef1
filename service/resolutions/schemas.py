from datetime import date
from typing import Self

from pydantic import Field, model_validator

from service.schemas import Id, In, Name, OptionalDate, Out, Text, read_only
from service.vocabulary import AuthorityKind


class ResolutionOut(Out):
    """A UN Security Council resolution."""

    id: str = Field(examples=["unscr-1718"])
    number: int = Field(examples=[1718])
    year: int | None = Field(examples=[2006])
    symbol: str | None = Field(examples=["S/RES/1718 (2006)"])
    title: str | None
    adopted_on: date | None = Field(examples=["2006-10-14"])
    action_count: int = Field(description="Published actions invoking it.", examples=[3])


def resolution_symbol(number: int, year: int) -> str:
    return f"S/RES/{number} ({year})"


def resolution_id(number: int) -> str:
    """Every writer names a resolution so (the seed loader refuses another id), which makes the number of a
    resolution readable from its id."""
    return f"unscr-{number}"


def resolution_number(authority_id: str) -> int | None:
    """The number of the resolution of this id; None for another kind of authority."""
    prefix, _, number = authority_id.partition("-")
    return int(number) if prefix == "unscr" and number.isdigit() else None


class AuthoritySnapshot(In):
    """A legal authority (a resolution, executive order, sanctions program or regime) as the change feed gives
    it, and as the seed files write it."""

    id: Id
    kind: AuthorityKind
    code: Text
    number: int | None = Field(default=None, gt=0)
    symbol: Text | None = None
    title: Text | None = None
    issuer: Text | None = None
    year: int | None = Field(default=None, ge=1945)
    adopted_on: date | None = None
    parent_id: Id | None = Field(default=None, description="The authority this one belongs to (a program's order).")

    @model_validator(mode="after")
    def resolution_fields_agree(self) -> Self:
        if self.kind is not AuthorityKind.un_resolution:
            return self
        if self.number is None or self.year is None:
            raise ValueError("a UN resolution needs its number and year")
        if self.id != resolution_id(self.number):
            raise ValueError(f"the id of resolution {self.number} is {resolution_id(self.number)!r}")
        if self.code != str(self.number):
            raise ValueError(f"code must be the resolution number {self.number}")
        if self.symbol != resolution_symbol(self.number, self.year):
            raise ValueError(f"symbol must read {resolution_symbol(self.number, self.year)!r}")
        if self.adopted_on is not None and self.adopted_on.year != self.year:
            raise ValueError("adopted_on falls outside the resolution's year")
        return self


class ResolutionIn(In):
    """A new UN Security Council resolution; its id (`unscr-N`) and symbol follow from number and year."""

    number: int = Field(ge=1, le=99999, examples=[2397])
    year: int = Field(ge=1946, le=2100, examples=[2017])
    adopted_on: OptionalDate = Field(default=None, examples=["2017-12-22"])
    title: Name | None = None

    @model_validator(mode="after")
    def adopted_in_its_year(self) -> Self:
        if self.adopted_on is not None and self.adopted_on.year != self.year:
            raise ValueError("adopted_on falls outside the resolution's year")
        if self.adopted_on is not None and self.adopted_on > date.today():
            raise ValueError("adopted_on is in the future")
        return self


class ResolutionPatch(In):
    """The fields given replace the stored ones; the number is the resolution's identity and stays. The
    resolution as GET answers it is a valid patch; its read-only fields are ignored."""

    id: str | None = read_only()
    number: int | None = read_only()
    symbol: str | None = read_only()
    action_count: int | None = read_only()
    year: int | None = Field(default=None, ge=1946, le=2100)
    adopted_on: OptionalDate = None
    title: Name | None = None
