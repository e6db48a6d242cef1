from datetime import date

from pydantic import Field

from service.schemas import Out


class ResolutionOut(Out):
    """A UN Security Council resolution."""

    id: str = Field(examples=["unscr-1718"])
    number: int = Field(examples=[1718])
    year: int | None = Field(examples=[2006])
    symbol: str | None = Field(examples=["S/RES/1718 (2006)"])
    title: str | None
    adopted_on: date | None = Field(examples=["2006-10-14"])
    action_count: int = Field(description="Published actions invoking it.", examples=[3])
