"""What is in force against an actor: for each body that listed it (the UN Security Council, OFAC, the EU…),
since when, under which legal basis, whether and when it was delisted, each step with the action and the quote
that say so. Computed from the published designations and delistings that name the actor as their target and
the body as their imposer, whoever recorded them (an official list's import or a curated record)."""

from collections import defaultdict

from sqlalchemy import ColumnElement, ColumnExpressionArgument, and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session, aliased

from service.actors.resolution import members
from service.actors.schemas import ActorRef, LegalBasis, Listing, StatusEvent
from service.models import Action, Actor, ActorLink, ActorMerge, Authority, Citation, Quote
from service.vocabulary import ActionStatus, ActionType, AuthorityKind, Role

STEPS = (ActionType.designation, ActionType.delisting)


def listings_of(session: Session, actor_id: str) -> list[Listing]:
    """The listings of the actor and of the actors merged into it."""
    return listings_by_actor(session, [actor_id])[actor_id]


# The steps of the actors given (`ids`: an expanding parameter): built once, so that a request pays only for
# running it. A listing and a delisting on one day: the delisting is the later step.
_TARGET, _IMPOSER = aliased(ActorLink), aliased(ActorLink)
_STEPS = (
    select(_TARGET.actor_id, Action.id, Action.type, Action.date, Quote.text, _TARGET.source_id, Actor.id, Actor.name)
    .join(
        _TARGET,
        and_(
            _TARGET.action_id == Action.id,
            _TARGET.actor_id.in_(bindparam("ids", expanding=True)),
            _TARGET.role == Role.target,
        ),
    )
    .join(Quote, and_(Quote.source_id == _TARGET.source_id, Quote.id == _TARGET.quote_id))
    .join(_IMPOSER, and_(_IMPOSER.action_id == Action.id, _IMPOSER.role == Role.imposer))
    .join(Actor, Actor.id == _IMPOSER.actor_id)
    .where(Action.type.in_(STEPS), Action.status == ActionStatus.published)
    .order_by(Actor.name, Actor.id, Action.date, Action.type.desc(), Action.id)
)
_CITED = (
    select(Citation.action_id, Authority.id, Authority.kind, Authority.code, Authority.symbol, Authority.title)
    .join(Authority, Authority.id == Citation.authority_id)
    .where(Citation.action_id.in_(bindparam("actions", expanding=True)))
    .order_by(Authority.kind, Authority.code)
)


def listings_by_actor(session: Session, actor_ids: list[str]) -> dict[str, list[Listing]]:
    """The listings of each of these actors and of the actors merged into it, in three queries whatever their
    number."""
    sets = members(session, actor_ids)
    if not sets:
        return {}  # an empty IN would be planned as a scan of every action
    survivor = {member: id for id, ids in sets.items() for member in ids}
    connection = session.connection()  # Core, not the ORM: the statements are built once
    steps = connection.execute(_STEPS, {"ids": list(survivor)}).all()
    bases: dict[str, list[LegalBasis]] = defaultdict(list)
    for action_id, id, kind, code, symbol, title in connection.execute(
        _CITED, {"actions": sorted({step[1] for step in steps})}
    ):
        bases[action_id].append(LegalBasis(id=id, kind=AuthorityKind(kind), code=code, symbol=symbol, title=title))
    by_body: dict[str, dict[tuple[str, str], list[StatusEvent]]] = {id: defaultdict(list) for id in sets}
    for member, action_id, type, day, quote, source_id, body_id, body_name in steps:
        event = StatusEvent(
            action_id=action_id,
            type=ActionType(type),
            date=day,
            legal_basis=[basis.id for basis in bases[action_id]],
            quote=quote,
            source_id=source_id,
        )
        by_body[survivor[member]][(body_id, body_name)].append(event)
    return {
        id: [_listing(ActorRef(id=body_id, name=name), events, bases) for (body_id, name), events in bodies.items()]
        for id, bodies in by_body.items()
    }


def _listing(body: ActorRef, events: list[StatusEvent], bases: dict[str, list[LegalBasis]]) -> Listing:
    """The body's last listing period: from the first designation after its last delisting (if any) to now, or
    to the delisting that closed it."""
    last = events[-1]
    in_force = last.type == ActionType.designation
    closing = None if in_force else last
    period_end = len(events) if in_force else len(events) - 1
    start = period_end
    while start > 0 and events[start - 1].type == ActionType.designation:
        start -= 1
    period = events[start:period_end]
    basis = {b.id: b for event in period for b in bases[event.action_id]}
    return Listing(
        listed_by=body,
        in_force=in_force,
        listed_on=period[0].date if period else None,
        delisted_on=closing.date if closing else None,
        legal_basis=sorted(basis.values(), key=lambda b: (b.kind, b.code)),
        events=events,
    )


def listed(
    actor_id: ColumnExpressionArgument[str], listed_by: str | None, in_force: bool | None
) -> ColumnElement[bool]:
    """A condition on actors: listed by `listed_by` (any body when None), and in force now or not (either
    when None), themselves or through an actor merged into them. In force: a designation with no delisting by
    the same body on or after its date."""
    designation, d_target, d_imposer = aliased(Action), aliased(ActorLink), aliased(ActorLink)
    later, l_target, l_imposer = aliased(Action), aliased(ActorLink), aliased(ActorLink)
    delisted_since = exists().where(
        l_target.actor_id == d_target.actor_id,
        *_step(later, ActionType.delisting, l_target, l_imposer),
        l_imposer.actor_id == d_imposer.actor_id,
        or_(later.date > designation.date, and_(later.date == designation.date, later.id != designation.id)),
    )
    merged_in = exists().where(ActorMerge.actor_id == d_target.actor_id, ActorMerge.merged_into == actor_id)
    conditions = [
        or_(d_target.actor_id == actor_id, merged_in),
        *_step(designation, ActionType.designation, d_target, d_imposer),
    ]
    if listed_by is not None:
        conditions.append(d_imposer.actor_id == listed_by)
    if in_force is None:
        return exists().where(*conditions)
    current = exists().where(*conditions, ~delisted_since)
    return current if in_force else and_(exists().where(*conditions), ~current)


def _step(
    action: type[Action], type: ActionType, target: type[ActorLink], imposer: type[ActorLink]
) -> list[ColumnElement[bool]]:
    """A published action of `type` with a target (the caller says which) and some body as its imposer."""
    return [
        target.role == Role.target,
        target.action_id == action.id,
        action.type == type,
        action.status == ActionStatus.published,
        imposer.action_id == action.id,
        imposer.role == Role.imposer,
    ]
