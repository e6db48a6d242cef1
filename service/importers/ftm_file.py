"""Reading a FollowTheMoney file (JSON lines) for `import ftm`: each line checked against FtM's model, the place
of each entity (and of its fragments) noted, and entities read back by id, their fragments merged."""

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from service.importers.entries import ImportFailure

ENTITY_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")
CHECKED_TYPES = {"entity", "date"}
ACTION_SCHEMAS = ("Sanction", "Event")
REQUIRED = {"Sanction": ["entity"], "Event": ["name"], "UnknownLink": ["subject", "object"]}


class FtmFile:
    """The file, checked line by line against FtM's model, and where each entity (and its fragments) is."""

    def __init__(self, path: Path):
        from followthemoney import model  # imported here: loading FtM takes seconds

        self.path, self.model = path, model
        self.places: dict[str, list[tuple[int, int]]] = defaultdict(list)  # id -> (offset, line) of each fragment
        self.actions: list[str] = []  # Sanction and Event ids, in file order
        self.holders: dict[str, set[str]] = defaultdict(set)  # actor id -> its Identification/Passport ids
        self.links: dict[str, set[str]] = defaultdict(set)  # Event id -> the UnknownLinks to it
        self.un_references: dict[str, set[str]] = defaultdict(set)  # actor id -> unscId of Sanctions on it alone
        self.counts: dict[str, int] = defaultdict(int)  # entities read, by schema
        self._index()
        self._reader = open(path, "rb")  # noqa: SIM115 - closed by close(), after the import's second pass

    def close(self) -> None:
        self._reader.close()

    def fail(
        self, message: str, *, line: int | None = None, entity: str | None = None, field: str | None = None
    ) -> ImportFailure:
        return ImportFailure(self.path, message, line=line, entry=entity, field=field)

    def fail_at(self, id: str, field: str, message: str) -> ImportFailure:
        """A problem with a field of the entity `id`, at the entity's first line."""
        return self.fail(message, line=self.line(id), entity=id, field=field)

    def line(self, id: str) -> int:
        return self.places[id][0][1]

    def get(self, id: str) -> dict | None:
        """The entity, its fragments merged (FtM writers may write one id on several lines)."""
        places = self.places.get(id)
        if not places:
            return None
        merged: dict | None = None
        for offset, _ in places:
            self._reader.seek(offset)
            data = json.loads(self._reader.readline())
            data["properties"] = {name: list(dict.fromkeys(v)) for name, v in data.get("properties", {}).items()}
            if merged is None:
                merged = data
                continue
            for name, values in data["properties"].items():
                merged["properties"][name] = list(dict.fromkeys(merged["properties"].get(name, []) + values))
        return merged

    def entity(self, id: str) -> dict:
        """An entity the file's index names: `get`, for an id known to be there."""
        data = self.get(id)
        assert data is not None, id
        return data

    def schema(self, data: dict) -> Any:
        return self.model.get(data["schema"])

    def _index(self) -> None:
        offset = 0
        with open(self.path, "rb") as file:
            for number, raw in enumerate(file, start=1):
                here, offset = offset, offset + len(raw)
                if raw.strip():
                    self._note(self._parse(raw, number), here, number)
        if not self.actions:
            raise self.fail("no Sanction entity in the file; is it FollowTheMoney JSON lines?")

    def _note(self, data: dict, offset: int, number: int) -> None:
        """Where the entity is, and what later reads look up: the documents an actor holds, the links to an Event,
        the UN references of the Sanctions on one entity."""
        id, schema, properties = data["id"], data["schema"], data["properties"]
        if not self.places[id]:
            self.counts[schema] += 1
            if schema in ACTION_SCHEMAS:
                self.actions.append(id)
        self.places[id].append((offset, number))
        if schema in ("Identification", "Passport"):
            for holder in properties.get("holder", []):
                self.holders[holder].add(id)
        if schema == "UnknownLink":
            for target in properties.get("object", []):
                self.links[target].add(id)
        if schema == "Sanction" and len(properties.get("entity", [])) == 1:
            self.un_references[properties["entity"][0]].update(properties.get("unscId", []))

    def _parse(self, raw: bytes, number: int) -> dict:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as error:
            raise self.fail(f"not a JSON object: {error}", line=number) from None
        if not isinstance(data, dict):
            raise self.fail("not a JSON object", line=number)
        id = data.get("id")
        if not isinstance(id, str) or not ENTITY_ID.match(id):
            raise self.fail("missing, or not an FtM entity id", line=number, field="id")
        name = data.get("schema")
        schema = self.model.get(name) if isinstance(name, str) else None
        if schema is None or schema.abstract:
            raise self.fail(
                f"{data.get('schema')!r} is no FtM schema of entities", line=number, entity=id, field="schema"
            )
        properties = data.setdefault("properties", {})
        if not isinstance(properties, dict):
            raise self.fail("not an object", line=number, entity=id, field="properties")
        for name, values in properties.items():
            self._check(schema, name, values, line=number, entity=id, field=f"properties.{name}")
        for name in REQUIRED.get(schema.name, []):
            if not properties.get(name):
                raise self.fail(
                    f"required by {schema.name}, and missing", line=number, entity=id, field=f"properties.{name}"
                )
        return data

    def _check(self, schema: Any, name: str, values: Any, **where: Any) -> None:
        prop = schema.get(name)
        if prop is None:
            raise self.fail(f"no property of the schema {schema.name}", **where)
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            raise self.fail("not a list of strings", **where)
        # Only the values the import reads are held to FtM's parsers: real data has phone numbers and such
        # that a strict check refuses, and those are kept as given, in the source text.
        problem = prop.validate(values) if prop.type.name in CHECKED_TYPES else None
        if problem:
            raise self.fail(str(problem), **where)
