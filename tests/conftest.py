"""Fixtures: a database per backend (SQLite always; PostgreSQL at 127.0.0.1:5432 when it answers), built by
running the migrations, and an httpx client on the app."""

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, MetaData, create_engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from service import migrations
from service.app import create_app
from service.config import PROJECT_ROOT, Settings
from service.db import make_engine
from service.keys.service import create_key
from service.seeding.loader import load_seeds
from service.vocabulary import Scope

SEEDS = PROJECT_ROOT / "seeds"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_unreachable_reason() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return None
    except OperationalError as error:
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {str(error).splitlines()[0]}"


_PG_SKIP = _postgres_unreachable_reason()
if _PG_SKIP and os.environ.get("TEST_REQUIRE_POSTGRES"):
    raise RuntimeError(f"TEST_REQUIRE_POSTGRES is set but {_PG_SKIP}")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    if request.param == "postgresql" and _PG_SKIP:
        pytest.skip(_PG_SKIP)
    return request.param


def _fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database: a new SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'test.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[str]:
    yield from _fresh_database(backend, tmp_path)


def _migrate(url: str) -> Engine:
    engine = make_engine(Settings(database_url=url))
    with engine.begin() as connection:
        migrations.upgrade(connection)
    return engine


def seed(url: str) -> None:
    """Migrate the database at `url` and load the seed data into it."""
    engine = _migrate(url)
    with Session(engine) as session:
        load_seeds(session, SEEDS)
        session.commit()
    engine.dispose()


@pytest.fixture
def migrated_url(empty_url: str) -> Iterator[str]:
    _migrate(empty_url).dispose()
    yield empty_url


@pytest.fixture
def migrated_engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(Settings(database_url=migrated_url))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def seeded_url(request, tmp_path_factory) -> Iterator[str]:
    """One migrated, seeded database per backend, shared by the read-only tests."""
    if request.param == "postgresql" and _PG_SKIP:
        pytest.skip(_PG_SKIP)
    for url in _fresh_database(request.param, tmp_path_factory.mktemp("seeded")):
        seed(url)
        yield url


@pytest.fixture
def fresh_seeded_url(migrated_url: str) -> str:
    """A seeded database of its own, for tests that write."""
    seed(migrated_url)
    return migrated_url


def snapshot(url: str) -> dict[str, list]:
    """Every row of every table."""
    engine = make_engine(Settings(database_url=url))
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        found = {
            name: sorted(map(tuple, connection.execute(select(table)).all()), key=repr)
            for name, table in metadata.tables.items()
        }
    engine.dispose()
    return found


def make_key(url: str, name: str, scope: str) -> str:
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        token = create_key(session, name, Scope(scope))
        session.commit()
    engine.dispose()
    return token


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


async def client_for(url: str, **settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=url, **settings))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tracker.test") as client:
            yield client


@pytest.fixture(scope="session")
async def client(seeded_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on the app over the seeded database of each backend."""
    async for client in client_for(seeded_url):
        yield client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    command: list[str], url: str, port: int, env: dict[str, str] | None = None, log: Path | None = None
) -> subprocess.Popen:
    """`python -m <command>` serving the database at `url` on `port` (with settings `env`), once /healthz
    answers; its output written to `log` when one is given."""
    with log.open("wb") if log else open(os.devnull, "wb") as output:  # the server writes to its own copy
        server = subprocess.Popen(
            [sys.executable, "-m", *command],
            env=os.environ | (env or {}) | {"DATABASE_URL": url},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz")
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"the server {command} did not answer on port {port}")
