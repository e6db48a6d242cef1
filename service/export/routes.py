"""GET /v1/export/{ftm,csv,jsonl}: every action the filters of /v1/actions select, streamed."""

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from service.actions.schemas import ActionFilters, ExportFilters
from service.api_route import ApiRoute
from service.changes.queries import last_change
from service.export.pages import export_filters, read_snapshot
from service.export.service import FILE_NAMES, MEDIA_TYPES, Format, export_chunks
from service.openapi import LIST_RESPONSES

router = APIRouter(prefix="/v1/export", tags=["export"], route_class=ApiRoute)

ExportFiltersDep = Annotated[ExportFilters, Query()]

DESCRIPTIONS = {
    Format.ftm: "FollowTheMoney entities, one JSON object per line: an `Event` per action, a `Sanction` per "
    "designation naming its targets, the actors, their roles, the sources (docs/export.md has the mapping).",
    Format.csv: "One row per action, citations, actors, officials and sources flattened into the columns "
    "docs/export.md lists.",
    Format.jsonl: "One action per line, exactly as `GET /v1/actions/{id}` answers it.",
}


# Read before the export's own reads begin, so that the export holds every change up to it (on SQLite, where
# each page is read as of its own time, perhaps some later ones too: replaying a change whose record is
# already there changes nothing, since each carries the whole record).
_FEED_SEQ = {
    "description": "The change feed's last `seq` when the export began: the export holds every change up to it. "
    "Follow `/v1/changes?after=` this value to keep a copy made from the export current.",
    "schema": {"type": "integer"},
}


def _stream(request: Request, format: Format, filters: ExportFilters) -> StreamingResponse:
    checked = export_filters(ActionFilters.model_construct(**dict(filters)))  # validated as ExportFilters
    factory: Callable[[], Session] = request.app.state.session_factory
    with factory() as session:
        feed_seq = last_change(session)

    def chunks() -> Iterator[str]:
        # A session of its own: the response is streamed after the route has returned.
        with factory() as session:
            read_snapshot(session)
            yield from export_chunks(session, format, checked)

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAMES[format]}"', "Feed-Seq": str(feed_seq)},
    )


def _route(format: Format):
    def export(request: Request, filters: ExportFiltersDep) -> StreamingResponse:
        return _stream(request, format, filters)

    export.__doc__ = (
        f"{DESCRIPTIONS[format]} Every action the filters select (the filters of `/v1/actions`, without "
        "`limit` and `cursor`), in the order `sort` asks, streamed: memory stays flat whatever the size."
    )
    router.add_api_route(
        f"/{format}",
        export,
        methods=["GET"],
        summary=f"Export actions as {format.upper() if format != Format.ftm else 'FollowTheMoney'}",
        response_class=StreamingResponse,
        responses=LIST_RESPONSES
        | {
            200: {
                "content": {MEDIA_TYPES[format].split(";")[0]: {}},
                "description": "The export, streamed.",
                "headers": {"Feed-Seq": _FEED_SEQ},
            }
        },
        name=f"export_{format}",
    )


for _format in Format:
    _route(_format)
