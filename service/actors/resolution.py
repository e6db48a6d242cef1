"""One actor per party. Actors that the lists and the curated records give separately are judged the same party
(or not), and each set of actors joined by `same` judgements answers as one: its survivor, with every name,
identifier, birth date and listing of the set. The others keep their rows, which the imports go on writing, and
point at the survivor (`actor_merges`); a client holding one of their ids is redirected to it.

An import judges two actors the same only on strong evidence: a shared passport, national id, IMO number or UN
reference number, or the same name (word order aside) with the same day of birth. It never joins two entries of
one list (a list names a party once), a person with anything but a person, or two sets between which a person
said `not-same` (directly, or by undoing a merge). Everything weaker is a candidate for review (`candidates`).

The survivor of a set does not depend on the order things were imported in: the curated record (an actor no
list entry names), else the actor of the earliest list in SanctionsList's order (the UN's before OFAC's), the
smallest id among equals.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import bindparam, delete, or_, select
from sqlalchemy.orm import Session

from service.errors import Conflict, NotFound
from service.models import Actor, ActorAlias, ActorBirthDate, ActorIdentifier, ActorJudgement, ActorMerge, ListEntry
from service.models.base import utcnow
from service.vocabulary import ActorKind, IdentifierScheme, Judgement, SanctionsList
from service.writes import among, record_changes

# Identifiers that name one party only: shared, they are the same party.
STRONG_SCHEMES = (
    IdentifierScheme.passport,
    IdentifierScheme.national_id,
    IdentifierScheme.imo,
    IdentifierScheme.un_reference,
)
# Kinds that may be one party: a person only with a person; an organisation, vessel or aircraft with each other
# (the UN lists vessels as entities, OFAC as vessels). States and bodies are never joined by an import.
KIND_GROUPS = {
    ActorKind.person: "person",
    ActorKind.organization: "thing",
    ActorKind.vessel: "thing",
    ActorKind.aircraft: "thing",
}
_LIST_ORDER = {name.value: rank for rank, name in enumerate(SanctionsList)}


def identifier_key(value: str) -> str:
    """An identifier as compared: capitals and digits only ('PS 472330208' and 'ps-472330208' agree)."""
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def name_key(search_key: str) -> str:
    """A folded name with its words in order: 'kang mun kil' and 'mun kil kang' agree."""
    return " ".join(sorted(search_key.split()))


def judgement_id(left: str, right: str) -> str:
    return "judgement-" + hashlib.sha256(f"{left}\n{right}".encode()).hexdigest()[:24]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


# Reads: who answers for an actor, and whom a survivor answers for.


def survivor_of(session: Session, actor_id: str) -> str | None:
    """The actor `actor_id` is merged into; None when it is not merged."""
    return session.scalar(select(ActorMerge.merged_into).where(ActorMerge.actor_id == actor_id))


_MERGED_INTO = select(ActorMerge.actor_id, ActorMerge.merged_into).where(
    ActorMerge.actor_id.in_(bindparam("ids", expanding=True))
)
_MERGED = (
    select(ActorMerge.merged_into, ActorMerge.actor_id)
    .where(ActorMerge.merged_into.in_(bindparam("ids", expanding=True)))
    .order_by(ActorMerge.actor_id)
)


def survivors(session: Session, actor_ids: Iterable[str]) -> dict[str, str]:
    """Each of these actors' survivor: itself when not merged."""
    ids = list(set(actor_ids))
    connection = session.connection()  # Core, not the ORM: asked on every search and screening
    found = {id: survivor for id, survivor in connection.execute(_MERGED_INTO, {"ids": ids})} if ids else {}
    return {id: found.get(id, id) for id in ids}


def members(session: Session, survivor_ids: Iterable[str]) -> dict[str, list[str]]:
    """Each survivor's set: itself first, then the actors merged into it, by id."""
    ids = list(dict.fromkeys(survivor_ids))
    found: dict[str, list[str]] = {id: [id] for id in ids}
    for survivor, member in session.connection().execute(_MERGED, {"ids": ids}) if ids else ():
        found[survivor].append(member)
    return found


def party(session: Session, actor_id: str) -> list[str]:
    """The actors that answer as one with this one: its survivor first, then the actors merged into it."""
    survivor = survivors(session, [actor_id])[actor_id]
    return members(session, [survivor])[survivor]


# Writes: judgements, and the merges they add up to.


@dataclass
class _Sets:
    """Actors joined by `same` judgements, as a union-find, with what each set holds: its lists and kinds."""

    parent: dict[str, str] = field(default_factory=dict)
    lists: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    kinds: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: dict[str, set[str]] = field(default_factory=dict)

    def find(self, id: str) -> str:
        self.parent.setdefault(id, id)
        self.members.setdefault(id, {id})
        while self.parent[id] != id:
            self.parent[id] = self.parent[self.parent[id]]
            id = self.parent[id]
        return id

    def union(self, a: str, b: str) -> None:
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)
        self.lists[a] |= self.lists.pop(b, set())
        self.kinds[a] |= self.kinds.pop(b, set())


