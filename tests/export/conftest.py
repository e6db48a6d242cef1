"""Fixtures of the export tests: the seed data plus list-like records (a designation naming a vessel, a person, an
organisation and an aircraft with identifiers and addresses, a delisting, a draft), a client on the app with the
export router mounted, and helpers to read databases and exports."""

import hashlib
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.actions.queries import load_actions
from service.actions.writes import ActionRecord, ActorRef, CitationRef, SourceRef, put_actions
from service.actors.queries import get_actor
from service.actors.writes import Address, Identifier, WeakAlias, put_actor
from service.config import Settings
from service.db import make_engine
from service.models import Action, Quote, Source
from service.seeding.loader import load_seeds
from service.writes import acting_as, put_row
from tests.conftest import _PG_SKIP, SEEDS, _fresh_database, _migrate, client_for

ZALA = Path(__file__).parent.parent / "fixtures" / "ftm" / "zala_excerpt.ftm.json"

DESIGNATION = "act-test-2017-12-22-unsc-lists-vessel-and-network"
DELISTING = "act-test-2025-01-unsc-delists-ri-song-chol"
DRAFT = "act-test-2019-draft-warning"
VESSEL, PERSON, COMPANY, AIRCRAFT = "test-vessel-chon-ma-san", "test-person-ri-song-chol", "test-org-hana", "p_532"
LISTING_TEXT = (
    "On 22 December 2017 the Security Council Committee established pursuant to resolution 1718 (2006) added "
    "the vessel CHON MA SAN (IMO 8660313), RI SONG CHOL and HANA TRADING CORPORATION to its sanctions list, "
    "under resolution 2397 (2017) and in line with Executive Order 13382. The aircraft P-532 of Air Koryo was "
    "listed with them. On 15 January 2025 the Committee removed RI SONG CHOL from the list. Officials warned "
    "in 2019 of further listings."
)
SOURCE = "src-test-committee-press-release"


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = make_engine(Settings(database_url=url))
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def quote(words: str) -> str:
    assert words in LISTING_TEXT
    return words


