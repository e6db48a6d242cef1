"""Importers of the official sanctions lists: the UN Security Council Consolidated List (XML) and OFAC's legacy
SDN CSV set. Each entry becomes a target actor, a source document (the entry's own text) and a designation
action quoting it; entries a newer list lacks become delisting actions (see writer.py)."""
