"""Quotes stored once: the links that quote one passage of one source share its row of `quotes`, and a passage
goes in the write that removes the last link quoting it, whichever writer (put_action, put_actions, a delete)."""

from dataclasses import replace
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from service.actions.writes import (
    ActionRecord,
    ActorRef,
    CitationRef,
    OfficialRef,
    SourceRef,
    delete_action,
    put_action,
    put_actions,
)
from service.models import Action
from service.models.actions import quote_id
from service.seeding.loader import load_seeds
from service.writes import acting_as
from tests.conftest import SEEDS

SOURCE = "src-2024-10-29-state-briefing"
LINKS = ("action_sources", "action_authorities", "action_actors", "action_officials")


def quoting(id: str, passage: str, official_passage: str | None = None) -> ActionRecord:
    """An action whose links all quote `passage` of SOURCE (its official `official_passage`, if given)."""
    return ActionRecord(
        id=id,
        type="condemnation",
        title=f"Quotes {id}",
        summary=None,
        date=date(2024, 10, 29),
        date_precision="day",
        date_text=None,
        status="published",
        sources=frozenset({SourceRef(SOURCE, passage)}),
        citations=frozenset({CitationRef("unscr-2270", "alleges_violation", passage, SOURCE)}),
        actors=frozenset(
            {ActorRef("state-ru", "subject", passage, SOURCE), ActorRef("state-kp", "target", passage, SOURCE)}
        ),
        officials=frozenset({OfficialRef("official-matthew-miller", None, None, official_passage or passage, SOURCE)}),
    )


def stored_quotes(session: Session) -> dict[str, int]:
    """The passages of SOURCE stored, each with its id."""
    rows = session.execute(text("SELECT text, id FROM quotes WHERE source_id = :s"), {"s": SOURCE})
    return {passage: id for passage, id in rows}


def unquoted(session: Session) -> int:
    """Quotes that no link quotes."""
    used = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM {table} l WHERE l.source_id = q.source_id AND l.quote_id = q.id)" for table in LINKS
    )
    return session.execute(text(f"SELECT count(*) FROM quotes q WHERE {used}")).scalar_one()


def test_the_links_quoting_one_passage_share_its_row(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        before = stored_quotes(session)
        put_actions(session, [quoting(f"q-{n}", "Russia’s training") for n in range(3)])
        put_action(session, quoting("q-3", "Russia’s training", "Matthew Miller"))
        added = {passage: id for passage, id in stored_quotes(session).items() if passage not in before}
        assert added == {passage: quote_id(SOURCE, passage) for passage in ("Russia’s training", "Matthew Miller")}
        links = sum(
            session.execute(text(f"SELECT count(*) FROM {t} WHERE action_id LIKE 'q-%'")).scalar_one() for t in LINKS
        )
        assert links == 4 * 5


def test_a_passage_goes_with_the_last_link_quoting_it_whichever_writer_removes_it(migrated_engine):
    with Session(migrated_engine) as session:
        load_seeds(session, SEEDS)
        acting_as(session, "test")
        put_action(session, quoting("q-a", "first passage"))
        put_action(session, quoting("q-b", "first passage", "official's passage"))
        # q-a moves on to another passage; q-b still quotes the first
        put_action(session, quoting("q-a", "second passage"))
        assert {"first passage", "second passage", "official's passage"} <= set(stored_quotes(session))
        # one link of q-b changes its passage: the official's goes, the rest stays
        put_actions(session, [quoting("q-b", "first passage")])
        assert "official's passage" not in stored_quotes(session)
        assert "first passage" in stored_quotes(session)
        # q-b deleted: nothing quotes the first passage any more
        delete_action(session, session.get(Action, "q-b"))
        assert "first passage" not in stored_quotes(session)
        # a bulk rewrite of q-a to a new passage drops the second one
        put_actions(session, [replace(quoting("q-a", "third passage"), title="Renamed")])
        assert {"second passage", "third passage"} & set(stored_quotes(session)) == {"third passage"}
        assert unquoted(session) == 0
        session.commit()
