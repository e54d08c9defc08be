"""The pipeline: a bug in any stage fails the one post with an error naming that stage."""

import pytest

from converters import pipeline
from converters.document import ConversionError, Document

POST = "---\ntitle: T\n---\n<p>Some text.</p>\n"


def failing(error: Exception):
    def stage(*args: object) -> Document:
        raise error

    return stage


@pytest.mark.parametrize("at", range(len(pipeline.STAGES)))
def test_a_bug_in_a_stage_is_an_internal_error_naming_that_stage(monkeypatch, at: int) -> None:
    stages = list(pipeline.STAGES)
    name = stages[at][0]
    stages[at] = (name, failing(KeyError("oops")))
    monkeypatch.setattr(pipeline, "STAGES", tuple(stages))
    with pytest.raises(ConversionError) as caught:
        pipeline.convert(POST, path="post.md")
    assert (caught.value.stage, caught.value.message) == (name, "internal error: KeyError('oops')")
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_bug_in_read_names_read(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "read_post", failing(ValueError("bad")))
    with pytest.raises(ConversionError, match=r"^post\.md: read: internal error: ValueError"):
        pipeline.convert(POST, path="post.md")


def test_too_deep_a_recursion_is_named_so(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "STAGES", (("clean", failing(RecursionError())),))
    with pytest.raises(ConversionError, match=r"^-: clean: input nested too deeply$"):
        pipeline.convert(POST)


def test_a_conversion_error_passes_through_as_raised(monkeypatch) -> None:
    error = ConversionError("elsewhere", "check", "unsafe link")
    monkeypatch.setattr(pipeline, "STAGES", (("check", failing(error)),))
    with pytest.raises(ConversionError) as caught:
        pipeline.convert(POST)
    assert caught.value is error
