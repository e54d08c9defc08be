"""The Typer layer: options and config files become Settings and Options; usage errors are one
line and exit 2; a run loads neither pydantic nor rich."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cli.run
from cli import app, main
from cli.options import Options
from converters.document import Settings
from tests.conftest import FIXTURES
from tests.test_cli_fakes import private_cache

__all__ = ["private_cache"]


@pytest.fixture
def calls(monkeypatch):
    """What `run` would have been called with."""
    seen: list[tuple[list[str], Settings, Options]] = []

    def recorder(paths, settings, options):
        seen.append((paths, settings, options))
        return 0

    monkeypatch.setattr(cli.run, "run", recorder)
    return seen


class Invoked:
    def __init__(self, exit_code: int, out: str, err: str) -> None:
        self.exit_code, self.out, self.err = exit_code, out, err
        self.output = out + err


@pytest.fixture
def invoke(capsys):
    def invoke(*args: str) -> Invoked:
        code = main.main(list(args))
        out, err = capsys.readouterr()
        return Invoked(code, out, err)

    return invoke


def test_options_reach_run(tmp_path, calls, invoke):
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


PLAIN_CALLS = [
    ["convert", "p.md"],
    ["convert", "-"],
    ["convert", "p.md", "drafts"],
    ["convert", "--in-place", "--", "p.md", "-x.md"],  # the pre-commit hooks' calls
    ["convert", "--check", "--", "p.md"],
    ["convert", "p.md", "--diff", "-q", "--stats", "--hidden", "--no-gitignore"],
    ["convert", "-v", "--no-site-rules", "--verbose", "--quiet", "p.md"],
]


@pytest.mark.parametrize("args", PLAIN_CALLS, ids=" ".join)
def test_a_plain_convert_call_reaches_run_as_through_the_typer_app(
    tmp_path, monkeypatch, calls, args
):
    """The console script serves these without the Typer app (cli/main.py): the run must get
    what the app would have given it, config file included."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article2md.toml").write_text(
        'timezone = "Asia/Tokyo"\nexclude = ["drafts"]\nfront-matter = "keep"\n'
    )
    (tmp_path / "drafts").mkdir()
    for name in ("p.md", "-x.md"):
        (tmp_path / name).write_text("<p>x</p>")
    assert main.plain_convert(args) is not None
    assert main.main(args) == 0
    assert app.main(args) == 0
    direct, through_app = calls
    assert direct == through_app
    assert direct[1].timezone == "Asia/Tokyo"


