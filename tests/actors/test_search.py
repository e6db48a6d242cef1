"""The first pass of a search, the names holding every word of the query: on SQLite the index is asked for the
rarest trigram of each word only and the whole words are then looked for in the names it gives, and that pass
is answered on the event loop when it is the whole answer. It must find what the index of every trigram did."""

import pytest
from sqlalchemy.orm import Session

from service.actors.schemas import ActorMatch
from service.actors.search import find_actors, find_by_every_word
from service.actors.writes import put_actor
from service.config import Settings
from service.db import make_engine
from service.pagination import Page
from service.writes import acting_as
from tests.conftest import client_for
from tests.importers.conftest import session_on

pytestmark = pytest.mark.anyio

# Each shares the rare trigrams of 'jondoklin' ('okl', 'dok') with the first; only the first holds both words.
NAMES = {
    "org-jondoklin": ("Jondoklin Technology Company", ["JTC"]),
    "org-jondoklim": ("Jondoklim Technology", []),
    "org-doklin": ("Doklin Technology Partners", []),
    "org-societe": ("Société Générale de Négoce", ["Jondoklin Négoce"]),
}


@pytest.fixture
def named_url(migrated_url: str) -> str:
    engine = make_engine(Settings(database_url=migrated_url))
    with Session(engine) as session:
        acting_as(session, "test")
        for actor_id, (name, aliases) in NAMES.items():
            put_actor(session, actor_id, name=name, kind="organization", country=None, aliases=aliases)
        session.commit()
    engine.dispose()
    return migrated_url


async def test_only_the_names_holding_every_word_are_found_when_one_does(named_url):
    async for api in client_for(named_url):
        body = (await api.get("/v1/actors", params={"q": "Jondoklin Technology"})).json()
        # 'Jondoklim Technology' shares every rare trigram but one letter of a word: a name holding every word
        # is the answer, as with the index of every trigram.
        assert [(item["id"], item["score"]) for item in body["items"]] == [("org-jondoklin", 90.0)]
        body = (await api.get("/v1/actors", params={"q": "technology doklin"})).json()
        assert [item["id"] for item in body["items"]][:1] == ["org-doklin"]
        assert "org-jondoklim" not in [item["id"] for item in body["items"]]
        # in an alias, accents folded
        body = (await api.get("/v1/actors", params={"q": "jondoklin negoce"})).json()
        assert [(item["id"], item["score"], item["matched"]) for item in body["items"]] == [
            ("org-societe", 100.0, "Jondoklin Négoce")
        ]


async def test_a_page_of_matches_is_the_page_model_with_names_as_written(named_url):
    async for api in client_for(named_url):
        response = await api.get("/v1/actors", params={"q": "negoce", "limit": 1})
        page = Page[ActorMatch].model_validate_json(response.content)
        assert [(item.id, item.name, item.aliases) for item in page.items] == [
            ("org-societe", "Société Générale de Négoce", ["Jondoklin Négoce"])
        ]
        assert "Société" in response.text  # as written, not escaped


def test_the_first_pass_answers_as_the_whole_search_or_not_at_all(named_url):
    with session_on(named_url) as session:
        for q in ["Jondoklin Technology", "technology", "Societe Generale", "the doklin technology"]:
            found = find_by_every_word(session, q, None, None, 50)
            assert found is not None and found == find_actors(session, q, None, None, 50), q
        # a misspelt query no name holds every word of, and one of words under three letters: left to the
        # whole search, which finds them by their trigrams or by a scan
        for q in ["Jondoklinn Technolgy", "JT"]:
            assert find_by_every_word(session, q, None, None, 50) is None, q
        near = find_actors(session, "Jondoklinn Technolgy", None, None, 50)
        assert {"org-jondoklin", "org-jondoklim"} <= {match.actor_id for match in near}
        assert find_by_every_word(session, "Jondoklin", "person", None, 50) is None  # narrowed to nobody
