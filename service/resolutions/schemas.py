from datetime import date
from typing import Self

from pydantic import Field, model_validator

from service.schemas import In, Name, OptionalDate, Out


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
    """The fields given replace the stored ones; the number is the resolution's identity and stays."""

    year: int | None = Field(default=None, ge=1946, le=2100)
    adopted_on: OptionalDate = None
    title: Name | None = None
