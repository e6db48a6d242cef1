"""The extractor's contract: what a caller hands in (`ExtractRequest`, `KnownActor`) and the `Draft` it gets back.

`Draft` is the response schema of `POST /v1/extract`, so every field carries a description. Each proposed fact
carries the passage it was read from (`quote`) and where that passage sits in the text (`span`), so an analyst
can check it before confirming the draft.
"""

import datetime as dt
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from service.schemas import OptionalDate
from service.vocabulary import ActionType, ActorKind, DatePrecision, Relation, Role

MAX_TEXT_CHARS = 1_000_000

Span = Annotated[
    tuple[int, int],
    Field(description="[start, end] character offsets into the submitted text: text[start:end] == quote."),
]
Quote = Annotated[str, Field(description="The passage of the text the fact was read from, copied exactly.")]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Passage(_Out):
    quote: Quote
    span: Span

    @model_validator(mode="after")
    def span_fits_quote(self) -> Self:
        start, end = self.span
        if not 0 <= start <= end or end - start != len(self.quote):
            raise ValueError("span must be [start, end] with end - start == len(quote)")
        return self


class KnownActor(_Out):
    """An actor already in the database, offered to the extractor so mentions can be linked to it."""

    id: str = Field(description="The actor's id in the database.", examples=["kp"])
    name: str = Field(examples=["Democratic People's Republic of Korea"])
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code, where one applies.")
    aliases: list[str] = Field(default_factory=list, examples=[["DPRK", "North Korea", "Pyongyang"]])


class CitedResolution(Passage):
    number: int = Field(description="The UN Security Council resolution number.", examples=[1718])
    relation: Relation = Field(
        description="How the text uses it: alleges_violation (violation, breach, contravention), implements "
        "(implements, enforces), regime (a listing made under it), else cites."
    )


class OfficialMention(Passage):
    name: str | None = Field(
        description="The person's name as the text gives it in full; null for an unnamed spokesperson.",
        examples=["Matthew Miller"],
    )
    title: str | None = Field(description="The title the text gives them.", examples=["Department Spokesperson"])
    organisation: str | None = Field(
        description="The organisation they speak for, as far as the text says.", examples=["U.S. Department of State"]
    )


class ActorMention(Passage):
    name: str = Field(description="The known actor's name when linked, else the canonical or written name.")
    kind: ActorKind
    role: Role = Field(
        description="imposer (acts or issues), co_signatory (others on a joint statement), target (designated), "
        "subject (whose conduct is condemned or warned about), mentioned."
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code, where one applies.")
    actor_id: str | None = Field(default=None, description="The matching known actor's id; null when none matched.")


class ActDraft(_Out):
    """One act a document reports, with the passage behind every field, waiting for an analyst to confirm it."""

    type: ActionType = Field(description="What the text says was done; the headline and first paragraphs weigh most.")
    type_quote: str | None = Field(default=None, description="The passage the type was read from.")
    type_span: Span | None = None
    date: dt.date | None = Field(description="The action's date (not the dates of other events); null when none found.")
    date_precision: DatePrecision | None = Field(description="How much of `date` the text gives: day, month, year.")
    date_text: str | None = Field(description="The words the date was read from.", examples=["on Thursday"])
    date_span: Span | None = None
    resolutions: list[CitedResolution] = Field(description="UN Security Council resolutions cited, one per number.")
    officials: list[OfficialMention] = Field(description="Who announced or spoke, one entry per person.")
    actors: list[ActorMention] = Field(description="States, bodies and others taking part, one entry per actor.")
    targets: list[ActorMention] = Field(description="Designated persons, entities, vessels named in the text.")
    warnings: list[str] = Field(description="What the extractor was unsure of, in words an analyst can act on.")


class Draft(ActDraft):
    """A proposed action, read from one document: its main act in the top-level fields (as before), and any
    other act the same text reports, each a draft of its own, in `further_acts`."""

    further_acts: list[ActDraft] = Field(
        default_factory=list,
        description="Other acts the text reports, by other actors (the Kremlin's denial in a report of a US "
        "warning), most telling first; empty when the text reports one act.",
    )


class ExtractRequest(BaseModel):
    """The body of `POST /v1/extract`."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)] = Field(
        description=f"The document's text, at most {MAX_TEXT_CHARS:,} characters."
    )
    published_on: OptionalDate = Field(
        default=None, description="Publication date, used to resolve 'on Thursday', 'today' and years."
    )
    url: str | None = Field(default=None, max_length=2000, description="Where the text comes from; may hold a date.")

    @model_validator(mode="after")
    def text_not_blank(self) -> Self:
        if not self.text.strip():
            raise ValueError("text is blank")
        return self
