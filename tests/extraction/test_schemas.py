"""The contract: request validation, the draft's vocabulary and its OpenAPI-facing descriptions."""

import pytest
from pydantic import ValidationError

from service.extraction import Draft, ExtractRequest, KnownActor, extract
from service.extraction.schemas import MAX_TEXT_CHARS, Passage
from service.vocabulary import ActionType, Role


def test_request_accepts_text_with_date_and_url():
    request = ExtractRequest(text="The US condemned the launch.", published_on="2024-05-17", url="https://x.test/a")
    assert request.published_on.isoformat() == "2024-05-17"


def test_request_rejects_empty_text():
    with pytest.raises(ValidationError):
        ExtractRequest(text="")


def test_request_rejects_blank_text():
    with pytest.raises(ValidationError):
        ExtractRequest(text="   \n ")


def test_request_rejects_text_over_the_size_limit():
    with pytest.raises(ValidationError):
        ExtractRequest(text="a" * (MAX_TEXT_CHARS + 1))


def test_request_rejects_unknown_fields():
    with pytest.raises(ValidationError):
        ExtractRequest(text="The US condemned the launch.", language="en")


def test_evidence_rejects_a_span_that_does_not_fit_the_quote():
    with pytest.raises(ValidationError):
        Passage(quote="abc", span=(0, 5))


def test_known_actor_needs_a_valid_kind():
    with pytest.raises(ValidationError):
        KnownActor(id="x", name="X", kind="planet")


def test_draft_fields_have_descriptions_for_openapi():
    schema = Draft.model_json_schema()
    for name in ["type", "date", "date_precision", "date_text", "resolutions", "officials", "actors", "targets"]:
        assert schema["properties"][name].get("description"), name


def test_draft_uses_the_domain_vocabulary():
    schema = Draft.model_json_schema()
    assert set(schema["$defs"]["ActionType"]["enum"]) == {kind.value for kind in ActionType}
    assert set(schema["$defs"]["Role"]["enum"]) == {role.value for role in Role}


def test_draft_serialises_spans_as_pairs():
    draft = extract("The United States condemned the DPRK's launch, a violation of resolution 2087.")
    data = draft.model_dump(mode="json")
    assert data["resolutions"][0]["span"] == [0, len(draft.resolutions[0].quote)]
    assert data["resolutions"][0]["relation"] == "alleges_violation"
