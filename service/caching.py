"""The answer cache: whole answers to repeated anonymous GETs, kept exact by the change feed's version."""

import asyncio
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, field

import anyio
import psycopg
from sqlalchemy import Connection, Engine, create_engine, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.etags import matches
from service.models import Change


@dataclass
class _Stored:
    """A 200 answer, and the data version it was computed at."""

    version: int | None
    route: object
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.etag = dict(self.headers).get(b"etag", b"").decode() or None


class ResponseCache:
    """Answers a repeated GET of the read API from memory while the data it was computed from are unchanged.

    Exact, not a time to live: every write of the service (API, seed, ingest, import) records a row in
    `changes` in its own transaction, in commit order, so the highest `seq` names the version of the data.
    Each request reads it (one index lookup) before looking in the cache. An answer is stored under the version
    read before it was computed, so a write that commits meanwhile makes the next request compute it again
    rather than serve it stale. Requests with an Authorization header and services that close reads
    (REQUIRE_KEY_FOR_READS) are never answered from here: the key check stays in the route."""

    PATHS = ("/v1/actions", "/v1/resolutions", "/v1/actors", "/v1/officials", "/v1/sources")

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes
        self.entries: OrderedDict[tuple, _Stored] = OrderedDict()
        self.size = 0
        # The answers being computed, by key: (the version each is computed at, set when it is done).
        self.computing: dict[tuple, tuple[int | None, anyio.Event]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        # Everything an answer depends on: the URLs of its Link header are built from the scheme, host and
        # root path the request came with (a trusted proxy may have set them), the body from path and query.
        key = (scope["scheme"], headers.get("host"), scope.get("root_path", ""), scope["path"], scope["query_string"])
        try:
            version = await scope["app"].state.data_version.read()
        except (SQLAlchemyError, sqlite3.Error, psycopg.Error):
            # No version, no cache: the route meets the same failure and answers it (503, problem+json).
            await self.app(scope, receive, send)
            return
        flight = self.computing.get(key)
        if flight is not None and flight[0] == version:
            # Single flight: the same answer at the same version is being computed; wait for it rather than
            # compute it again (after a write, every waiting request would otherwise compute the same page).
            await flight[1].wait()
        if await self._replayed(key, version, scope, headers, send):
            return
        done = anyio.Event()
        self.computing[key] = (version, done)
        try:
            await self.app(scope, receive, self._recording(scope, key, version, send))
        finally:
            if self.computing.get(key) == (version, done):
                del self.computing[key]
            done.set()

    async def _replayed(self, key: tuple, version: int | None, scope: Scope, headers: Headers, send: Send) -> bool:
        """Whether an answer stored at this version was sent. One stored at another version is never sent:
        the request read the current version before asking, so only an answer computed at it is exact."""
        stored = self.entries.get(key)
        if stored is None or stored.version != version:
            return False
        self.entries.move_to_end(key)
        scope["route"] = stored.route  # for the access log and the metrics
        await self._replay(stored, headers.get("if-none-match"), send)
        return True

    def _cacheable(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and self.max_bytes > 0
            and scope["path"].startswith(self.PATHS)
            and not scope["app"].state.settings.require_key_for_reads
            and not any(name == b"authorization" for name, _ in scope["headers"])
        )

    def _recording(self, scope: Scope, key: tuple, version: int | None, send: Send) -> Send:
        status, headers, parts = 0, [], []

        async def recording_send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                # A copy: the middleware outside adds its own headers (request id, security) to this message.
                status, headers = message["status"], list(message.get("headers", []))
            elif status == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, _Stored(version, scope.get("route"), headers, b"".join(parts)))
            await send(message)

        return recording_send

    def _store(self, key: tuple, stored: _Stored) -> None:
        if len(stored.body) > self.max_bytes // 8:
            return  # one large answer must not empty the cache
        if key in self.entries:
            self.size -= len(self.entries.pop(key).body)
        self.entries[key] = stored
        self.size += len(stored.body)
        while self.size > self.max_bytes:
            _, oldest = self.entries.popitem(last=False)
            self.size -= len(oldest.body)

    async def _replay(self, stored: _Stored, if_none_match: str | None, send: Send) -> None:
        if stored.etag and matches(if_none_match, stored.etag):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", stored.etag.encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        # A copy again: the middleware outside appends to the list it is sent.
        await send({"type": "http.response.start", "status": 200, "headers": list(stored.headers)})
        await send({"type": "http.response.body", "body": stored.body})


