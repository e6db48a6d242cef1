"""The closed vocabularies of the domain (DOMAIN.md). The database enforces them with CHECK constraints."""

from enum import StrEnum


class ActionType(StrEnum):
    designation = "designation"
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
    create = "create"
    update = "update"
    delete = "delete"