@dataclass
class _State:
    """The stored judgements, read in one query."""

    same: list[tuple[str, str]]
    not_same: set[tuple[str, str]]

    @classmethod
    def read(cls, session: Session) -> "_State":
        same, not_same = [], set()
        for left, right, judgement in session.execute(
            select(ActorJudgement.left_id, ActorJudgement.right_id, ActorJudgement.judgement)
        ):
            (same.append((left, right)) if judgement == Judgement.same else not_same.add((left, right)))
        return cls(same, not_same)

    def sets(self) -> _Sets:
        sets = _Sets()
        for left, right in self.same:
            sets.union(left, right)
        return sets

    def kept_apart(self, sets: _Sets, a: str, b: str) -> tuple[str, str] | None:
        """A `not-same` pair between a's set and b's, if any."""
        for x in sets.members[sets.find(a)]:
            for y in sets.members[sets.find(b)]:
                if _pair(x, y) in self.not_same:
                    return _pair(x, y)
        return None


def _put_judgement(session: Session, left: str, right: str, judgement: Judgement, evidence: str | None) -> None:
    left, right = _pair(left, right)
    id = judgement_id(left, right)
    row = session.get(ActorJudgement, id)
    values: dict[str, str | None] = {"left_id": left, "right_id": right, "judgement": str(judgement)}
    values["evidence"] = evidence
    who = session.info["who"]
    before: dict[str, str | None] | None = None
    if row is None:
        session.add(
            ActorJudgement(
                id=id, left_id=left, right_id=right, judgement=str(judgement), evidence=evidence, who=who, at=utcnow()
            )
        )
    else:
        before = {"left_id": row.left_id, "right_id": row.right_id, "judgement": row.judgement}
        before |= {"evidence": row.evidence, "who": row.who}
        row.judgement, row.evidence, row.who, row.at = str(judgement), evidence, who, utcnow()
    record_changes(session, "actor_judgement", [(id, before, values | {"who": who})])


def _drop_judgement(session: Session, left: str, right: str) -> None:
    left, right = _pair(left, right)
    row = session.get(ActorJudgement, judgement_id(left, right))
    if row is not None:
        before = {"left_id": left, "right_id": right, "judgement": row.judgement, "evidence": row.evidence}
        session.delete(row)
        record_changes(session, "actor_judgement", [(row.id, before | {"who": row.who}, None)])


def sync_merges(session: Session) -> int:
    """Make `actor_merges` what the `same` judgements add up to: each set's members point at its survivor.
    Records each merge and unmerge in the change feed; returns how many actors it moved."""
    session.flush()
    sets = _State.read(session).sets()
    clustered = [id for id in sets.parent]
    listed: dict[str, set[str]] = defaultdict(set)
    if clustered:
        query = select(ListEntry.actor_id, ListEntry.list_name).where(among(session, ListEntry.actor_id, clustered))
        for actor_id, list_name in session.execute(query):
            listed[actor_id].add(list_name)

    def rank(id: str) -> tuple[int, str]:
        lists = listed.get(id)
        return (1 + min(_LIST_ORDER.get(name, len(_LIST_ORDER)) for name in lists) if lists else 0, id)

    wanted: dict[str, str] = {}
    for root in {sets.find(id) for id in clustered}:
        group = sets.members[root]
        survivor = min(group, key=rank)
        wanted |= {id: survivor for id in group if id != survivor}
    stored = dict(session.execute(select(ActorMerge.actor_id, ActorMerge.merged_into)).all())
    changes = []
    for id in sorted(stored.keys() | wanted.keys()):
        before, after = stored.get(id), wanted.get(id)
        if before == after:
            continue
        if before is None:
            session.add(ActorMerge(actor_id=id, merged_into=after))
        elif after is None:
            session.execute(delete(ActorMerge).where(ActorMerge.actor_id == id))
        else:
            session.get_one(ActorMerge, id).merged_into = after
        changes.append(
            (
                id,
                None if before is None else {"actor_id": id, "merged_into": before},
                None if after is None else {"actor_id": id, "merged_into": after},
            )
        )
    session.flush()
    record_changes(session, "actor_merge", changes)
    return len(changes)


@dataclass(frozen=True)
class Evidence:
    left: str
    right: str
    says: str  # 'passport PS472330208', 'name kang kil mun and birth date 1963-02-09'


