"""Engine, session factory, the FastAPI dependency that yields a session, and a read in a session of its own."""

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from service.config import Settings

T = TypeVar("T")


def make_engine(settings: Settings) -> Engine:
    url = settings.database_url
    # Up to pool size + overflow connections: as many as may query at once (the worker's threads, and the writes
    # committing outside them), so that a reader never waits for a connection.
    pool = {
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_max_overflow,
        "pool_timeout": settings.db_timeout_seconds,
    }
    if url.startswith("sqlite"):
        connect = {"timeout": settings.db_timeout_seconds, "check_same_thread": False}
        engine = create_engine(url, connect_args=connect, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": max(1, int(settings.db_timeout_seconds))},
        **pool,
    )


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # WAL lets readers run while a load writes; SQLite leaves foreign keys off unless asked on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request; the only place a request's work is committed.

    Async, so that FastAPI calls it on the event loop instead of sending it to a worker thread: making a
    Session does no I/O (it takes a connection at its first query, in the route's own thread). Committing can
    wait for a lock, so it goes to a worker thread, with the close, in one trip; after a failure the session
    is closed (rolled back) at once."""
    session = request.app.state.session_factory()
    try:
        yield session
    except BaseException:
        session.close()
        raise
    if _nothing_to_commit(session):
        # A read: no thread hop, which would cost a read from the document cache several times its own work.
        session.close()
        return
    # Commits get threads of their own: a writer holding the feed lock must never wait for a thread held by
    # a route that is itself waiting for that lock.
    await anyio.to_thread.run_sync(_commit_and_close, session, limiter=request.app.state.commit_threads)


def _nothing_to_commit(session: Session) -> bool:
    """Whether committing would neither write nor wait: no transaction was begun, or (SQLite) the driver opened
    none, which it does before the first write only (a SELECT runs outside a transaction), and no ORM change
    waits to be flushed. Then closing is in-memory work. A PostgreSQL transaction always ends by a round trip."""
    if not session.in_transaction():
        return True
    if session.new or session.dirty or session.deleted:
        return False
    transaction = session.get_transaction()
    if transaction is None:
        return True
    for connection in transaction.connections:
        driver: Any = connection.connection.dbapi_connection  # sqlite3's Connection, on SQLite
        if connection.dialect.name != "sqlite" or driver.in_transaction:
            return False
    return True


def read_in_own_session(session_factory: sessionmaker[Session], read: Callable[..., T], *args: Any) -> T:
    """`read(session, *args)` in a session of its own, closed after (nothing is committed): for a worker thread
    that reads without the request's session, which a route that may need none does not take."""
    with session_factory() as session:
        return read(session, *args)


def _commit_and_close(session: Session) -> None:
    try:
        session.commit()
    finally:
        session.close()


async def writer_slot(request: Request) -> AsyncIterator[None]:
    """One of the worker's places for a write (CONCURRENT_WRITES), taken before the write's route takes a
    thread or a connection and given back once it has committed: a dependency declared before the session."""
    async with request.app.state.writers:
        yield


# Scope "function": FastAPI ends the dependency when the route function returns, after the body is built
# and before the status line is sent, so a 2xx always means committed and a failed commit answers as an
# error (409, 503). With the default scope the commit would run after the answer had gone out. An explicit
# commit in each route would do the same, but in thirty places instead of one.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
WriterSlot = Annotated[None, Depends(writer_slot, scope="function")]
