from datetime import date

from pydantic import Field

from service.schemas import Out


class SourceOut(Out):
    """A document that evidences actions."""

    id: str = Field(examples=["src-2024-10-29-state-briefing"])
    url: str | None
    publisher: str | None
    title: str | None
    published_on: date | None
    sha256: str = Field(description="SHA-256 of the UTF-8 text: check a copy against it.")


class SourceDetail(SourceOut):
    text: str = Field(description="The full text every quote is taken from.")
