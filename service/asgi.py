"""The ASGI entry point for uvicorn and other servers: `uvicorn service.asgi:app`."""

import gc

from service.app import create_app

app = create_app()
# What the imports and the app made so far lives as long as the process: frozen out of the cyclic garbage
# collector. Each full collection would otherwise walk these 150,000 objects again, pausing every request
# in flight for 100-190 ms on a loaded machine: most of the p99 of an answer from the cache on PostgreSQL.
gc.freeze()
