"""A client's first session, written against the client openapi-python-client generates from /openapi.json:
page the actions citing resolution 1718, create an actor with an Idempotency-Key (twice: one record), change it
with If-Match, and follow the change feed to that change. Run as `python journey.py BASE_URL KEY`; it prints
what it did as JSON, for the test to check."""

import json
import sys

from sanctions_action_tracker_client import AuthenticatedClient, Client
from sanctions_action_tracker_client.api.actors import create_actor, update_actor
from sanctions_action_tracker_client.api.changes import list_changes
from sanctions_action_tracker_client.api.resolutions import list_resolution_actions
from sanctions_action_tracker_client.models import ActorIn, ActorKind, ActorPatch
from sanctions_action_tracker_client.types import UNSET

base_url, key = sys.argv[1], sys.argv[2]
reader = Client(base_url=base_url)
writer = AuthenticatedClient(base_url=base_url, token=key)

cited, cursor = [], UNSET
while True:
    page = list_resolution_actions.sync(1718, client=reader, limit=1, cursor=cursor)
    cited += [action.id for action in page.items]
    if not page.next_cursor:
        break
    cursor = page.next_cursor

body = ActorIn(id="actor-client-journey", name="Journey Shipping Co", kind=ActorKind.ORGANIZATION)
first = create_actor.sync_detailed(client=writer, body=body, idempotency_key="journey-1")
again = create_actor.sync_detailed(client=writer, body=body, idempotency_key="journey-1")
stale = update_actor.sync_detailed(
    "actor-client-journey", client=writer, body=ActorPatch(name="Never Written"), if_match='"not-the-etag"'
)
renamed = update_actor.sync_detailed(
    "actor-client-journey", client=writer, body=ActorPatch(name="Journey Shipping Ltd"), if_match=first.headers["etag"]
)

seen, after = [], 0
while True:
    feed = list_changes.sync(client=reader, after=after, limit=100)
    # Each change is typed by its kind of record (ActorChange, ActionChange…), its record the body that writes it.
    seen += [
        (change.entity_id, change.operation.value, type(change).__name__, change.record.name)
        for change in feed.items
        if change.entity_id == "actor-client-journey"
    ]
    if not feed.items:
        break
    after = feed.last_seq

print(
    json.dumps(
        {
            "cited": cited,
            "created": [first.status_code, again.status_code, again.headers.get("idempotent-replayed")],
            "stale_patch": stale.status_code,
            "patched": [renamed.status_code, renamed.parsed.name],
            "feed_tail": [list(change) for change in seen],
        }
    )
)
