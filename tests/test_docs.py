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


RULES_DOC = (ROOT / "docs" / "rules.md").read_text("utf-8")


def test_the_rule_to_copy_loads_and_uses_every_key(tmp_path):
    from converters.clean.site_rules import _FIELDS, MATCH_KEYS, load_rule_file

    [block] = toml_blocks(RULES_DOC, "rule-example")
    path = tmp_path / "example-news.toml"
    path.write_text(block, "utf-8")
    rule = load_rule_file(path)
    assert rule.name == "example-news"
    for key in {*_FIELDS, *(f"match.{key}" for key in MATCH_KEYS), "metadata", "description"}:
        assert f"`{key}" in RULES_DOC, key
        if key != "fixtures":  # built-in rules only
            assert key in block, key


def test_the_rule_to_copy_does_what_its_comments_say(tmp_path):
    from converters import Settings, convert

    [block] = toml_blocks(RULES_DOC, "rule-example")
    (tmp_path / "example-news.toml").write_text(block, "utf-8")
    post = (
        "---\ntitle: A story\nlink: https://news.example.com/2024/a-story\n---\n\n"
        "<p>The story begins here, and it goes on for a while.</p>\n"
        '<div class="en-share-bar"><a href="https://x.example/share">Share</a></div>\n'
        '<p>Read <a href="https://news.example.com/tag/rain">rain</a> news.</p>\n'
        "<p>Follow Example News on Mastodon for more</p>\n"
        '<p class="en-editor">Editor: Jo Smith</p>\n'
    )
    result = convert(post, path="a-story.md", settings=Settings(rule_paths=(tmp_path,)))
    assert "example-news" in result.site_rules
    assert result.metadata["editor"] == "Jo Smith"
    assert (
        result.markdown == "The story begins here, and it goes on for a while.\n\nRead rain news.\n"
    )


def test_the_readme_run_command_output_counts_the_bundled_fixtures():
    """The quick start shows the one line the run prints: one post per fixture input."""
    match = re.search(
        r"<!-- run-command -->\n```sh\n.*?\n```\n\n```text\n(\d+) converted\n```", README
    )
    assert match, "README's run-command is not followed by its output line"
    inputs = [p for p in (ROOT / "fixtures").rglob("*.input.md") if "bad" not in p.parts]
    assert int(match.group(1)) == len(inputs), "update the count in README's Quick start"
