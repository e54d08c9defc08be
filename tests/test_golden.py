"""Every fixture post converts to its expected output, and that output is stable."""

from pathlib import Path

import pytest

from converters import convert
from tests.conftest import FIXTURES

CASES = sorted(FIXTURES.glob("*/*.input.*"))


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name.split('.input.')[0]}"


def expected_path(src: Path) -> Path:
    return src.with_name(src.name.split(".input.")[0] + ".expected.md")


@pytest.mark.parametrize("src", CASES, ids=case_id)
def test_golden(src: Path, update_goldens: bool) -> None:
    expected = expected_path(src)
    actual = convert(src.read_text("utf-8"), path=str(src)).text
    if update_goldens:
        expected.write_text(actual, "utf-8")
        pytest.fail(f"rewrote {expected}; read the git diff line by line")
    assert actual == expected.read_text("utf-8")


@pytest.mark.parametrize("src", CASES, ids=case_id)
def test_expected_output_is_stable(src: Path) -> None:
    expected = expected_path(src).read_text("utf-8")
    assert convert(expected, path=str(expected_path(src))).text == expected
