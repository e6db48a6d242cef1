"""The body and the answer of POST /v1/match."""

from typing import Annotated, Literal

from pydantic import Field

from service.actors.schemas import ActorOut, BirthDateText, Listing
from service.schemas import CountryCode, In, Name, Out

DEFAULT_THRESHOLD = 80
DEFAULT_LIMIT = 5
MAX_BATCH = 100


class IdentifierQuery(In):
    value: Name = Field(description="As written on a document or a list; spaces and punctuation are ignored.")
    scheme: str | None = Field(
        default=None, description="Only identifiers of this scheme (passport, imo…); any scheme when left out."
    )


class Party(In):
    """Who to screen: a name, and what else is known of the party."""

    name: Name = Field(examples=["Kang Mun Kil"])
    nationality: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2.", examples=["KP"])
    birth_date: BirthDateText | None = Field(
        default=None,
        description="YYYY-MM-DD, or YYYY-MM or YYYY when that is all that is known.",
        examples=["1963-02-09"],
    )
    identifiers: list[IdentifierQuery] = Field(default=[], max_length=20)


class MatchRequest(In):
    """One party, or a batch of up to 100, screened against every actor and its names."""

    queries: Annotated[list[Party], Field(min_length=1, max_length=MAX_BATCH)]
    # Strict: a JSON true or "80" is no number (lax validation would read true as 1).
    threshold: float = Field(
        default=DEFAULT_THRESHOLD, ge=0, le=100, strict=True, description="Candidates scoring less are left out."
    )
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=50, strict=True, description="Candidates per query, best first.")


class Evidence(Out):
    """One thing that matched, and how."""

    kind: Literal["name", "alias", "identifier", "nationality", "birth_date"]
    value: str = Field(description="The actor's name, alias, identifier, country or birth date that matched.")
    score: float = Field(description="0–100: how closely it matched (100 for an identifier or a country).")


class Candidate(Out):
    actor: ActorOut
    score: float = Field(
        ge=0,
        le=100,
        description="The name's score, raised to 100 by a shared identifier and "
        "moved by 10 up or down when the nationality agrees or differs, and by 10 when the birth date does "
        "(a year or month agrees with a day within it).",
    )
    matched: list[Evidence]
    in_force: list[Listing] = Field(
        description="The actor's listings in force now, each with its legal basis, its actions and their quotes."
    )


class MatchResult(Out):
    query: Party
    candidates: list[Candidate]


class MatchResponse(Out):
    results: list[MatchResult] = Field(description="One per query, in the order sent.")
