"""Every configurable value, its default and its environment variable, in one place."""

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings

# The checkout the package is installed from (editable install): alembic.ini, migrations/ and seeds/ live here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    database_url: str = Field(
        default="sqlite:///sanctions_tracker.db",
        description="SQLAlchemy URL (env DATABASE_URL). A SQLite file in the working directory by default; "
        "PostgreSQL as postgresql://user@host:5432/db, driven by psycopg 3.",
    )
    seed_path: Path = Field(default=PROJECT_ROOT / "seeds", description="Directory of the curated seed files.")
    db_pool_size: int = Field(
        default=42,
        ge=1,
        description="Connections a worker keeps once opened: as many as may query at once (its 40 threads, and its "
        "writes committing outside them), so that none waits for one and a busy worker does not open and close "
        "a connection per request.",
    )
    db_max_overflow: int = Field(default=0, ge=0, description="Connections a worker may open beyond the pool.")
    worker_threads: int | None = Field(
        default=None,
        ge=1,
        description="Threads a worker runs its routes' database work in. By default 8 on SQLite, whose driver "
        "gives up and takes back the GIL at every row, so that more threads only contend for it (the headline "
        "page cost 3.6 ms of CPU under 32 connections with 40 threads, 1.6 ms with 8), and 40 on PostgreSQL, "
        "whose queries wait on the network.",
    )
    concurrent_writes: int = Field(
        default=2,
        ge=1,
        description="Writes a worker runs at once; the others wait their turn holding neither a thread nor a "
        "connection. Writers run one at a time from their first change to their commit (the change feed's lock, "
        "or SQLite's), so more only fill the threads readers need with writers waiting for the lock: under 64 "
        "clients, with 40, reads waited ten times longer and, on a slow disk, past DB_TIMEOUT_SECONDS (503). "
        "Two let the next writer check its input while one commits (docs/reliability.md).",
    )
    keep_alive_seconds: int = Field(
        default=75,
        ge=1,
        description="How long `serve` keeps an idle connection open for the client's next request. Longer than "
        "the clients and proxies in front keep theirs (httpx 5 s, nginx's upstream pools 60 s, cloud load balancers "
        "60 s): the client must close an idle connection first, since a request sent as the server closes it fails. "
        "uvicorn's own 5 s made 64 httpx clients fail so within seconds (bench/write_storm.py).",
    )
    require_key_for_reads: bool = Field(
        default=False, description="Whether GET requests need an API key (of scope read or above) too."
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1024, description="Larger request bodies are refused with 413."
    )
    extract_max_bytes: int = Field(
        default=128 * 1024,
        ge=1024,
        description="Larger bodies of POST /v1/extract are refused with 413: about twelve times a long press "
        "release, and at most about a second of one core.",
    )
    extract_budget_seconds: float = Field(
        default=5.0, gt=0, description="An extraction that takes longer is abandoned with 503 and Retry-After."
    )
    require_key_for_extract: bool = Field(
        default=False,
        description="Whether POST /v1/extract needs an API key (scope read or above). Open by default: it reads "
        "the caller's own text, writes nothing, and is bounded by size, time and one extraction at a time per "
        "worker.",
    )
    cors_origins: list[str] = Field(
        default=[], description="Origins browsers may call the API from (JSON list); none by default."
    )
    log_level: str = Field(default="INFO", description="Level of the JSON logs on stderr.")
    document_cache_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=0,
        description="Memory per worker for the JSON documents of single actions, which every list and record "
        "of actions is made of, kept exact by the change feed (0 builds each one for each request).",
    )
    response_cache_bytes: int = Field(
        default=32 * 1024 * 1024,
        ge=0,
        description="Memory per worker for answers to repeated anonymous GETs, kept exact by the change feed "
        "(0 turns the cache off).",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated addresses of the proxies whose X-Forwarded-For and X-Forwarded-Proto are "
        "believed (`*` for any); none by default, so a client cannot choose the scheme of the URLs the service "
        "builds.",
    )
    db_timeout_seconds: float = Field(
        default=5.0, gt=0, description="How long a request waits for a connection or a lock before giving up."
    )

    @field_validator("database_url")
    @classmethod
    def use_psycopg3(cls, url: str) -> str:
        # Plain postgresql:// would make SQLAlchemy look for psycopg2; this project ships psycopg 3.
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url
