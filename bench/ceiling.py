"""The framework ceiling: a bare FastAPI endpoint returning a small JSON dict, no database, no middleware.
Served by the same uvicorn, with the same flags, as the service; what no endpoint of the service can beat."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping() -> dict:
    return {"status": "ok", "service": "ceiling"}
