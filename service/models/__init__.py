"""All ORM classes, on one metadata, so that any domain can join any table without import cycles."""

from service.models.actions import Action, ActionSource, ActorLink, Citation, OfficialLink
from service.models.actors import Actor, ActorAlias
from service.models.authorities import Authority
from service.models.base import Base
from service.models.changes import Change, IdempotentRequest
from service.models.identifiers import ActorAddress, ActorIdentifier
from service.models.keys import ApiKey
from service.models.listings import ListEntry
from service.models.officials import Official
from service.models.sources import Source

__all__ = [
    "Action",
    "ActionSource",
    "Actor",
    "ActorAddress",
    "ActorAlias",
    "ActorIdentifier",
    "ActorLink",
    "ApiKey",
    "Authority",
    "Base",
    "Change",
    "Citation",
    "IdempotentRequest",
    "ListEntry",
    "Official",
    "OfficialLink",
    "Source",
]
