"""The peer: Datasette over the same SQLite file, answering "the newest 50 actions citing resolution N" with
canned queries, served by the same uvicorn with the same flags as the service (`uvicorn bench.peer:app`).

DATASETTE_DB names the file. The canned queries use the index the service's own query uses,
ix_action_authorities_newest (authority_id, action_date, action_id): one range scan in page order, the best
index this question has.
"""

import os
from pathlib import Path

from datasette.app import Datasette

# The action rows alone: the least a client could ask for.
ROWS = """
select a.id, a.type, a.status, a.title, a.summary, a.date, a.date_precision, a.date_text,
       a.created_at, a.updated_at
from action_authorities c join actions a on a.id = c.action_id
where c.authority_id = (select id from authorities where kind = 'un_resolution' and number = :number)
  and a.status = 'published'
order by c.action_date desc, c.action_id desc
limit 50
"""

# What the service answers: each action with its resolutions, actors, officials and sources and their quotes
# (as JSON arrays built by SQLite, one correlated subquery per link table, each on its primary key, joined to
# the quotes its links quote).
FULL = """
select a.id, a.type, a.status, a.title, a.summary, a.date, a.date_precision, a.date_text,
  a.created_at, a.updated_at,
  (select json_group_array(json_object('id', au.id, 'kind', au.kind, 'number', au.number, 'symbol', au.symbol,
       'relation', x.relation, 'quote', q.text, 'source_id', x.source_id))
     from action_authorities x join authorities au on au.id = x.authority_id
       join quotes q on q.source_id = x.source_id and q.id = x.quote_id where x.action_id = a.id) as authorities,
  (select json_group_array(json_object('id', ac.id, 'name', ac.name, 'kind', ac.kind, 'country', ac.country,
       'role', x.role, 'quote', q.text, 'source_id', x.source_id))
     from action_actors x join actors ac on ac.id = x.actor_id
       join quotes q on q.source_id = x.source_id and q.id = x.quote_id where x.action_id = a.id) as actors,
  (select json_group_array(json_object('id', o.id, 'name', o.name, 'title', x.title,
       'organisation', x.organisation, 'quote', q.text, 'source_id', x.source_id))
     from action_officials x join officials o on o.id = x.official_id
       join quotes q on q.source_id = x.source_id and q.id = x.quote_id where x.action_id = a.id) as officials,
  (select json_group_array(json_object('id', s.id, 'url', s.url, 'publisher', s.publisher, 'title', s.title,
       'published_on', s.published_on, 'quote', q.text))
     from action_sources x join sources s on s.id = x.source_id
       join quotes q on q.source_id = x.source_id and q.id = x.quote_id where x.action_id = a.id) as sources
from action_authorities c join actions a on a.id = c.action_id
where c.authority_id = (select id from authorities where kind = 'un_resolution' and number = :number)
  and a.status = 'published'
order by c.action_date desc, c.action_id desc
limit 50
"""


def make_app():
    path = Path(os.environ["DATASETTE_DB"])
    queries = {"newest_citing": {"sql": FULL}, "newest_citing_rows": {"sql": ROWS}}
    metadata = {"databases": {path.stem: {"queries": queries}}}  # Datasette names a database by its file
    # immutable: Datasette opens the file read-only and skips its change checks; the best case for it.
    datasette = Datasette(immutables=[str(path)], metadata=metadata, settings={"sql_time_limit_ms": 5000})
    return datasette.app()


app = make_app() if "DATASETTE_DB" in os.environ else None