def strong_evidence(session: Session) -> list[Evidence]:
    """Every pair of actors sharing a strong identifier, or persons sharing a name and a day of birth; one
    piece of evidence per pair (the first in order), pairs in id order."""
    groups: dict[str, set[str]] = defaultdict(set)
    query = select(ActorIdentifier.actor_id, ActorIdentifier.scheme, ActorIdentifier.value).where(
        ActorIdentifier.scheme.in_([str(scheme) for scheme in STRONG_SCHEMES])
    )
    for actor_id, scheme, value in session.execute(query):
        key = identifier_key(value)
        if len(key) >= 5 and any(character.isdigit() for character in key):  # not a stray word ('PS')
            groups[f"{scheme} {key}"].add(actor_id)
    born: dict[str, set[str]] = defaultdict(set)
    for actor_id, day in session.execute(select(ActorBirthDate.actor_id, ActorBirthDate.date)):
        if len(day) == 10:
            born[actor_id].add(day)
    if born:
        names = select(Actor.id, Actor.search_key).where(among(session, Actor.id, born))
        aliases = select(ActorAlias.actor_id, ActorAlias.search_key).where(among(session, ActorAlias.actor_id, born))
        for actor_id, key in [*session.execute(names), *session.execute(aliases)]:
            if key:
                for day in born[actor_id]:
                    groups[f"name {name_key(key)} and birth date {day}"].add(actor_id)
    found: dict[tuple[str, str], str] = {}
    for says, ids in sorted(groups.items()):
        for pair in combinations(sorted(ids), 2):
            found.setdefault(pair, says)
    return [Evidence(left, right, says) for (left, right), says in sorted(found.items())]


def resolve(session: Session) -> int:
    """Judge the same every pair of actors with strong evidence that nothing keeps apart, and merge them; run by
    each import at its end, over every actor (so that the order of imports does not matter). Returns how many
    pairs it judged."""
    evidence = strong_evidence(session)
    if not evidence:
        return 0
    state = _State.read(session)
    sets = state.sets()
    involved = {id for item in evidence for id in (item.left, item.right)} | set(sets.parent)
    for actor_id, kind in session.execute(select(Actor.id, Actor.kind).where(among(session, Actor.id, involved))):
        sets.kinds[sets.find(actor_id)].add(KIND_GROUPS.get(ActorKind(kind), f"alone {actor_id}"))
    for actor_id, list_name in session.execute(
        select(ListEntry.actor_id, ListEntry.list_name).where(among(session, ListEntry.actor_id, involved))
    ):
        sets.lists[sets.find(actor_id)].add(list_name)
    judged = 0
    for item in evidence:
        a, b = sets.find(item.left), sets.find(item.right)
        if a == b or sets.lists[a] & sets.lists[b] or len(sets.kinds[a] | sets.kinds[b]) > 1:
            continue
        if state.kept_apart(sets, a, b):
            continue
        _put_judgement(session, item.left, item.right, Judgement.same, item.says)
        sets.union(a, b)
        judged += 1
    if judged:
        sync_merges(session)
    return judged


def _require(session: Session, *ids: str) -> None:
    for id in ids:
        if session.get(Actor, id) is None:
            raise NotFound("actor", id)


def merge(session: Session, a: str, b: str) -> bool:
    """Judge a and b the same party: their sets become one actor. False when they are one already. A `not-same`
    judgement between them is replaced; one between other actors of their sets refuses the merge (409)."""
    _require(session, a, b)
    if a == b:
        raise Conflict(f"{a!r} and {b!r} are one actor: give two actors")
    state = _State.read(session)
    sets = state.sets()
    if sets.find(a) == sets.find(b):
        return False
    state.not_same.discard(_pair(a, b))
    apart = state.kept_apart(sets, a, b)
    if apart:
        raise Conflict(f"{apart[0]!r} and {apart[1]!r} were judged not the same: merge those first, or not these")
    _put_judgement(session, a, b, Judgement.same, None)
    sync_merges(session)
    return True


def not_same(session: Session, a: str, b: str) -> None:
    """Judge a and b different parties: no import will merge their sets. Refused (409) while they are one actor:
    unmerge first."""
    _require(session, a, b)
    sets = _State.read(session).sets()
    if a == b or sets.find(a) == sets.find(b):
        raise Conflict(f"{a!r} and {b!r} are one actor now: unmerge {b!r} first")
    _put_judgement(session, a, b, Judgement.not_same, None)


def unmerge(session: Session, actor_id: str) -> list[str]:
    """Take the actor out of its set: its `same` judgements become `not-same` ones (so that no import merges it
    back), and what remains of the set stays merged as its judgements say. Returns the actors it was judged the
    same as; 404 for an unknown actor, 409 for one that is merged with nothing."""
    _require(session, actor_id)
    partners = [
        left if right == actor_id else right
        for left, right in session.execute(
            select(ActorJudgement.left_id, ActorJudgement.right_id).where(
                ActorJudgement.judgement == Judgement.same,
                or_(ActorJudgement.left_id == actor_id, ActorJudgement.right_id == actor_id),
            )
        )
    ]
    if not partners:
        raise Conflict(f"{actor_id!r} is merged with no other actor")
    for partner in sorted(partners):
        _put_judgement(session, actor_id, partner, Judgement.not_same, None)
    sync_merges(session)
    return sorted(partners)