class DataVersion:
    """The highest `seq` of the change feed: the version of the data.

    Read on the event loop, on a connection of its own, never through the pool (which the loop must not wait
    for: the threads that would return connections need it, and an export holds one for as long as it
    streams). On SQLite, by the driver: a few microseconds, cheaper than a hop to a worker thread. On
    PostgreSQL, by an asynchronous psycopg connection, and shared: the requests that arrive while a read is
    under way wait for the next read, which starts after they arrived and so sees every write committed
    before them; under load one round trip serves them all."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sqlite: Connection | None = None
        self.postgresql: psycopg.AsyncConnection | None = None
        self.next_read: asyncio.Future[int | None] | None = None  # the read the next arrivals share
        self.reading = False
        self.reader: asyncio.Task | None = None

    async def read(self) -> int | None:
        if self.engine.dialect.name == "sqlite":
            driver = self._sqlite().connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)  # the engine's driver is the standard library's
            # sqlite3 opens no transaction for a SELECT: nothing is held between reads.
            version: int | None = driver.execute(VERSION_SQL).fetchone()[0]
            return version
        if self.next_read is None:
            self.next_read = asyncio.get_running_loop().create_future()
        shared = self.next_read
        if not self.reading:
            self.reading = True
            self.reader = asyncio.get_running_loop().create_task(self._read_postgresql())
        # Shielded: a request that leaves (its client gone) must not cancel the read the others wait for.
        return await asyncio.shield(shared)

    def loop_session(self) -> Session | None:
        """On SQLite, a session on this connection, for a read bounded enough to run on the event loop: no hop to
        a worker thread, and no worker thread to hand the GIL to at each row sqlite3 reads (under load, that
        hand-over cost a page more than its reads). None on PostgreSQL, whose reads wait on the network."""
        return Session(bind=self._sqlite()) if self.engine.dialect.name == "sqlite" else None

    def _sqlite(self) -> Connection:
        if self.sqlite is None:
            # An engine of its own, of one connection: taken from the pool, the first read made on a worker whose
            # pool was exhausted held the whole loop (every request) until the pool timed out. Only reads run on
            # it, so the pragmas of the pool's connections are not needed: WAL is kept in the database file.
            loop_engine = create_engine(self.engine.url, poolclass=StaticPool)
            self.sqlite = loop_engine.connect()
        return self.sqlite

    async def _read_postgresql(self) -> None:
        try:
            while self.next_read is not None:
                shared, self.next_read = self.next_read, None
                try:
                    shared.set_result(await self._query_postgresql())
                except Exception as error:  # every waiter meets the failure, and answers it (503)
                    shared.set_exception(error)
                    shared.exception()  # retrieved: a waiter that left must not make the loop complain
        finally:
            self.reading = False

    async def _query_postgresql(self) -> int | None:
        try:
            if self.postgresql is None or self.postgresql.closed:
                url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
                self.postgresql = await psycopg.AsyncConnection.connect(url, autocommit=True, connect_timeout=5)
            cursor = await self.postgresql.execute(VERSION_SQL)
            row = await cursor.fetchone()
            return row[0] if row else None
        except psycopg.Error:
            if self.postgresql is not None:
                await self.postgresql.close()
                self.postgresql = None
            raise

    async def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
            self.sqlite.engine.dispose()
        if self.postgresql is not None:
            await self.postgresql.close()


VERSION_SQL = str(select(func.max(Change.seq)).compile(dialect=sqlite.dialect()))
