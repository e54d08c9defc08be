import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Every property test is derandomized unless asked: CI's verdict must depend on the code, not
# on the day's examples; no deadline or speed health check, which a loaded machine would fail.
# A long random hunt: ARTICLE2MD_RANDOM=1 ARTICLE2MD_EXAMPLES=5000 pytest tests/test_properties.py
settings.register_profile(
    "article2md",
    derandomize=not os.environ.get("ARTICLE2MD_RANDOM"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("article2md")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite fixtures/**/*.expected.md from the current build (the tests still fail)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def terminal_signals() -> None:
    """For a child's preexec_fn: the signals a terminal sends act as they would there, even
    when the test run was started in the background or under nohup (which ignore SIGINT and
    SIGHUP, and a child inherits that)."""
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def write(path: Path, text: str) -> Path:
    """A UTF-8 file, its folders made as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
