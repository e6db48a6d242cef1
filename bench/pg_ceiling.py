"""The ceiling of PostgreSQL: a bare FastAPI app answering the headline (the newest 50 actions citing
resolution 1718, with their links and quotes) with one hand-written query through psycopg, the page built as
JSON by PostgreSQL with the service's own document expression, and sent as it comes. No session, no ORM, no
middleware: what the service's computed answer on PostgreSQL would cost with nothing of its own around it.
BENCH_PG_DSN names the database (a libpq URL, with the schema in `options`)."""

import os
import threading

import psycopg
from fastapi import FastAPI, Response

from service.actions.documents import document_sql

QUERY = f"""
WITH page AS (
    SELECT c.action_date, c.action_id FROM action_authorities c
    WHERE c.authority_id = (SELECT id FROM authorities WHERE kind = 'un_resolution' AND number = %(number)s)
    ORDER BY c.action_date DESC, c.action_id DESC LIMIT 50
)
SELECT '{{"items":[' || coalesce(string_agg(doc, ',' ORDER BY action_date DESC, action_id DESC), '') || ']}}'
FROM (SELECT p.action_date, p.action_id, {document_sql("postgresql")} AS doc
      FROM page p JOIN actions a ON a.id = p.action_id) documents
"""

app = FastAPI()
_local = threading.local()


def _connection() -> psycopg.Connection:
    # One connection per worker thread, opened at its first request and kept.
    if not hasattr(_local, "connection"):
        _local.connection = psycopg.connect(os.environ["BENCH_PG_DSN"], autocommit=True)
    return _local.connection


@app.get("/ping")
async def ping() -> dict:
    return {"status": "ok"}


@app.get("/v1/resolutions/{number}/actions")
def headline(number: int) -> Response:
    body = _connection().execute(QUERY, {"number": number}).fetchone()[0]
    return Response(body.encode(), media_type="application/json")
