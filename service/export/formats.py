"""The export formats: a module of its own, so that the command line can offer them without importing the
exporters."""

from enum import StrEnum


class Format(StrEnum):
    ftm = "ftm"
    csv = "csv"
    jsonl = "jsonl"
