"""The Typer layer: options and pyproject.toml become Settings and Options; usage errors exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import main
from cli.options import Options
from converters.document import Settings
from tests.test_cli_fakes import private_cache

__all__ = ["private_cache"]


@pytest.fixture
def calls(monkeypatch):
    """What `run` would have been called with."""
    seen: list[tuple[list[str], Settings, Options]] = []

    def recorder(paths, settings, options):
        seen.append((paths, settings, options))
        return 0

    monkeypatch.setattr(main, "run", recorder)
    return seen


def invoke(*args: str):
    return CliRunner().invoke(main.app, list(args))


def test_options_reach_run(tmp_path, calls):
    post = tmp_path / "p.md"
    post.write_text("x")
    result = invoke(
        "convert",
        str(post),
        "--check",
        "-j",
        "3",
        "--exclude",
        "drafts",
        "--timezone",
        "Asia/Shanghai",
        "--no-site-rules",
        "--no-gitignore",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    [(paths, settings, options)] = calls
    assert paths == [str(post)]
    assert settings == Settings(timezone="Asia/Shanghai", site_rules=False)
    assert options.check and options.jobs == 3 and options.format == "json"
    assert options.selection.exclude == ("drafts",)
    assert not options.selection.gitignore


def test_pyproject_table_gives_defaults_the_command_line_overrides(tmp_path, calls):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.article2md]\ntimezone = "Asia/Tokyo"\nrules = ["my-rules"]\nexclude = ["drafts"]\n'
    )
    (tmp_path / "posts").mkdir()
    assert invoke("convert", str(tmp_path / "posts"), "--exclude", "old").exit_code == 0
    assert invoke("convert", str(tmp_path / "posts"), "--timezone", "UTC").exit_code == 0
    (_, first, options), (_, second, _) = calls
    assert first.timezone == "Asia/Tokyo"
    assert first.rule_paths == (tmp_path / "my-rules",)
    assert options.selection.exclude == ("drafts", "old")
    assert second.timezone == "UTC"


def test_an_unknown_pyproject_key_is_a_usage_error(tmp_path, calls):
    (tmp_path / "pyproject.toml").write_text("[tool.article2md]\ntime-zone = 'UTC'\n")
    result = invoke("convert", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown key 'time-zone'" in result.output
    assert calls == []


def test_the_search_for_pyproject_stops_at_the_repository_root(tmp_path, calls):
    (tmp_path / "pyproject.toml").write_text("[tool.article2md]\ntimezone = 'Asia/Tokyo'\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert invoke("convert", str(tmp_path / "repo")).exit_code == 0
    assert calls[0][1].timezone is None


def test_an_unknown_time_zone_is_a_usage_error(tmp_path, calls):
    result = invoke("convert", str(tmp_path), "--timezone", "Mars/Olympus")
    assert result.exit_code == 2
    assert "unknown time zone" in result.output


def test_help_documents_every_exit_code():
    result = invoke("convert", "--help")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for code in ("0", "1", "2", "123"):
        assert any(line.split()[:1] == [code] for line in lines), code


def test_user_rules_that_do_not_load_stop_the_run_before_any_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nbogus = 1\n')
    post = tmp_path / "p.md"
    post.write_text("x")
    result = invoke("convert", str(post), "--rules", str(bad), "--in-place")
    assert result.exit_code == 2
    assert f"{bad}: error: rules: bogus: unknown key" in result.output
    assert post.read_text() == "x"


def test_rules_lists_built_in_and_user_rules_with_their_origin(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "my-blog"\ndescription = "my own blog"\nmatch.url = ["example"]\n')
    result = CliRunner().invoke(main.app, ["rules", "--rules", str(mine)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert "built-in" in rows["sina-finance"]
    assert str(mine) in rows["my-blog"] and "my own blog" in rows["my-blog"]


def test_inspect_shows_the_matched_rules_the_metadata_and_what_was_removed():
    from tests.conftest import FIXTURES

    post = FIXTURES / "sina-finance-domestic" / "brief-example-jilin.input.md"
    result = CliRunner().invoke(main.app, ["inspect", str(post)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "site rules: " in result.output and "sina-finance" in result.output
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.output.splitlines()]
    metadata = {row[0]: row[1] for row in cells if len(row) == 2}
    removed = [tuple(row[:2]) for row in cells if len(row) == 3]
    assert metadata["editor"] == "王珊珊"
    assert metadata["date"] == "2022-03-25T15:05:43+00:00"
    assert ("sina-finance", "metadata.editor") in removed


def test_inspect_names_a_missing_file_in_one_line(tmp_path):
    result = invoke("inspect", str(tmp_path / "nope.md"))
    assert result.exit_code == 123
    assert result.output == f"{tmp_path / 'nope.md'}: error: read: No such file or directory\n"
