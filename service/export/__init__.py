"""Exports of actions (FollowTheMoney entities, CSV, JSON lines) and the FollowTheMoney import: the same filters
as /v1/actions, walked in keyset pages so that memory stays flat whatever the size (docs/export.md)."""
