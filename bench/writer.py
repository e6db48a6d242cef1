"""A writer beside the readers: POST /v1/actors with a new, unrelated actor RATE times a second, for as long
as the block runs. Every write is a new version of the data, so it is the case the answer cache handles worst:
each write makes every answer stale."""

import json
import threading
import time
import urllib.request
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from service.config import Settings
from service.db import make_engine
from service.keys.service import create_key
from service.vocabulary import Scope


def write_key(url: str) -> str:
    """A new key of scope `write` in the database at URL."""
    engine = make_engine(Settings(database_url=url))
    with Session(engine) as session:
        token = create_key(session, f"bench-writer-{uuid.uuid4().hex[:8]}", Scope.write)
        session.commit()
    engine.dispose()
    return token


@dataclass
class Writes:
    made: int = 0
    failed: int = 0
    seconds: list[float] = field(default_factory=list)  # how long each write took


class writing(AbstractContextManager):  # noqa: N801 (used as a `with` block, like a function)
    """POST a new actor RATE times a second to the server at BASE with TOKEN, from entering to leaving."""

    def __init__(self, base: str, token: str, rate: float):
        self.base, self.token, self.rate = base, token, rate
        self.writes, self.stop = Writes(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Writes:
        self.thread.start()
        return self.writes

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def _run(self) -> None:
        writes, start = self.writes, time.monotonic()
        while not self.stop.is_set():
            body = {"name": f"Bench writer {uuid.uuid4().hex}", "kind": "organization"}
            request = urllib.request.Request(
                self.base + "/v1/actors",
                data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
                method="POST",
            )
            began = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    ok = response.status == 201
            except OSError:
                ok = False
            writes.seconds.append(time.monotonic() - began)
            writes.made += ok
            writes.failed += not ok
            # Paced on the clock, not on the writes' own time: RATE a second whatever each one takes.
            self.stop.wait(max(0.0, start + (writes.made + writes.failed) / self.rate - time.monotonic()))
