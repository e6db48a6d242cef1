"""Rule-based extraction of a draft action from a press statement, briefing or news report (docs/extraction.md)."""

from service.extraction.draft import extract
from service.extraction.schemas import Draft, ExtractRequest, KnownActor

__all__ = ["Draft", "ExtractRequest", "KnownActor", "extract"]
