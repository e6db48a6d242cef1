"""All ORM classes, on one metadata, so that any domain can join any table without import cycles."""

from service.models.actions import Action, ActionSource, ActorLink, Citation, OfficialLink, Quote
from service.models.actors import Actor, ActorAlias, ActorWeakAlias
from service.models.authorities import Authority
from service.models.base import Base
from service.models.changes import Change, ChangeSet, IdempotentRequest
from service.models.identifiers import ActorAddress, ActorBirthDate, ActorIdentifier
from service.models.keys import ApiKey
from service.models.listings import ListEntry, ListImport
from service.models.officials import Official
from service.models.resolution import ActorJudgement, ActorMerge
from service.models.sources import Source

__all__ = [
    "Action",
    "ActionSource",
    "Actor",
    "ActorAddress",
    "ActorAlias",
    "ActorBirthDate",
    "ActorIdentifier",
    "ActorJudgement",
    "ActorMerge",
    "ActorWeakAlias",
    "ActorLink",
    "ApiKey",
    "Authority",
    "Base",
    "Change",
    "ChangeSet",
    "Citation",
    "IdempotentRequest",
    "ListEntry",
    "ListImport",
    "Official",
    "OfficialLink",
    "Quote",
    "Source",
]
