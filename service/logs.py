"""JSON logs, one object per line, each with the request id of the request it belongs to."""

import logging
import logging.config

from asgi_correlation_id import CorrelationIdFilter


class PlainMessage(logging.Filter):
    """uvicorn gives some records a `color_message`, the message with ANSI colour codes: a JSON log keeps only the
    plain `message`."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__.pop("color_message", None)
        return True


def logging_config(level: str) -> dict:
    """A dictConfig for the service and uvicorn; uvicorn's own access log is replaced by service.access."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": CorrelationIdFilter, "uuid_length": 32, "default_value": "-"},
            "plain": {"()": PlainMessage},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "correlation_id": "request_id"},
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id", "plain"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "service": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def configure_logging(level: str) -> None:
    logging.config.dictConfig(logging_config(level))
