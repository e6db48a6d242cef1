"""Prometheus metrics: requests and their latency by route, and the database connection pool."""

from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import Engine

REGISTRY = CollectorRegistry()

REQUESTS = Counter("http_requests", "HTTP requests answered.", ["method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to answer a request.",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
    registry=REGISTRY,
)


# The counter and histogram of each (method, route, status) seen: `labels` looks its child up under a lock and
# from its labels' strings each time, a few microseconds of every request; the children live as long as the metrics.
_observers: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status)
    observers = _observers.get(key)
    if observers is None:
        observers = _observers[key] = (REQUESTS.labels(method, route, str(status)), LATENCY.labels(method, route))
    observers[0].inc()
    observers[1].observe(seconds)


class PoolCollector:
    """Reads the engine's pool at scrape time."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.engine.pool
        for name, help_text, read in (
            ("db_pool_size", "Connections the pool keeps.", "size"),
            ("db_pool_checked_out", "Connections in use by requests.", "checkedout"),
            ("db_pool_overflow", "Connections opened beyond the pool size.", "overflow"),
        ):
            if hasattr(pool, read):
                yield GaugeMetricFamily(name, help_text, value=getattr(pool, read)())


def render(engine: Engine) -> tuple[bytes, str]:
    """The process's request metrics and, read now, its engine's pool."""
    pool = CollectorRegistry()
    pool.register(PoolCollector(engine))
    return generate_latest(REGISTRY) + generate_latest(pool), CONTENT_TYPE_LATEST
