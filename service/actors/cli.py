"""`sanctions-tracker xref`, `merge`, `not-same` and `unmerge`: review the actors that may be one party, and
record a person's judgement, which later imports respect. Thin shells over service/actors/resolution.py and
review.py, which service/cli.py mounts."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from service.commands import database, fail, out

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Result = TypeVar("Result")
ActorA = Annotated[str, typer.Argument(help="An actor's id.")]
ActorB = Annotated[str, typer.Argument(help="Another actor's id.")]
Who = Annotated[str, typer.Option("--who", help="Who judges: kept with the judgement and in the change feed.")]


def _write(command: str, who: str, act: "Callable[[Session], Result]") -> Result:
    """Run `act` in one transaction as `command` by `who`, and commit; a refusal is one line and nothing written."""
    from sqlalchemy.orm import Session

    from service.errors import ServiceError
    from service.writes import acting_as

    with database() as engine, Session(engine) as session:
        acting_as(session, f"{command} ({who})")
        try:
            result = act(session)
        except ServiceError as error:
            session.rollback()
            fail(f"{error}; nothing was written")
        session.commit()
    return result


def xref(
    threshold: Annotated[float, typer.Option(min=0, max=100, help="Pairs scoring less are left out.")] = 80,
    limit: Annotated[int, typer.Option(min=1, help="How many pairs, best first.")] = 50,
) -> None:
    """List pairs of actors that may be one party (not merged, not judged yet), with their evidence and score;
    decide each with `merge A B` or `not-same A B`."""
    from rich.table import Table
    from sqlalchemy.orm import Session

    from service.actors.review import candidates

    with database() as engine, Session(engine) as session:
        found = candidates(session, threshold, limit)
    table = Table(title=f"{len(found)} candidate pair(s) scoring {threshold:g} or more")
    for column in ("score", "actor A", "actor B", "evidence"):
        table.add_column(column, justify="right" if column == "score" else "left")
    for pair in found:
        table.add_row(
            f"{pair.score:g}",
            f"{pair.left}\n{pair.left_name}",
            f"{pair.right}\n{pair.right_name}",
            "\n".join(pair.evidence),
        )
    out.print(table)


def merge(a: ActorA, b: ActorB, who: Who = "cli") -> None:
    """Judge A and B one party: they answer as one actor, and no import parts them."""
    from service.actors.resolution import merge as merge_actors
    from service.actors.resolution import survivor_of

    def act(session: "Session") -> tuple[bool, str]:
        merged = merge_actors(session, a, b)
        return merged, survivor_of(session, a) or a

    merged, survivor = _write("merge", who, act)
    out.print(f"{a} and {b} {'are now' if merged else 'were already'} one actor: {survivor}", highlight=False)


def not_same(a: ActorA, b: ActorB, who: Who = "cli") -> None:
    """Judge A and B different parties: no import merges them."""
    from service.actors.resolution import not_same as judge_apart

    _write("not-same", who, lambda session: judge_apart(session, a, b))
    out.print(f"{a} and {b} judged not the same party", highlight=False)


def unmerge(actor: ActorA, who: Who = "cli") -> None:
    """Undo the merges of ACTOR: it answers as itself again, judged not the same as the actors it was merged
    with (so that no import merges it back)."""
    from service.actors.resolution import unmerge as unmerge_actor

    partners = _write("unmerge", who, lambda session: unmerge_actor(session, actor))
    out.print(f"{actor} unmerged; judged not the same as {', '.join(partners)}", highlight=False)
