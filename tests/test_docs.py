"""The README's commands are the ones CI and users actually run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def readme_command(label: str) -> str:
    match = re.search(rf"<!-- {label} -->\n```(?:sh|console)\n(?:\$ )?(.+?)\n", README)
    assert match, f"README has no command marked {label}"
    return match.group(1)


def test_ci_runs_the_readme_test_command_verbatim():
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert readme_command("test-command") in ci_lines


def test_the_readme_run_command_converts_the_bundled_fixtures():
    command = readme_command("run-command")
    assert "article2md convert fixtures" in command
