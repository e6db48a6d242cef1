"""The service as deployed: `sanctions-tracker serve` in a subprocess with two workers, on a seeded SQLite file
and a seeded PostgreSQL schema, spoken to over real HTTP by pooled keep-alive clients."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import _PG_SKIP, _fresh_database, free_port, make_key, seed, start_server

WORKERS = 2


@dataclass
class Served:
    base_url: str
    database_url: str
    write_key: str
    admin_key: str

    def client(self, **options) -> httpx.Client:
        """A pooled client: its connections are kept alive from one request to the next."""
        return httpx.Client(base_url=self.base_url, timeout=30, **options)

    def writer(self) -> httpx.Client:
        return self.client(headers={"Authorization": f"Bearer {self.write_key}"})


def seeded_database(backend: str, directory: Path) -> Iterator[str]:
    for url in _fresh_database(backend, directory):
        seed(url)
        yield url


@contextmanager
def serving(database_url: str, log: Path | None = None, **settings: str) -> Iterator[Served]:
    """`sanctions-tracker serve --workers 2` on the database, with the settings given as environment; its log
    written to `log` when one is given."""
    write_key = make_key(database_url, f"http-writer-{free_port()}", "write")
    admin_key = make_key(database_url, f"http-admin-{free_port()}", "admin")
    port = free_port()
    command = ["service.cli", "serve", "--port", str(port), "--workers", str(WORKERS)]
    env = {name.upper(): value for name, value in settings.items()}
    server = start_server(command, database_url, port, env=env, log=log)
    try:
        yield Served(f"http://127.0.0.1:{port}", database_url, write_key, admin_key)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory) -> Iterator[str]:
    """A seeded database per backend, shared by the tests of a module."""
    if request.param == "postgresql" and _PG_SKIP:
        pytest.skip(_PG_SKIP)
    yield from seeded_database(request.param, tmp_path_factory.mktemp("http"))


@pytest.fixture(scope="module")
def served(database: str) -> Iterator[Served]:
    """The service with its default settings."""
    with serving(database) as served:
        yield served
