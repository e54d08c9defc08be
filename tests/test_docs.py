"""The README's commands are the ones CI and users actually run."""

import re
from pathlib import Path

import pytest

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


CONFIGURATION = (ROOT / "docs" / "configuration.md").read_text("utf-8")


def toml_blocks(text: str, label: str) -> list[str]:
    return re.findall(rf"<!-- {label} -->\n```toml\n(.*?)```", text, re.DOTALL)


def test_the_configuration_table_lists_every_key_the_loader_takes():
    from cli.config import KEYS

    rows = re.findall(r"^\| `([a-z-]+)` \|", CONFIGURATION, re.MULTILINE)
    assert sorted(rows) == sorted(KEYS)
    for key in KEYS:
        assert f"`{key}`" in README


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("config-hexo", "article2md.toml"),
        ("config-jekyll", "article2md.toml"),
        ("config-pyproject", "pyproject.toml"),
    ],
)
def test_the_example_config_files_load(tmp_path, label, name):
    from cli.config import load_config

    blocks = toml_blocks(CONFIGURATION, label) + toml_blocks(README, label)
    assert blocks, label
    for block in blocks:
        (tmp_path / name).write_text(block, "utf-8")
        config = load_config(tmp_path / name)
        assert config.file == tmp_path / name
        assert config.timezone
