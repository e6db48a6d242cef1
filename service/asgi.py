"""The ASGI entry point for uvicorn and other servers: `uvicorn service.asgi:app`."""

from service.app import create_app

app = create_app()
