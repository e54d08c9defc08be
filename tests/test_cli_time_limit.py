"""One pathological file fails on its own after --max-seconds; the rest of the batch goes on."""

import time
from pathlib import Path

from cli.work import Task, process
from converters.document import Conversion, Settings


def slow_convert(text: str, *, path: str | None = None, settings: Settings | None = None):
    if "SLOW" in text:
        time.sleep(5)
    return Conversion(text=text, metadata={}, markdown=text, removed=(), warnings=(), site_rules=())


def test_a_file_over_the_time_limit_fails_with_the_limit_named(tmp_path: Path) -> None:
    post = tmp_path / "slow.md"
    post.write_text("SLOW\n")
    started = time.monotonic()
    result = process(
        Task("slow.md", str(post)), convert=slow_convert, settings=Settings(max_seconds=0.2)
    )
    assert time.monotonic() - started < 3
    assert result.failure is not None
    assert (result.failure.stage, result.failure.message) == (
        "time",
        "took longer than 0.2 s (--max-seconds)",
    )


def test_a_file_within_the_limit_converts_and_the_timer_is_cleared(tmp_path: Path) -> None:
    post = tmp_path / "fast.md"
    post.write_text("fast\n")
    result = process(
        Task("fast.md", str(post)), convert=slow_convert, settings=Settings(max_seconds=0.2)
    )
    assert result.failure is None
    time.sleep(0.3)  # an uncleared timer would fire here and fail the test run
