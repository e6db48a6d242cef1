"""A deterministic synthetic dataset shaped like the real one, and its load through the project's own write path.

Shape, at any size: ~40 UN resolutions (1718 cited by about a third of the actions), ~20,000 actors picked
with a long tail (a few states take part in many actions, most people in one or two), ~300 officials, one
source document per 1,000 actions, dates spread over 2006–2026. Each action cites 1–3 resolutions, names 1–5
actors and one official, and every quote is a sentence of the source the link names. The same size gives the
same rows on every run and machine (one seeded random generator, no clock).

The small tables (resolutions, officials, sources) go in through put_row, the actors as multi-row inserts
with their creations recorded in the change feed, the actions through put_actions, the bulk path of loads and
imports; only put_actions is timed.
"""

import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, islice

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from service import migrations
from service.actions.writes import ActionRecord, ActorRef, CitationRef, OfficialRef, SourceRef, put_actions
from service.actors.search import compact_name_index
from service.config import Settings
from service.db import make_engine
from service.folding import fold
from service.models import Actor, ActorAlias, Authority, Official, Source
from service.models.base import utcnow
from service.writes import acting_as, put_row, record_changes

SIZES = {"100k": 100_000, "1m": 1_000_000}
ACTIONS_PER_SOURCE = 1000
ACTORS = 20_000
OFFICIALS = 300
CHUNK = 20_000  # actions generated, then written and committed, at a time
FIRST_DAY, LAST_DAY = date(2006, 1, 1), date(2026, 6, 30)

# 40 resolutions; the first weight is 1718's.
RESOLUTIONS = [
    1718, 2397, 2375, 2371, 2321, 2270, 2094, 2087, 1874, 1695, 1737, 1747, 1803, 1929, 2231, 1267, 1373, 1540,
    1970, 1973, 2140, 2216, 2206, 1533, 1591, 1907, 2023, 2127, 2048, 2093, 2653, 2664, 2713, 1521, 1572, 1596,
    1844, 2745, 2356, 1887,
]  # fmt: skip
RESOLUTION_WEIGHTS = [30.0] + [8.0 / (rank + 1) ** 0.7 for rank in range(len(RESOLUTIONS) - 1)]
ACTION_TYPES = ["designation"] * 6 + ["condemnation"] * 2 + ["joint_statement", "warning", "report", "denial", "veto"]
RELATIONS = ["cites", "cites", "implements", "regime", "alleges_violation"]
OTHER_ROLES = ["target", "target", "subject", "mentioned", "co_signatory"]
SYLLABLES = [
    "ka", "ri", "mo", "sun", "jon", "hae", "pyo", "nam", "chol", "yong", "dok", "san", "bel", "var", "tor", "mir",
    "ast", "len", "gra", "ven", "os", "ul", "ber", "kan", "zal", "rid", "tam", "hol", "fen", "gar", "lok", "dim",
    "sor", "pel", "bra", "nov", "ket", "zur", "han", "lin",
]  # fmt: skip
ORGANISATION_WORDS = ["Trading", "General", "Shipping", "Mining", "Bank", "Industrial", "Foreign", "Technology"]
ORGANISATION_ENDS = ["Corporation", "Company", "Group", "Bureau", "Enterprise", "Holdings"]


@dataclass(frozen=True)
class Reference:
    """The rows every action points at: what the generator draws from, and what the loader writes first."""

    states: list[tuple[str, str, str]]  # (id, name, country)
    actors: list[tuple[str, str, str, str | None, list[str]]]  # (id, name, kind, country, aliases)
    officials: list[tuple[str, str, str, str]]  # (id, name, title, organisation)
    sources: list[tuple[str, str, list[str]]]  # (id, text, its sentences)


