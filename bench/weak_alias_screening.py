"""What a weak alias alone finds: each weak alias of a database, screened by itself (`POST /v1/match`'s
computation, in process, at the default threshold), counted by what it found.

    sanctions-tracker import un-xml lists/un_consolidated.xml
    sanctions-tracker import ofac-csv lists/ofac_sdn_2021 --list-date 2021-07-01
    python bench/weak_alias_screening.py sqlite:///tracker.db

A weak alias is never a name the screening finds a party by (docs/matching.md, "Weak aliases"); what one still
finds is a party whose own name or strong alias is as alike, its own or another's.
"""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing it

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from service.actors.resolution import survivors  # noqa: E402
from service.config import Settings  # noqa: E402
from service.db import make_engine  # noqa: E402
from service.models import ActorWeakAlias  # noqa: E402
from service.screening.schemas import MAX_BATCH, MatchRequest, Party  # noqa: E402
from service.screening.service import match  # noqa: E402


def main() -> None:
    engine = make_engine(Settings(database_url=sys.argv[1]))
    found: Counter[str] = Counter()
    with Session(engine) as session:
        weak = session.execute(select(ActorWeakAlias.actor_id, ActorWeakAlias.alias)).all()
        party = survivors(session, {actor_id for actor_id, _ in weak})
        for start in range(0, len(weak), MAX_BATCH):
            batch = weak[start : start + MAX_BATCH]
            answer = match(session, MatchRequest(queries=[Party(name=alias) for _, alias in batch]))
            for (actor_id, _), result in zip(batch, answer.results, strict=True):
                ids = [candidate.actor.id for candidate in result.candidates]
                found["weak aliases"] += 1
                found["found someone"] += bool(ids)
                found["found their own party first"] += ids[:1] == [party[actor_id]]
                found["found someone at 100"] += any(candidate.score == 100 for candidate in result.candidates)
    engine.dispose()
    for what, count in found.items():
        print(f"{what}: {count:,}")


if __name__ == "__main__":
    main()
