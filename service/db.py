"""Engine, session factory and the FastAPI dependency that yields a session."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from service.config import Settings


def make_engine(settings: Settings) -> Engine:
    url = settings.database_url
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": settings.db_timeout_seconds, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        pool_pre_ping=True,
        pool_timeout=settings.db_timeout_seconds,
        connect_args={"connect_timeout": max(1, int(settings.db_timeout_seconds))},
    )


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run while a load writes; SQLite leaves foreign keys off unless asked on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; the only place a request's work is committed."""
    with request.app.state.session_factory() as session:
        yield session
        session.commit()


SessionDep = Annotated[Session, Depends(get_session)]
