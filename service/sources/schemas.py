from datetime import date

from pydantic import Field, field_validator

from service.schemas import Id, In, Name, OptionalDate, Out, Text, read_only


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


class SourceIn(In):
    """A new source document. Its text is what every quote from it is checked against, so it never changes:
    a corrected text is a new source."""

    id: Id | None = Field(default=None, description="A stable id; generated when left out.")
    url: Text | None = Field(
        default=None, examples=["https://www.state.gov/briefings/department-press-briefing-october-29-2024/"]
    )
    publisher: Name | None = Field(default=None, examples=["U.S. Department of State"])
    title: Name | None = None
    published_on: OptionalDate = Field(default=None, examples=["2024-10-29"])
    text: str = Field(min_length=1, max_length=5_000_000, description="The document's full text.")

    @field_validator("published_on")
    @classmethod
    def not_in_the_future(cls, day: date | None) -> date | None:
        if day is not None and day > date.today():
            raise ValueError("date in the future")
        return day


class SourceSnapshot(SourceIn):
    """A source as the change feed gives it: the body that writes it, with its text's digest."""

    id: Id
    sha256: str = Field(description="SHA-256 of the UTF-8 text.")


class SourcePatch(In):
    """The fields given replace the stored ones; the text cannot change. The source as GET answers it is a
    valid patch; its id and digest are ignored."""

    id: str | None = read_only()
    sha256: str | None = read_only()
    text: str | None = Field(
        default=None, exclude=True, description="The stored text, as GET answers it, or nothing: it cannot change."
    )
    url: Text | None = None
    publisher: Name | None = None
    title: Name | None = None
    published_on: OptionalDate = None
