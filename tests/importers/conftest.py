"""Fixtures and helpers of the importer tests: the excerpts in tests/fixtures, a seeded database per backend,
and a snapshot of every table to show that an import changed nothing."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.models import Quote, Source
from service.seeding.loader import load_seeds
from tests.conftest import SEEDS

FIXTURES = Path(__file__).parent.parent / "fixtures"
UN = FIXTURES / "un" / "consolidated.xml"
UN_NEWER = FIXTURES / "un" / "consolidated_newer.xml"
UN_MALFORMED = FIXTURES / "un" / "consolidated_malformed.xml"
UN_CHOE_SOK_MIN = FIXTURES / "un" / "choe_sok_min.xml"  # KPi.064, cut from lists/un_consolidated.xml
OFAC = FIXTURES / "ofac" / "list"
OFAC_NEWER = FIXTURES / "ofac" / "newer"
OFAC_MALFORMED = FIXTURES / "ofac" / "malformed"


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = make_engine(Settings(database_url=url))
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def run(url: str, importer, *args, **kwargs):
    """Import in one transaction and commit, as the CLI does; the report."""
    with session_on(url) as session:
        report = importer(session, *args, **kwargs)
        session.commit()
    return report


def untraceable(session: Session) -> list[str]:
    """Every quote that is not a passage of its source, and every source whose digest is not of its text."""
    texts = {id: text for id, text in session.execute(select(Source.id, Source.text))}
    problems = [
        f"source {id}: sha256"
        for id, text, digest in session.execute(select(Source.id, Source.text, Source.sha256))
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != digest
    ]
    # each link's quote is a row of `quotes` of the link's own source (the key onto it says so)
    for source_id, quote in session.execute(select(Quote.source_id, Quote.text)):
        if quote not in texts[source_id]:
            problems.append(f"quote {quote[:60]!r} not in {source_id}")
    return problems


@pytest.fixture
def seeded_db(migrated_url: str) -> str:
    """A migrated database of its own, with the seed data (the Security Council, resolution 1718, the orders)."""
    with session_on(migrated_url) as session:
        load_seeds(session, SEEDS)
        session.commit()
    return migrated_url
