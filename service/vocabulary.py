"""The closed vocabularies of the domain (DOMAIN.md). The database enforces them with CHECK constraints."""

from enum import StrEnum


class ActionType(StrEnum):
    designation = "designation"
    delisting = "delisting"  # an entry taken off an official sanctions list
    condemnation = "condemnation"
    joint_statement = "joint_statement"
    warning = "warning"
    veto = "veto"
    report = "report"
    denial = "denial"
    other = "other"


class ActionStatus(StrEnum):
    published = "published"
    draft = "draft"  # proposed by the extractor, waiting for a person to confirm


class DatePrecision(StrEnum):
    """How much of an action's date its source gives: for `month` and `year` the stored date is the period's
    first day ("in March 2024" is 2024-03-01)."""

    day = "day"
    month = "month"
    year = "year"


class AuthorityKind(StrEnum):
    un_resolution = "un_resolution"
    executive_order = "executive_order"
    sanctions_program = "sanctions_program"
    regime = "regime"


class Relation(StrEnum):
    """How an action uses a legal authority."""

    cites = "cites"
    alleges_violation = "alleges_violation"
    implements = "implements"
    regime = "regime"  # a listing made under that authority's sanctions regime


class IdentifierScheme(StrEnum):
    """What register or document an actor's identifier comes from."""

    un_reference = "un_reference"  # the UN Security Council Consolidated List's reference number (KPi.001)
    ofac_ent_num = "ofac_ent_num"  # OFAC's SDN entry number
    passport = "passport"
    national_id = "national_id"
    document = "document"  # any other identity document; the identifier's note says which
    imo = "imo"  # IMO ship or company number
    mmsi = "mmsi"
    call_sign = "call_sign"


class SanctionsList(StrEnum):
    """The official lists the importers read."""

    un_sc = "un_sc"  # UN Security Council Consolidated List
    ofac_sdn = "ofac_sdn"  # OFAC Specially Designated Nationals list


class Judgement(StrEnum):
    """Whether two actors are one party."""

    same = "same"
    not_same = "not_same"


class ListingStatus(StrEnum):
    listed = "listed"
    delisted = "delisted"  # absent from the latest import of its list


class ActorKind(StrEnum):
    state = "state"
    person = "person"
    organization = "organization"
    vessel = "vessel"
    aircraft = "aircraft"
    body = "body"  # UN organs, committees, panels, the EU, monitoring teams


class Role(StrEnum):
    imposer = "imposer"
    co_signatory = "co_signatory"
    target = "target"
    subject = "subject"
    mentioned = "mentioned"


class Scope(StrEnum):
    """What an API key may do; each scope includes the ones before it."""

    read = "read"
    write = "write"
    admin = "admin"


class Operation(StrEnum):
    """What a change in the feed did to its record."""

    create = "create"
    update = "update"
    delete = "delete"
