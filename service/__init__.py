"""Sanctions-action tracker: who did what about sanctions, under which resolution, according to which source."""
