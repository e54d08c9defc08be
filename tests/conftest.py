import signal
from pathlib import Path

import pytest

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
