import pytest
from hypothesis import given
from hypothesis import strategies as st

from converters.clean.url_safety import (
    CODE_SCHEMES,
    RASTER_DATA,
    is_inline_data,
    runs_code,
    scheme_probe,
)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\u200bjavascript:alert(1)",
        " vbscript:msgbox",
        "livescript:x",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ],
)
def test_targets_that_run_code_are_refused(url: str) -> None:
    assert runs_code(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a",
        "/relative/path",
        "#anchor",
        "mailto:a@b.c",
        "data:image/png;base64,AA",
    ],
)
def test_ordinary_targets_and_raster_data_images_run_nothing(url: str) -> None:
    assert not runs_code(url)


def test_inline_data_is_recognized_whatever_its_case() -> None:
    assert is_inline_data(" DATA:image/png;base64,AA")
    assert not is_inline_data("https://example.com/data:x")


@given(st.sampled_from(["http://", "https://", "javascript:", "data:", "", "\t", "h"]), st.text())
def test_a_web_url_is_answered_as_its_probe_would_answer(start: str, rest: str) -> None:
    url = start + rest
    probe = scheme_probe(url)
    assert runs_code(url) == (probe.startswith(CODE_SCHEMES) and not RASTER_DATA.match(probe))
    assert is_inline_data(url) == probe.startswith("data:")