@pytest.mark.parametrize(
    "args",
    [
        ["convert"],
        ["convert", "--"],
        ["convert", "-o", "out", "p.md"],
        ["convert", "--jobs=2", "p.md"],
        ["convert", "-qv", "p.md"],
        ["convert", "--help"],
        ["convert", "p.md", "-h"],
        ["inspect", "p.md"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_every_other_call_is_left_to_the_typer_app(args):
    assert main.plain_convert(args) is None


def test_pyproject_table_gives_defaults_the_command_line_overrides(tmp_path, calls, invoke):
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


def test_an_unknown_pyproject_key_is_a_usage_error(tmp_path, calls, invoke):
    (tmp_path / "pyproject.toml").write_text("[tool.article2md]\ntime-zone = 'UTC'\n")
    result = invoke("convert", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown key 'time-zone'" in result.output
    assert calls == []


def test_the_search_for_pyproject_stops_at_the_repository_root(tmp_path, calls, invoke):
    (tmp_path / "pyproject.toml").write_text("[tool.article2md]\ntimezone = 'Asia/Tokyo'\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert invoke("convert", str(tmp_path / "repo")).exit_code == 0
    assert calls[0][1].timezone is None


@pytest.fixture
def blog(tmp_path):
    """A Hexo repository: no pyproject.toml, posts two folders down."""
    (tmp_path / "blog" / ".git").mkdir(parents=True)
    posts = tmp_path / "blog" / "source" / "_posts"
    posts.mkdir(parents=True)
    (posts / "p.md").write_text("<p>x</p>")
    return tmp_path / "blog"


def test_article2md_toml_at_the_repo_root_serves_a_post_deep_inside(blog, calls, invoke):
    (blog / "article2md.toml").write_text(
        'timezone = "Asia/Shanghai"\nrules = ["rules"]\nexclude = ["drafts"]\nsite-rules = false\n'
    )
    assert invoke("convert", str(blog / "source" / "_posts" / "p.md")).exit_code == 0
    [(_, settings, options)] = calls
    assert settings.timezone == "Asia/Shanghai"
    assert settings.rule_paths == (blog / "rules",)
    assert not settings.site_rules
    assert options.selection.exclude == ("drafts",)


def test_the_nearest_file_wins_dotted_first_and_pyproject_without_our_table_is_passed(
    blog, calls, invoke
):
    posts = blog / "source" / "_posts"
    (blog / "article2md.toml").write_text('timezone = "Asia/Tokyo"\n')
    (posts / "pyproject.toml").write_text("[tool.black]\nline-length = 80\n")
    assert invoke("convert", str(posts / "p.md")).exit_code == 0
    (blog / ".article2md.toml").write_text('timezone = "Europe/Paris"\n')
    assert invoke("convert", str(posts / "p.md")).exit_code == 0
    (posts / "pyproject.toml").write_text('[tool.article2md]\ntimezone = "UTC"\n')
    assert invoke("convert", str(posts / "p.md")).exit_code == 0
    assert [settings.timezone for _, settings, _ in calls] == [
        "Asia/Tokyo",
        "Europe/Paris",
        "UTC",
    ]


def test_config_names_the_file_to_use_instead_of_searching(blog, tmp_path, calls, invoke):
    (blog / "article2md.toml").write_text('timezone = "Asia/Tokyo"\n')
    elsewhere = tmp_path / "settings.toml"
    elsewhere.write_text('timezone = "UTC"\n')
    post = str(blog / "source" / "_posts" / "p.md")
    assert invoke("convert", post, "--config", str(elsewhere)).exit_code == 0
    assert calls[0][1].timezone == "UTC"
    missing = invoke("convert", post, "--config", str(tmp_path / "nope.toml"))
    assert (missing.exit_code, missing.err) == (
        2,
        f"article2md: error: --config {tmp_path / 'nope.toml'}: no such file\n",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time-zone = 'UTC'\n", "unknown key 'time-zone' (the keys: exclude, front-matter,"),
        ("timezone = 'Mars/Olympus'\n", "timezone: unknown time zone 'Mars/Olympus'"),
        ("site-rules = 'no'\n", "site-rules must be true or false"),
        ("exclude = 3\n", "exclude must be a list of strings"),
        ("timezone = \n", "cannot read"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_the_file(blog, calls, invoke, text, message):
    (blog / "article2md.toml").write_text(text)
    result = invoke("convert", str(blog / "source" / "_posts" / "p.md"))
    assert result.exit_code == 2
    [line] = result.err.splitlines()
    assert line.startswith(f"article2md: error: {blog / 'article2md.toml'}: {message}")
    assert calls == []


def test_an_unknown_time_zone_is_a_usage_error(tmp_path, calls, invoke):
    result = invoke("convert", str(tmp_path), "--timezone", "Mars/Olympus")
    assert result.exit_code == 2
    assert "unknown time zone" in result.output


def test_help_documents_every_exit_code(invoke):
    result = invoke("convert", "--help")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for code in ("0", "1", "2", "123"):
        assert any(line.split()[:1] == [code] for line in lines), code


def test_user_rules_that_do_not_load_stop_the_run_before_any_file(tmp_path, capsys, invoke):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nbogus = 1\n')
    post = tmp_path / "p.md"
    post.write_text("x")
    result = invoke("convert", str(post), "--rules", str(bad), "--in-place")
    assert result.exit_code == 2
    assert f"{bad}: error: rules: bogus: unknown key" in result.output
    assert post.read_text() == "x"


def test_rules_lists_built_in_and_user_rules_with_their_origin(tmp_path, monkeypatch, invoke):
    mine = tmp_path / "mine.toml"
    mine.write_text('name = "my-blog"\ndescription = "my own blog"\nmatch.url = ["example"]\n')
    monkeypatch.setenv("COLUMNS", "300")
    result = invoke("rules", "--rules", str(mine))
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.output.splitlines() if "│" in line}
    assert "built-in" in rows["sina-finance"]
    assert str(mine) in rows["my-blog"] and "my own blog" in rows["my-blog"]


def test_inspect_shows_the_matched_rules_the_metadata_and_what_was_removed(monkeypatch, invoke):
    post = FIXTURES / "sina-finance-domestic" / "brief-example-jilin.input.md"
    monkeypatch.setenv("COLUMNS", "200")
    result = invoke("inspect", str(post))
    assert result.exit_code == 0, result.output
    assert "site rules: " in result.output and "sina-finance" in result.output
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.output.splitlines()]
    metadata = {row[0]: row[1] for row in cells if len(row) == 2}
    removed = [tuple(row[:2]) for row in cells if len(row) == 3]
    assert metadata["editor"] == "王珊珊"
    assert metadata["date"] == "2022-03-25T15:05:43+00:00"
    assert ("sina-finance", "metadata.editor") in removed


def test_inspect_names_a_missing_file_in_one_line(tmp_path, invoke):
    result = invoke("inspect", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert result.output == f"article2md: error: {tmp_path / 'nope.md'}: no such file or folder\n"


# one error style: every usage error is one line in the tool's voice, exit 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "--bogus", "p.md"], "no such option: --bogus"),
        (["convert", "-j", "0", "p.md"], "-j/--jobs: expected a whole number of at least 1"),
        (["convert", "--jobs", "two", "p.md"], "-j/--jobs: expected a whole number"),
        (["convert", "--format", "yaml", "p.md"], "--format: 'yaml' is not one of markdown, json"),
        (["convert", "--max-mb", "-1", "p.md"], "--max-mb: expected a number of at least 0"),
        (["convert", "--timezone", "Mars/Olympus", "p.md"], "--timezone: unknown time zone"),
        (["convert", "-o"], "option '-o' requires an argument"),
        (["convert"], "missing argument 'PATH'"),
        ([], "missing command: convert, inspect, rules"),
        (["convrt", "p.md"], "no such command 'convrt'"),
        (["convert", "nosuch.md"], "nosuch.md: no such file or folder"),
        (["inspect", "nosuch.md"], "nosuch.md: no such file or folder"),
        (["inspect", "."], ".: a folder; inspect takes one file"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(tmp_path, monkeypatch, invoke, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.md").write_text("<p>x</p>")
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith(f"article2md: error: {message}")
    assert (tmp_path / "p.md").read_text() == "<p>x</p>"


def test_a_url_argument_is_answered_with_the_pipe_that_reads_it(invoke):
    result = invoke("convert", "https://example.com/2024/a-post.html")
    assert result.exit_code == 2
    assert "curl -sL 'https://example.com/2024/a-post.html' | article2md convert - " in result.err
    assert "--stdin-filename page.html" in result.err


def test_a_file_named_like_an_option_is_a_file_after_the_double_dash(tmp_path, monkeypatch, invoke):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-x.md").write_text("<p>x</p>")
    result = invoke("convert", "--check", "--", "-x.md")
    assert result.exit_code == 1
    assert "-x.md: would reformat" in result.err


@pytest.mark.parametrize("command", ["convert", "inspect", "rules"])
def test_help_shows_plain_metavars_not_types(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    for typed in ("<", "{", "list[", "int range", "x>="):
        assert typed not in result.out, typed


def test_help_names_each_value_plainly(invoke):
    help = invoke("convert", "--help").out
    assert "Usage: article2md convert [OPTIONS] PATH..." in help
    assert "-j, --jobs N " in help
    assert "--format markdown|json " in help


# start-up: a one-file run loads only what converting that file needs; each of these is
# 10-100 ms of a budget of 250 (benchmarks/startup.py measures it; docs/performance.md)
NOT_FOR_ONE_FILE = (
    "typer",  # the app: a plain convert call goes around it (cli/main.py)
    "pydantic",  # Typer's value conversion: cli/parameters.py converts without it
    "rich",  # tables and progress bars
    "bs4",  # markdownify brought it; the Markdown walk is on lxml
    "markdown_it",  # parses only doubtful output and Markdown bodies
    "dask",  # --dask only
    "converters.metadata.page_metadata",  # posts without front matter only
    "converters.page.article",  # whole saved pages only
    "tempfile",  # writing a file (with shutil and random): a run to stdout writes none
    "subprocess",  # git, asked when a folder is walked
    "difflib",  # --diff only
)


@pytest.mark.parametrize("stdin", [False, True])
def test_a_one_file_run_loads_only_what_the_file_needs(tmp_path, stdin):
    post = FIXTURES / "sina-finance-domestic" / "brief-example-jilin.input.md"
    code = (
        "import json, sys\n"
        "from cli.main import main\n"
        "code = main(sys.argv[2:])\n"
        "loaded = [name for name in sys.argv[1].split() if name in sys.modules]\n"
        "print(json.dumps([code, loaded]), file=sys.stderr)\n"
    )
    args = ["convert", "-"] if stdin else ["convert", str(post)]
    done = subprocess.run(
        [sys.executable, "-c", code, " ".join(NOT_FOR_ONE_FILE), *args],
        input=post.read_bytes() if stdin else None,
        capture_output=True,
        env={"ARTICLE2MD_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.stdout.startswith(b"---\n")
    assert json.loads(done.stderr.decode().splitlines()[-1]) == [0, []]


# -o: a folder when it says so, stdout for "-", never ignored


@pytest.fixture
def one_post(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "one.md").write_text("<p>One post.</p>\n")
    return tmp_path


def test_an_output_with_a_trailing_slash_is_a_folder_even_for_one_file(one_post, invoke):
    assert invoke("convert", "posts/one.md", "-o", "out/").exit_code == 0
    assert (one_post / "out").is_dir()
    assert "One post." in (one_post / "out" / "posts" / "one.md").read_text()


def test_an_existing_folder_as_output_receives_the_file(one_post, invoke):
    (one_post / "out").mkdir()
    assert invoke("convert", "posts/one.md", "-o", "out").exit_code == 0
    assert (one_post / "out" / "posts" / "one.md").is_file()


def test_relative_and_absolute_inputs_mirror_the_same_way(one_post, invoke):
    (one_post / "posts" / "two.md").write_text("<p>Two.</p>\n")
    absolute = str(one_post / "posts" / "two.md")
    assert invoke("convert", "posts/one.md", absolute, "-o", "out").exit_code == 0
    assert sorted(
        p.relative_to(one_post / "out").as_posix() for p in (one_post / "out").rglob("*.md")
    ) == [
        "posts/one.md",
        "posts/two.md",
    ]


def test_output_dash_is_standard_output_not_a_file_named_dash(one_post, invoke):
    result = invoke("convert", "posts/one.md", "-o", "-")
    assert result.exit_code == 0
    assert result.out.endswith("One post.\n")
    assert not (one_post / "-").exists()


def test_json_with_an_output_is_refused_not_ignored(one_post, invoke):
    result = invoke("convert", "posts/one.md", "--format", "json", "-o", "x.jsonl")
    assert result.exit_code == 2
    assert "--format json prints JSON lines on stdout" in result.err
    assert not (one_post / "x.jsonl").exists()


def test_front_matter_comes_from_the_option_or_the_config_file(tmp_path, calls, invoke):
    post = tmp_path / "post.md"
    post.write_text("Text.\n", "utf-8")
    for args, mode in [([], "auto"), (["--front-matter", "normalize"], "normalize")]:
        assert invoke("convert", *args, str(post)).exit_code == 0
        assert calls.pop()[1].front_matter == mode
    (tmp_path / "article2md.toml").write_text('front-matter = "keep"\n', "utf-8")
    assert invoke("convert", str(post)).exit_code == 0
    assert calls.pop()[1].front_matter == "keep"
    assert invoke("convert", "--front-matter", "normalize", str(post)).exit_code == 0
    assert calls.pop()[1].front_matter == "normalize"  # the command line wins
    (tmp_path / "article2md.toml").write_text('front-matter = "sorted"\n', "utf-8")
    result = invoke("convert", str(post))
    assert result.exit_code == 2
    assert "front-matter must be one of: auto, keep, normalize" in result.err
