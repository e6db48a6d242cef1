from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from service.schemas import CountryCode, Id, In, Name, Out, Text, read_only
from service.vocabulary import ActionType, ActorKind, AuthorityKind, IdentifierScheme, Judgement


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


class IdentifierOut(Out):
    """A number that identifies the actor, from an official list."""

    scheme: IdentifierScheme = Field(examples=["un_reference"])
    value: str = Field(examples=["KPi.001"])
    country: str | None = Field(description="The issuing country, as the list writes it.", examples=[None])
    note: str | None = Field(description="What the list adds: document kind, issue date, remarks.", examples=[None])


class AddressOut(Out):
    """An address an official list gives for the actor."""

    address: str = Field(examples=["Central District, Pyongyang, Democratic People's Republic of Korea"])
    country: str | None = Field(examples=["Democratic People's Republic of Korea"])
    note: str | None = Field(examples=[None])


class ActorRef(Out):
    id: str = Field(examples=["body-un-security-council"])
    name: str = Field(examples=["United Nations Security Council"])


class LegalBasis(Out):
    """A resolution, executive order, program or regime a designation rests on."""

    id: str = Field(examples=["unscr-1718"])
    kind: AuthorityKind
    code: str = Field(examples=["1718", "DPRK3"])
    symbol: str | None = Field(examples=["S/RES/1718 (2006)"])
    title: str | None


class StatusEvent(Out):
    """A designation or delisting of the actor by the body."""

    action_id: str
    type: ActionType = Field(examples=["designation"])
    date: date
    legal_basis: list[str] = Field(description="Ids of the authorities the action cites.", examples=[["unscr-1718"]])
    quote: str = Field(description="The passage of the source that names the actor as the target.")
    source_id: str


class Listing(Out):
    """One body's listing of the actor: its last period, and every step."""

    listed_by: ActorRef = Field(description="The body that designated the actor (the designation's imposer).")
    in_force: bool = Field(description="The last step is a designation.")
    listed_on: date | None = Field(description="The first designation of the last listing period.")
    delisted_on: date | None = Field(description="The delisting that ended the last period; null while in force.")
    legal_basis: list[LegalBasis] = Field(description="What the designations of the last period cite.")
    events: list[StatusEvent] = Field(description="Every designation and delisting, oldest first.")


class ActorStatus(Out):
    """What is in force against an actor now, body by body."""

    actor_id: str
    in_force: bool = Field(description="Some body's listing is in force.")
    listings: list[Listing]


class ActorDetail(ActorOut):
    """One actor with what the official lists say about it beyond its names, and its sanctions status."""

    identifiers: list[IdentifierOut] = Field(description="Reference numbers, passports, IMO numbers…")
    addresses: list[AddressOut]
    birth_dates: list[str] = Field(
        description="A person's birth dates as the lists give them: YYYY-MM-DD, YYYY-MM or YYYY.",
        examples=[["1963-02-09"]],
    )
    weak_aliases: list[str] = Field(
        description="Names the lists call too broad to identify the actor alone (OFAC's weak AKAs, the UN's "
        "aliases of low quality): to confirm a match found otherwise. Never searched or screened on.",
        examples=[["FEDERATION"]],
    )
    merged_from: list[str] = Field(
        description="The actors judged the same party and merged into this one: their ids answer with a 308 "
        "redirect here, and their names, identifiers, birth dates and listings are this actor's.",
        examples=[["ofac-19499"]],
    )
    listings: list[Listing] = Field(description="Each body's listing of the actor, as `/status` gives it.")


# A birth date as precise as it is known: YYYY-MM-DD, YYYY-MM or YYYY.
BirthDateText = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]


class IdentifierIn(In):
    scheme: IdentifierScheme
    value: Name = Field(examples=["9312345"])
    country: Name | None = None
    note: Text | None = None


class AddressIn(In):
    address: Text
    country: Name | None = None
    note: Text | None = None


class ActorIn(In):
    """A new actor: a state, person, organization, vessel, aircraft or body, with every name it goes by."""

    id: Id | None = Field(default=None, description="A stable id; generated when left out.")
    name: Name = Field(examples=["Korea Mining Development Trading Corporation"])
    kind: ActorKind
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 alpha-2.", examples=["KP"])
    aliases: list[Name] = Field(default=[], examples=[["KOMID"]])
    identifiers: list[IdentifierIn] = []
    addresses: list[AddressIn] = []
    birth_dates: list[BirthDateText] = Field(
        default=[], max_length=20, description="A person's: YYYY-MM-DD, YYYY-MM or YYYY.", examples=[["1963-02-09"]]
    )
    weak_aliases: list[Name] = Field(
        default=[],
        description="Names too broad to identify the actor alone, never searched or screened on (one that is "
        "also its name or an alias is not kept).",
        examples=[["FEDERATION"]],
    )


class ActorSnapshot(ActorIn):
    """An actor as the change feed gives it: the body that writes it."""

    id: Id


class ListEntrySnapshot(Out):
    """One entry of an imported list, as the change feed gives it."""

    id: str = Field(examples=["entry-un-kpi-019"])
    list_name: str = Field(examples=["un"])
    reference: str = Field(description="The list's own key.", examples=["KPi.019"])
    regimes: str = Field(description="The UN list type or the OFAC program tags, space-separated.")
    status: str = Field(examples=["listed"])
    actor_id: str
    source_id: str = Field(description="The entry's text as last imported.")
    listed_action_id: str | None
    delisted_action_id: str | None


class ListImportSnapshot(Out):
    """The last list imported from a source, as the change feed gives it: its id is the list's name."""

    id: str = Field(examples=["un_sc"])
    list_date: date = Field(description="The list's own date: its publication, or generation.")
    file_sha256: str = Field(description="Of the list's main file.")


class ActorJudgementSnapshot(Out):
    """A judgement that two actors are one party, or not, as the change feed gives it."""

    id: str
    left_id: str
    right_id: str
    judgement: Judgement
    evidence: str | None = Field(description="What made an import merge them.", examples=["passport PS472330208"])
    who: str = Field(description="The import, or the command and who ran it.")


class ActorMergeSnapshot(Out):
    """An actor merged into another (its survivor), as the change feed gives it; a delete is an unmerge."""

    id: str
    actor_id: str
    merged_into: str


class ActorPatch(In):
    """The fields given replace the stored ones (a list replaces the whole list). The actor as GET answers it
    is a valid patch; its read-only fields are ignored."""

    id: str | None = read_only()
    listings: list[Listing] | None = read_only()
    merged_from: list[str] | None = read_only()
    name: Name | None = None
    kind: ActorKind | None = None
    country: CountryCode | None = None
    aliases: list[Name] | None = None
    identifiers: list[IdentifierIn] | None = None
    addresses: list[AddressIn] | None = None
    birth_dates: list[BirthDateText] | None = Field(default=None, max_length=20)
    weak_aliases: list[Name] | None = None