def reference(size: int, seed: int = 1718) -> Reference:
    rng = random.Random(seed)
    codes = sorted({a + b for a in "ABCDEFGHIKLMNOPRSTUVYZ" for b in "ABCDEGHIKLMNRSTUYZ"})
    rng.shuffle(codes)
    states = [(f"state-{code.lower()}", f"Republic of {_word(rng, 3).title()}", code) for code in codes[:200]]
    actors: list[tuple[str, str, str, str | None, list[str]]] = [
        (id, name, "state", country, []) for id, name, country in states
    ]
    kinds = ["person"] * 12 + ["organization"] * 6 + ["vessel"] * 2
    seen = {name for _, name, _ in states}
    while len(actors) < ACTORS:
        kind = kinds[len(actors) % len(kinds)]
        name = _actor_name(rng, kind)
        if name in seen:
            continue
        seen.add(name)
        country = rng.choice(states)[2]
        aliases = [_actor_name(rng, kind)] if rng.random() < 0.3 else []
        actors.append((f"{kind}-{len(actors):05d}", name, kind, country, [a for a in aliases if a != name]))
    officials = [
        (
            f"official-{n:03d}",
            f"{_word(rng, 2).title()} {_word(rng, 2).title()}",
            rng.choice(["Spokesperson", "Minister for Foreign Affairs", "Ambassador to the UN", "Under Secretary"]),
            f"Ministry of Foreign Affairs of {rng.choice(states)[1]}",
        )
        for n in range(OFFICIALS)
    ]
    sources = []
    for n in range(-(-size // ACTIONS_PER_SOURCE)):
        sentences = [_sentence(rng, n, k) for k in range(24)]
        text = f"Statement {n} on sanctions.\n\n" + " ".join(sentences)
        sources.append((f"src-bench-{n:05d}", text, sentences))
    return Reference(states, actors, officials, sources)


def actions(size: int, ref: Reference, seed: int = 1718) -> Iterator[ActionRecord]:
    """The actions, in id order; each date drawn uniformly over the twenty years."""
    rng = random.Random(seed * 31 + size)
    days = (LAST_DAY - FIRST_DAY).days
    resolution_ids = [f"unscr-{number}" for number in RESOLUTIONS]
    resolution_weights = list(accumulate(RESOLUTION_WEIGHTS))
    # A long tail: the actor of rank r is drawn with weight 1/(r+1); the 200 states come first.
    actor_weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(ref.actors))))
    for n in range(size):
        source_id, _, sentences = ref.sources[n // ACTIONS_PER_SOURCE]

        def quote() -> str:
            return rng.choice(sentences)  # noqa: B023 - used within this iteration only

        day = FIRST_DAY + timedelta(days=rng.randrange(days))
        kind = ACTION_TYPES[rng.randrange(len(ACTION_TYPES))]
        cited = set(rng.choices(resolution_ids, cum_weights=resolution_weights, k=rng.randint(1, 3)))
        imposer = ref.states[rng.randrange(20) if rng.random() < 0.7 else rng.randrange(len(ref.states))]
        others = {ref.actors[i][0] for i in _picks(rng, actor_weights, rng.randint(0, 4))} - {imposer[0]}
        official = ref.officials[rng.randrange(len(ref.officials))]
        target = ref.actors[rng.randrange(200, len(ref.actors))][1]
        yield ActionRecord(
            id=f"bench-{n:07d}",
            type=kind,
            title=f"{imposer[1]} {kind.replace('_', ' ')} concerning {target}",
            summary=None if rng.random() < 0.3 else f"{quote()} {quote()}",
            date=day,
            date_precision="day",
            date_text=None,
            status="published",
            sources=frozenset({SourceRef(source_id, quote())}),
            # sorted: a set of strings iterates in an order that differs from one process to the next
            citations=frozenset(CitationRef(id, rng.choice(RELATIONS), quote(), source_id) for id in sorted(cited)),
            actors=frozenset(
                {ActorRef(imposer[0], "imposer", quote(), source_id)}
                | {ActorRef(id, rng.choice(OTHER_ROLES), quote(), source_id) for id in sorted(others)}
            ),
            officials=frozenset({OfficialRef(official[0], official[2], official[3], quote(), source_id)}),
        )


def _picks(rng: random.Random, cum_weights: list[float], k: int) -> list[int]:
    return rng.choices(range(len(cum_weights)), cum_weights=cum_weights, k=k)


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def _actor_name(rng: random.Random, kind: str) -> str:
    if kind == "person":
        return f"{_word(rng, 1).title()} {_word(rng, 1).title()} {_word(rng, 2).title()}"
    if kind == "vessel":
        return f"{_word(rng, 2).upper()} {rng.randint(1, 99)}"
    return f"{_word(rng, 3).title()} {rng.choice(ORGANISATION_WORDS)} {rng.choice(ORGANISATION_ENDS)}"


def _sentence(rng: random.Random, source: int, k: int) -> str:
    number = rng.choice(RESOLUTIONS)
    return (
        f"In item {source}.{k}, the government said that {_word(rng, 3).title()} {rng.choice(ORGANISATION_WORDS)} "
        f"had acted in breach of resolution {number} and that measures under resolution {number} would follow."
    )


@dataclass
class LoadResult:
    actions: int
    seconds: float  # put_actions and its commits only, wall clock
    cpu_seconds: float  # the same, in CPU time of this process (SQLite works inside it; PostgreSQL does not)

    @property
    def per_second(self) -> float:
        return self.actions / self.seconds

    @property
    def per_cpu_second(self) -> float:
        return self.actions / self.cpu_seconds


def load(
    urls: dict[str, str], size: int, budgets: dict[str, float] | None = None, progress=print
) -> dict[str, LoadResult]:
    """Migrate each (empty) database and load the dataset of this size into it: the actions are generated
    once, and each chunk is written to one database after the other, committed, and timed for each. A
    database with a budget (seconds of loading) stops taking chunks once it has spent it."""
    engines = {name: make_engine(Settings(database_url=url)) for name, url in urls.items()}
    for engine in engines.values():
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _loader_cache)
        with engine.begin() as connection:
            migrations.upgrade(connection)
    ref = reference(size)
    sessions = {name: Session(engine) for name, engine in engines.items()}
    try:
        for session in sessions.values():
            acting_as(session, "bench")
            _load_reference(session, ref)
            session.commit()
        seconds, cpu_seconds = dict.fromkeys(urls, 0.0), dict.fromkeys(urls, 0.0)
        loaded = dict.fromkeys(urls, 0)
        records = actions(size, ref)
        while chunk := list(islice(records, CHUNK)):
            for name, session in sessions.items():
                if seconds[name] > (budgets or {}).get(name, float("inf")):
                    continue
                started, cpu_started = time.perf_counter(), time.process_time()
                acting_as(session, "bench")
                put_actions(session, chunk)
                session.commit()
                seconds[name] += time.perf_counter() - started
                cpu_seconds[name] += time.process_time() - cpu_started
                loaded[name] += len(chunk)
            done = max(loaded.values())
            if done % 100_000 == 0 or done == size:
                rates = ", ".join(f"{name} {loaded[name]:,} at {loaded[name] / seconds[name]:,.0f}/s" for name in urls)
                progress(f"  {rates}")
    finally:
        for session in sessions.values():
            session.close()
        for engine in engines.values():
            engine.dispose()
    return {name: LoadResult(loaded[name], seconds[name], cpu_seconds[name]) for name in urls}


