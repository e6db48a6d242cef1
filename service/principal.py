"""Who a request acts as: the API key's id, name and scope. Shared by the key checks (keys/) and the primitives
that record what a key did (idempotency), so neither depends on the other."""

from dataclasses import dataclass

from service.vocabulary import Scope

_RANK = {Scope.read: 0, Scope.write: 1, Scope.admin: 2}


@dataclass(frozen=True)
class Principal:
    key_id: str
    name: str
    scope: Scope

    def allows(self, needed: Scope) -> bool:
        return _RANK[self.scope] >= _RANK[needed]
