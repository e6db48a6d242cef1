"""Migration 0004: the search keys that the ICU transliteration of normality made for names in other scripts
are made again by service.folding, so that a query folded today finds them; the keys of ASCII names stay."""

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from service import migrations
from service.actors.search import find_actors
from service.folding import fold
from tests.export.conftest import session_on

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_upgrading_refolds_the_keys_of_names_in_other_scripts(empty_url):
    engine = create_engine(empty_url)
    with engine.begin() as connection:
        migrations.upgrade(connection, "0003")
        # The keys as normality 3 (ICU's Any-Latin; Latin-ASCII) made them.
        connection.execute(
            text(
                "INSERT INTO actors (id, name, kind, country, search_key, created_at, updated_at) VALUES "
                "('zakharov', 'Захаров Никита Александрович', 'person', 'RU', 'zaharov nikita aleksandrovic', :now,"
                " :now),"
                "('kim', 'Kim Jong Un', 'person', 'KP', 'kim jong un', :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO actor_aliases (actor_id, alias, search_key) VALUES "
                "('zakharov', 'ЗАХАРОВ', 'zaharov'), ('kim', 'KIM JONG-UN', 'kim jong un')"
            )
        )
        migrations.upgrade(connection)
        actors = dict(connection.execute(text("SELECT id, search_key FROM actors")).all())
        aliases = dict(connection.execute(text("SELECT alias, search_key FROM actor_aliases")).all())
    engine.dispose()
    assert actors == {"zakharov": "zakharov nikita aleksandrovich", "kim": "kim jong un"}
    assert aliases == {"ЗАХАРОВ": "zakharov", "KIM JONG-UN": "kim jong un"}
    assert fold("Захаров") == "zakharov"
    with session_on(empty_url) as session:
        assert [match.actor_id for match in find_actors(session, "Захаров", None, None, 5)][:1] == ["zakharov"]