def _loader_cache(dbapi_connection, _record) -> None:
    # For the loader's connections only: a page cache that holds the indexes a load inserts into at random
    # places (the link tables' "newest" indexes, the actions' by date and by type: about 35 MB per 100,000
    # actions) instead of SQLite's default 2 MB, past which every such insert reads its page again. The server
    # keeps the default on each of its pooled connections.
    dbapi_connection.execute("PRAGMA cache_size = -524288")  # in KiB: 512 MiB


def _load_reference(session: Session, ref: Reference) -> None:
    for number in RESOLUTIONS:
        year = 1999 + (number - 1267) * 25 // (2745 - 1267)
        values = {
            "kind": "un_resolution",
            "code": str(number),
            "number": number,
            "symbol": f"S/RES/{number} ({year})",
            "title": f"Resolution {number}",
            "issuer": "UN Security Council",
            "year": year,
            "adopted_on": None,
            "parent_id": None,
        }
        put_row(session, Authority, "authority", f"unscr-{number}", values)
    for id, name, title, organisation in ref.officials:
        values = {"name": name, "title": title, "organisation": organisation, "country": None}
        put_row(session, Official, "official", id, values)
    for n, (id, text, _) in enumerate(ref.sources):
        values = {
            "url": f"https://example.org/statements/{n}",
            "publisher": "Ministry of Foreign Affairs",
            "title": f"Statement {n}",
            "published_on": FIRST_DAY + timedelta(days=n % 7000),
            "text": text,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
        put_row(session, Source, "source", id, values)
    session.flush()
    now = utcnow()
    session.execute(
        insert(Actor),
        [
            {"id": id, "name": name, "kind": kind, "country": country, "search_key": fold(name)}
            | {"created_at": now, "updated_at": now}
            for id, name, kind, country, _ in ref.actors
        ],
    )
    aliases = [(id, alias) for id, _, _, _, names in ref.actors for alias in names]
    session.execute(
        insert(ActorAlias), [{"actor_id": id, "alias": alias, "search_key": fold(alias)} for id, alias in aliases]
    )
    record_changes(
        session,
        "actor",
        [
            (id, None, {"name": name, "kind": kind, "country": country, "aliases": sorted(names)})
            for id, name, kind, country, names in ref.actors
        ],
    )
    compact_name_index(session)  # as put_actors does after a bulk write


def main() -> None:
    """The load alone, without the read runs of bench/run: its rate and the SQLite file's size per action.

    python -m bench.dataset --size 100k --sqlite /tmp/load.db [--postgres URL]
    """
    import argparse
    import json
    import os
    import sqlite3
    from pathlib import Path

    parser = argparse.ArgumentParser(description=main.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="100k")
    parser.add_argument("--sqlite", type=Path, help="a new SQLite file (replaced if it exists)")
    parser.add_argument("--postgres", help="a PostgreSQL URL whose schema is empty")
    parser.add_argument("--postgres-budget", type=float, help="seconds of loading after which PostgreSQL stops")
    args = parser.parse_args()
    urls = {}
    if args.sqlite:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.sqlite}{suffix}").unlink(missing_ok=True)
        urls["sqlite"] = f"sqlite:///{args.sqlite}"
    if args.postgres:
        urls["postgresql"] = args.postgres
    size = SIZES[args.size]
    started = time.perf_counter()
    results = load(urls, size, {"postgresql": args.postgres_budget} if args.postgres_budget else None)
    report: dict = {"size": size, "minutes": round((time.perf_counter() - started) / 60, 1)}
    report["load_average"] = os.getloadavg()
    for name, result in results.items():
        report[name] = {
            "actions": result.actions,
            "seconds": round(result.seconds, 1),
            "per_second": round(result.per_second),
            "per_cpu_second": round(result.per_cpu_second),
        }
    if args.sqlite:
        connection = sqlite3.connect(args.sqlite)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        connection.close()
        report["sqlite"]["bytes_per_action"] = round(args.sqlite.stat().st_size / size)
        feed = sum(pages for name, pages in tables if "change" in name)
        report["sqlite"]["change_feed_bytes_per_action"] = round(feed / size)
        report["sqlite"]["largest"] = {name: round(pages / size) for name, pages in tables[:8]}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
