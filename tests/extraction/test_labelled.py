"""The whole labelled set: invariants every draft keeps, and the five sample documents read as labelled."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from service.extraction import extract

DATA = Path(__file__).parent / "data"
LABELS = [
    label
    for name in ("labels", "heldout", "final", "public", "forms")
    for label in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
]


def _draft(label: dict):
    text = (DATA / label["file"]).read_text(encoding="utf-8")
    return text, extract(text, published_on=label.get("published_on"), url=label.get("url"))


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_every_quote_is_the_text_at_its_span(label):
    """Of the main act and of every further act: no real document crashes the extractor either."""
    text, draft = _draft(label)
    for act in (draft, *draft.further_acts):
        evidence = [*act.resolutions, *act.officials, *act.actors, *act.targets]
        assert all(text[e.span[0] : e.span[1]] == e.quote for e in evidence)
        if act.date_span:
            assert text[act.date_span[0] : act.date_span[1]] == act.date_text
        if act.type_span:
            assert text[act.type_span[0] : act.type_span[1]] == act.type_quote


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_one_entry_per_actor(label):
    _, draft = _draft(label)
    names = [a.name for a in [*draft.actors, *draft.targets]]
    assert len(names) == len(set(names))


SEEDS = [label for label in LABELS if label["file"].startswith("seeds/")]


@pytest.mark.parametrize("label", SEEDS, ids=[label["file"] for label in SEEDS])
def test_sample_document_type_date_and_resolutions(label):
    _, draft = _draft(label)
    assert draft.type == label["type"]
    assert draft.date == label["date"]
    assert {r.number: r.relation for r in draft.resolutions} == label["resolutions"]


@pytest.mark.parametrize("label", SEEDS, ids=[label["file"] for label in SEEDS])
def test_sample_document_imposers_and_co_signatories(label):
    _, draft = _draft(label)
    acting = {"imposer", "co_signatory"}
    assert {(a.name, a.role) for a in draft.actors if a.role in acting} == {
        (name, role) for name, role in label["actors"].items() if role in acting
    }


@pytest.mark.parametrize("label", SEEDS, ids=[label["file"] for label in SEEDS])
def test_sample_document_subjects_are_found(label):
    _, draft = _draft(label)
    subjects = {a.name for a in draft.actors if a.role == "subject"}
    assert {name for name, role in label["actors"].items() if role == "subject"} <= subjects


def test_sample_condemnation_reads_fully():
    text = (DATA / "seeds/000_99fba63ebe24b3e6.txt").read_text(encoding="utf-8")
    draft = extract(text)
    assert (draft.type, draft.date, draft.date_text) == ("condemnation", dt.date(2024, 10, 29), "on 29 October")
    assert [(o.name, o.title) for o in draft.officials] == [("Matthew Miller", "Department Spokesperson")]
    assert [(r.number, r.relation) for r in draft.resolutions] == [
        (1718, "alleges_violation"),
        (1874, "alleges_violation"),
        (2270, "alleges_violation"),
    ]