def add_listings(url: str) -> None:
    """List-like records on top of the seeds, written as the importers write them."""
    with session_on(url) as session:
        acting_as(session, "test")
        put_row(
            session,
            Source,
            "source",
            SOURCE,
            {
                "url": "https://press.un.org/example",
                "publisher": "UN Security Council",
                "title": "Security Council 1718 Committee adds entries to its sanctions list",
                "published_on": date(2017, 12, 22),
                "text": LISTING_TEXT,
                "sha256": hashlib.sha256(LISTING_TEXT.encode()).hexdigest(),
            },
        )
        put_actor(
            session,
            VESSEL,
            name="CHON MA SAN",
            kind="vessel",
            country="KP",
            aliases=["Chonmasan"],
            weak_aliases=[WeakAlias("CMS")],  # invented for the tests: a weak alias to carry across
            identifiers=[
                Identifier("imo", "8660313"),
                Identifier("mmsi", "445577000"),
                Identifier("call_sign", "HMYW"),
            ],
        )
        put_actor(
            session,
            PERSON,
            name="RI SONG CHOL",
            kind="person",
            country="KP",
            aliases=["Ri Song-chol"],
            identifiers=[
                Identifier("passport", "381420754", "Democratic People's Republic of Korea", "issued 7 Dec 2011"),
                Identifier("un_reference", "KPi.999"),
            ],
            addresses=[Address("Pyongyang, Democratic People's Republic of Korea", "DPRK", "home")],
        )
        put_actor(
            session,
            COMPANY,
            name="HANA TRADING CORPORATION",
            kind="organization",
            country="KP",
            aliases=[],
            identifiers=[Identifier("imo", "5342883"), Identifier("document", "RC-1234", None, "registration")],
            addresses=[Address("Central District, Pyongyang")],
        )
        put_actor(session, AIRCRAFT, name="P-532", kind="aircraft", country="KP", aliases=["Air Koryo P-532"])
        listed = quote("added the vessel CHON MA SAN (IMO 8660313), RI SONG CHOL and HANA TRADING CORPORATION")
        records = [
            ActionRecord(
                id=DESIGNATION,
                type="designation",
                title="The 1718 Committee lists CHON MA SAN, RI SONG CHOL, HANA TRADING CORPORATION and P-532",
                summary="Four entries added under resolution 2397.",
                date=date(2017, 12, 22),
                date_precision="day",
                date_text="On 22 December 2017",
                status="published",
                sources=frozenset({SourceRef(SOURCE, listed)}),
                citations=frozenset(
                    {
                        CitationRef("unscr-2397", "regime", quote("under resolution 2397 (2017)"), SOURCE),
                        CitationRef("us-eo-13382", "implements", quote("Executive Order 13382"), SOURCE),
                    }
                ),
                actors=frozenset(
                    {
                        ActorRef("body-unsc", "imposer", quote("the Security Council Committee"), SOURCE),
                        ActorRef(VESSEL, "target", quote("the vessel CHON MA SAN"), SOURCE),
                        ActorRef(PERSON, "target", quote("RI SONG CHOL"), SOURCE),
                        ActorRef(COMPANY, "target", quote("HANA TRADING CORPORATION"), SOURCE),
                        ActorRef(AIRCRAFT, "target", quote("The aircraft P-532 of Air Koryo"), SOURCE),
                        ActorRef("state-kp", "subject", quote("resolution 1718 (2006)"), SOURCE),
                    }
                ),
            ),
            ActionRecord(
                id=DELISTING,
                type="delisting",
                title="The 1718 Committee removes RI SONG CHOL from its list",
                summary=None,
                date=date(2025, 1, 1),
                date_precision="month",
                date_text="January 2025",
                status="published",
                sources=frozenset({SourceRef(SOURCE, quote("the Committee removed RI SONG CHOL from the list"))}),
                citations=frozenset({CitationRef("unscr-1718", "regime", quote("resolution 1718 (2006)"), SOURCE)}),
                actors=frozenset(
                    {
                        ActorRef("body-unsc", "imposer", quote("the Committee"), SOURCE),
                        ActorRef(PERSON, "target", quote("RI SONG CHOL"), SOURCE),
                    }
                ),
            ),
            ActionRecord(
                id=DRAFT,
                type="warning",
                title="Officials warn of further listings",
                summary=None,
                date=date(2019, 1, 1),
                date_precision="year",
                date_text="in 2019",
                status="draft",
                sources=frozenset({SourceRef(SOURCE, quote("Officials warned in 2019 of further listings"))}),
                actors=frozenset({ActorRef("state-us", "imposer", quote("Officials warned"), SOURCE)}),
            ),
        ]
        put_actions(session, records)
        session.commit()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def listed_url(request, tmp_path_factory) -> Iterator[str]:
    """One migrated database per backend with the seeds and the listings above, shared by read-only tests."""
    if request.param == "postgresql" and _PG_SKIP:
        pytest.skip(_PG_SKIP)
    for url in _fresh_database(request.param, tmp_path_factory.mktemp("listed")):
        engine = _migrate(url)
        with Session(engine) as session:
            load_seeds(session, SEEDS)
            session.commit()
        engine.dispose()
        add_listings(url)
        yield url


@pytest.fixture
def fresh_listed_url(fresh_seeded_url: str) -> str:
    """A database of its own with the seeds and the listings, for tests that write."""
    add_listings(fresh_seeded_url)
    return fresh_seeded_url


async def export_client_for(url: str, **settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client on the app, which mounts the export router."""
    async for client in client_for(url, **settings):
        yield client


@pytest.fixture
async def export_client(listed_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async for client in export_client_for(listed_url):
        yield client


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def all_actions(url: str, status: str = "published") -> dict:
    """Every action of the database, as the API answers it, by id."""
    with session_on(url) as session:
        ids = list(session.scalars(select(Action.id).where(Action.status == status).order_by(Action.id)))
        return {action.id: action for action in load_actions(session, ids)}


def actor_details(url: str, ids) -> dict:
    with session_on(url) as session:
        return {id: get_actor(session, id) for id in ids}


def untraceable(url: str) -> list[str]:
    """Every quote that is not a passage of its source (each link's quote is a row of `quotes` of its source)."""
    with session_on(url) as session:
        texts = dict(session.execute(select(Source.id, Source.text)).all())
        return [
            f"quote of {source_id}: {text[:60]!r}"
            for source_id, text in session.execute(select(Quote.source_id, Quote.text))
            if text not in texts[source_id]
        ]
