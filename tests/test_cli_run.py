"""`run()` with a stand-in converter: which files, where outputs go, what is said, exit codes."""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cli.options import Options, Selection
from cli.run import run
from converters.document import Conversion, Settings
from converters.pipeline import convert as library_convert
from tests.conftest import write
from tests.test_cli_fakes import converted, fake_convert, private_cache, tree

__all__ = ["private_cache"]  # the autouse fixture, used by being imported


def convert(paths: list[str | Path], **options: object) -> int:
    settings = options.pop("settings", Settings())
    assert isinstance(settings, Settings)
    opts = Options(**options)  # type: ignore[arg-type]
    return run([str(p) for p in paths], settings, opts, convert=fake_convert)


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    root = tmp_path / "posts"
    write(root / "a.md", "<p>alpha</p>")
    write(root / "news" / "b.html", "<p>beta</p>")
    write(root / "news" / "c.htm", "<p>gamma</p>")
    write(root / "notes.txt", "<p>not a post</p>")
    write(root / ".drafts" / "d.md", "<p>hidden</p>")
    return root


# one file, standard input, and the refusal to concatenate


def test_one_file_goes_to_stdout_and_nothing_else(posts, capsys):
    assert convert([posts / "a.md"]) == 0
    out, err = capsys.readouterr()
    assert out == converted("<p>alpha</p>")
    assert err == ""


def test_stdin_to_stdout_uses_the_stdin_filename_in_messages(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>BROKEN</p>")))
    assert convert(["-"], stdin_filename="posts/x.md") == 123
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "posts/x.md: error: markdown: cannot read this table\n"


def test_stdin_converts_quietly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("<p>中文</p>".encode())))
    assert convert(["-"]) == 0
    assert capsys.readouterr() == (converted("<p>中文</p>"), "")


def test_several_inputs_without_a_destination_are_refused(posts, capsys):
    assert convert([posts / "a.md", posts / "news" / "b.html"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "-o DIR" in err and "--in-place" in err
    assert (posts / "a.md").read_text() == "<p>alpha</p>"


def test_a_folder_without_a_destination_is_refused(posts, capsys):
    assert convert([posts]) == 2
    assert capsys.readouterr().out == ""


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert convert([tmp_path / "nope.md"]) == 2
    assert "nope.md: no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "clash"),
    [
        ({"in_place": True, "output": Path("x")}, "exclude each other"),
        ({"check": True, "in_place": True}, "write nothing"),
        ({"format": "json", "diff": True}, "prints JSON lines on stdout"),
        ({"format": "json", "output": Path("x.jsonl")}, "drop -o/--output"),
    ],
)
def test_contradictory_options_are_usage_errors(posts, capsys, options, clash):
    assert convert([posts / "a.md"], **options) == 2
    assert clash in capsys.readouterr().err


def test_output_file_for_one_input(posts, tmp_path, capsys):
    assert convert([posts / "news" / "b.html"], output=tmp_path / "out.md") == 0
    assert (tmp_path / "out.md").read_text() == converted("<p>beta</p>")
    out, err = capsys.readouterr()
    assert out == ""
    assert "converted" in err  # the summary table: a file was written


def test_an_output_fifo_is_written_to_not_replaced(posts, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        assert convert([posts / "a.md"], output=fifo) == 0
    finally:
        reader.join(timeout=10)
    assert received == [converted("<p>alpha</p>").encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_full_output_device_fails_the_file_and_stays_a_device(posts, tmp_path, capsys):
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # a private /dev/full
    assert convert([posts / "a.md"], output=full) == 123
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert f"{posts / 'a.md'}: error: write: No space left on device\n" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "posts"]  # no temp file


# folders: -o DIR mirrors the tree


def test_folder_is_mirrored_into_the_output_folder(posts, tmp_path, capsys):
    assert convert([posts], output=tmp_path / "out", quiet=True) == 0
    assert tree(tmp_path / "out") == {
        "a.md": converted("<p>alpha</p>"),
        os.path.join("news", "b.md"): converted("<p>beta</p>"),
        os.path.join("news", "c.md"): converted("<p>gamma</p>"),
    }
    assert capsys.readouterr() == ("", "")
    assert (posts / "news" / "b.html").read_text() == "<p>beta</p>"  # inputs untouched


def test_hidden_folders_are_searched_on_request(posts, tmp_path):
    convert([posts], output=tmp_path / "out", quiet=True, selection=Selection(hidden=True))
    assert (tmp_path / "out" / ".drafts" / "d.md").exists()


def test_include_replaces_the_default_extensions_and_exclude_leaves_out(posts, tmp_path, capsys):
    selection = Selection(include=("*.txt", "*.md", "*.html"), exclude=("news",))
    assert convert([posts], output=tmp_path / "out", selection=selection, stats=True) == 0
    assert sorted(tree(tmp_path / "out")) == ["a.md", "notes.md"]
    assert re.search(r"│ skipped +│ +1 │", capsys.readouterr().err)  # news/b.html


def test_a_quoted_glob_is_expanded_and_mirrored_below_its_fixed_part(posts, tmp_path):
    assert convert([f"{posts}/**/*.htm*"], output=tmp_path / "out", quiet=True) == 0
    assert sorted(tree(tmp_path / "out")) == [os.path.join("news", n) for n in ("b.md", "c.md")]


def test_gitignored_files_are_skipped_unless_asked(posts, tmp_path):
    subprocess.run(["git", "init", "-q", str(posts)], check=True)
    write(posts / ".gitignore", "news/c.htm\n")
    convert([posts], output=tmp_path / "out", quiet=True)
    assert sorted(tree(tmp_path / "out")) == ["a.md", os.path.join("news", "b.md")]
    convert([posts], output=tmp_path / "all", quiet=True, selection=Selection(gitignore=False))
    assert os.path.join("news", "c.md") in tree(tmp_path / "all")


def test_outputs_that_collide_are_refused_and_the_rest_converted(posts, tmp_path, capsys):
    write(posts / "news" / "b.md", "<p>another beta</p>")
    assert convert([posts], output=tmp_path / "out") == 123
    err = capsys.readouterr().err
    assert "would be written to the same file" in err
    assert not (tmp_path / "out" / "news" / "b.md").exists()
    assert (tmp_path / "out" / "news" / "c.md").exists()


def test_outputs_escaping_the_folder_through_a_symlink_are_refused(posts, tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "news").symlink_to(outside)
    assert convert([posts], output=tmp_path / "out") == 123
    assert "would land outside" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_an_output_folder_inside_the_inputs_never_overwrites_an_input(tmp_path, capsys):
    write(tmp_path / "a.html", "<p>one</p>")
    write(tmp_path / "a.md", "<p>two</p>")
    assert convert([tmp_path / "a.html", tmp_path / "a.md"], output=tmp_path) == 123
    assert "would overwrite the input" in capsys.readouterr().err
    assert (tmp_path / "a.md").read_text() == converted("<p>two</p>")  # its own output


# in place


def test_in_place_rewrites_changed_files_and_keeps_their_mode(posts, capsys):
    (posts / "a.md").chmod(0o640)
    assert convert([posts / "a.md"], in_place=True) == 0
    assert (posts / "a.md").read_text() == converted("<p>alpha</p>")
    assert stat.S_IMODE((posts / "a.md").stat().st_mode) == 0o640
    assert f"{posts / 'a.md'}: converted" in capsys.readouterr().err


def test_in_place_twice_changes_nothing_the_second_time(posts, capsys):
    assert convert([posts], in_place=True) == 0
    first = tree(posts)
    mtimes = {p: p.stat().st_mtime_ns for p in posts.rglob("*.md")}
    capsys.readouterr()
    assert convert([posts], in_place=True) == 0
    assert tree(posts) == first
    assert {p: p.stat().st_mtime_ns for p in posts.rglob("*.md")} == mtimes
    assert ": converted" not in capsys.readouterr().err


def test_in_place_turns_html_into_markdown_beside_it(posts, capsys):
    html = posts / "news" / "b.html"
    assert convert([html], in_place=True) == 0
    assert not html.exists()
    assert (posts / "news" / "b.md").read_text() == converted("<p>beta</p>")
    assert "converted to" in capsys.readouterr().err


def test_in_place_html_never_replaces_an_existing_markdown_file(posts, capsys):
    write(posts / "news" / "b.md", "mine")
    assert convert([posts / "news" / "b.html"], in_place=True) == 123
    assert (posts / "news" / "b.md").read_text() == "mine"
    assert (posts / "news" / "b.html").exists()


def test_in_place_writes_through_a_symlink_named_on_the_command_line_and_says_so(posts, capsys):
    link = posts / "link.md"
    link.symlink_to(posts / "a.md")
    convert([link], in_place=True)
    assert link.is_symlink()
    assert (posts / "a.md").read_text() == converted("<p>alpha</p>")
    message = f"{link}: converted (a symbolic link: {posts / 'a.md'} was rewritten)"
    assert capsys.readouterr().err.splitlines()[0] == message


def test_in_place_on_a_folder_never_follows_a_link_out_of_it(posts, tmp_path, capsys):
    """A walk once followed posts/x.md -> ../elsewhere/x.md and rewrote the file outside."""
    outside = write(tmp_path / "elsewhere" / "x.md", "<p>not mine</p>")
    (posts / "x.md").symlink_to(outside)
    (posts / "again.md").symlink_to(posts / "a.md")  # inside: a.md is converted once, as itself
    (posts / "folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert convert([posts], in_place=True, verbose=True) == 0
    assert outside.read_text() == "<p>not mine</p>"
    assert (posts / "x.md").is_symlink() and (posts / "again.md").is_symlink()
    assert (posts / "a.md").read_text() == converted("<p>alpha</p>")
    err = capsys.readouterr().err
    assert f"{posts / 'x.md'}: skipped: not a regular file" in err
    assert f"{posts / 'again.md'}: skipped: not a regular file" in err


def test_a_fifo_in_a_folder_is_skipped_not_read(posts, capsys):
    """Reading one blocked the run until --max-seconds (120 s by default)."""
    os.mkfifo(posts / "pipe.md")
    settings = Settings(max_seconds=5)  # the old behaviour fails here instead of hanging
    assert convert([posts], check=True, verbose=True, settings=settings) == 1
    err = capsys.readouterr().err
    assert f"{posts / 'pipe.md'}: skipped: not a regular file" in err
    assert "pipe.md: error" not in err


@pytest.mark.parametrize("pattern", ["{posts}", "{posts}/**/*.md"], ids=["folder", "glob"])
def test_an_output_folder_inside_the_inputs_is_not_read_again(posts, capsys, pattern):
    """`convert posts -o posts/out` nested one more level on every rerun, and exited 123."""
    out = posts / "out"
    for _ in range(3):
        assert convert([pattern.format(posts=posts)], output=out) == 0
    assert not (out / "out").exists()
    assert (out / "a.md").read_text() == converted("<p>alpha</p>")


def test_a_report_over_an_input_or_an_output_is_refused(posts, tmp_path, capsys):
    before = tree(posts)
    assert convert([posts], output=tmp_path / "out", report=posts / "a.md") == 2
    assert convert([posts], output=tmp_path / "out", report=tmp_path / "out" / "a.md") == 2
    assert tree(posts) == before
    assert not (tmp_path / "out").exists()
    assert capsys.readouterr().err.splitlines() == [
        f"article2md: error: --report {posts / 'a.md'} is one of the inputs",
        f"article2md: error: --report {tmp_path / 'out' / 'a.md'} is where "
        f"{posts / 'a.md'} is written",
    ]


# failures


def test_a_failing_file_is_named_and_the_run_goes_on(posts, tmp_path, capsys):
    write(posts / "bad.md", "<p>BROKEN</p>")
    assert convert([posts], output=tmp_path / "out") == 123
    err = capsys.readouterr().err
    assert f"{posts / 'bad.md'}: error: markdown: cannot read this table\n" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "a.md").exists()
    assert not (tmp_path / "out" / "bad.md").exists()


def test_a_bug_in_the_converter_costs_one_file_and_verbose_shows_the_traceback(posts, capsys):
    write(posts / "bad.md", "CRASH")
    assert convert([posts], in_place=True) == 123
    err = capsys.readouterr().err
    assert "bad.md: error: internal: KeyError: 'a bug in a stage'" in err
    assert "Traceback" not in err
    assert (posts / "bad.md").read_text() == "CRASH"
    convert([posts / "bad.md"], in_place=True, verbose=True)
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_an_unreadable_file_fails_alone(posts, capsys):
    (posts / "gone.md").symlink_to(posts / "missing.md")  # named: taken, link or not
    assert convert([posts / "gone.md", posts / "a.md"], in_place=True, quiet=True) == 123
    err = capsys.readouterr().err
    assert err == f"{posts / 'gone.md'}: error: read: No such file or directory\n"
    assert (posts / "a.md").read_text() == converted("<p>alpha</p>")


def test_ctrl_c_while_writing_leaves_the_input_whole_and_no_temp_file(posts, monkeypatch, capsys):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert convert([posts / "a.md"], in_place=True) == 130
    assert tree(posts)["a.md"] == "<p>alpha</p>"
    assert not [p for p in posts.iterdir() if p.name.endswith(".tmp")]
    assert "interrupted" in capsys.readouterr().err


def test_ctrl_c_writes_the_report_so_far_marked_interrupted(posts, tmp_path, capsys):
    """Before, an interrupted run left an older report in place as if it were this run's."""
    write(posts / "news" / "b.html", "<p>INTERRUPT</p>")
    report = write(tmp_path / "report.json", '{"an": "older run"}')

    def interrupting(text: str, **kwargs: object) -> Conversion:
        if "INTERRUPT" in text:
            raise KeyboardInterrupt
        return fake_convert(text, **kwargs)  # type: ignore[arg-type]

    options = Options(output=tmp_path / "out", report=report, jobs=1)
    assert run([str(posts)], Settings(), options, convert=interrupting) == 130
    data = json.loads(report.read_text())
    assert (data["stopped"], data["exit_code"]) == ("interrupted", 130)
    assert [(Path(f["path"]).name, f["status"]) for f in data["files"]] == [("a.md", "converted")]
    err = capsys.readouterr().err
    assert err.endswith(
        "article2md: interrupted; every file written is complete, no temp file left\n"
    )


# --check and --diff


def test_check_names_each_file_that_would_change_and_writes_nothing(posts, capsys):
    write(posts / "clean.md", converted("<p>clean</p>"))
    before = tree(posts)
    assert convert([posts], check=True) == 1
    assert tree(posts) == before
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{posts / 'a.md'}: would reformat" in err
    assert "clean.md: would reformat" not in err


def test_check_passes_on_clean_files(tmp_path, capsys):
    write(tmp_path / "clean.md", converted("<p>clean</p>"))
    assert convert([tmp_path / "clean.md"], check=True) == 0
    assert "would reformat" not in capsys.readouterr().err


def test_a_markdown_post_with_a_byte_order_mark_is_left_as_it_is(tmp_path, capsys):
    post = tmp_path / "bom.md"
    post.write_bytes(codecs.BOM_UTF8 + b"---\ntitle: T\n---\n\nHello *world*.\n")
    before = post.read_bytes()
    options = Options(check=True)
    assert run([str(post)], Settings(), options, convert=library_convert) == 0
    assert run([str(post)], Settings(), Options(in_place=True), convert=library_convert) == 0
    assert post.read_bytes() == before
    assert run([str(post)], Settings(), Options(), convert=library_convert) == 0
    assert capsys.readouterr().out == before.decode("utf-8")


def test_diff_prints_a_unified_diff_and_fails(posts, capsys):
    assert convert([posts / "a.md"], diff=True) == 1
    out, _ = capsys.readouterr()
    name = posts / "a.md"
    assert out.splitlines()[:2] == [f"--- {name}\t(original)", f"+++ {name}\t(converted)"]
    assert "-<p>alpha</p>\n\\ No newline at end of file\n" in out
    assert "+alpha\n" in out
    assert (posts / "a.md").read_text() == "<p>alpha</p>"


def test_a_failure_outranks_would_change(posts, capsys):
    write(posts / "bad.md", "BROKEN")
    assert convert([posts], check=True) == 123


# file names that are not UTF-8 (Linux allows any bytes): never a crash, the same file named

UNDECODABLE = os.fsdecode(b"caf\xe9.md")  # "caf\udce9.md": Python's surrogate escape


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "odd"
    write(folder / UNDECODABLE, "<p>caf\u00e9</p>")
    write(folder / f"clean-{UNDECODABLE}", converted("<p>clean</p>"))
    return folder


def test_check_names_a_file_whose_name_is_not_utf8_with_escapes(odd_names, capsys):
    for _ in range(2):  # the second run reads the cache the first one wrote
        assert convert([odd_names], check=True) == 1
        err = capsys.readouterr().err
        assert f"{odd_names}/caf\\udce9.md: would reformat\n" in err
        assert "clean-" not in err


def test_json_lines_and_the_report_give_back_a_name_that_is_not_utf8(odd_names, capsys):
    report = odd_names.parent / "report.json"
    assert convert([odd_names / UNDECODABLE], format="json", report=report) == 0
    out = capsys.readouterr().out
    assert "caf\\udce9.md" in out  # JSON's own escape, valid UTF-8 on the wire
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert os.fsencode(record["path"]) == os.fsencode(odd_names / UNDECODABLE)
    (listed,) = json.loads(report.read_text("utf-8"))["files"]
    assert os.fsencode(listed["path"]) == os.fsencode(odd_names / UNDECODABLE)


def test_a_diff_names_a_file_that_is_not_utf8_by_its_bytes(odd_names, capsysbinary):
    assert convert([odd_names / UNDECODABLE], diff=True) == 1
    out = capsysbinary.readouterr().out
    assert out.startswith(b"--- " + os.fsencode(odd_names / UNDECODABLE) + b"\t(original)\n")


# machine-readable output


def test_json_lines_one_object_per_file_in_input_order(posts, capsys):
    write(posts / "bad.md", "BROKEN")
    assert convert([posts], format="json") == 123
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.md", "bad.md", "b.html", "c.htm"]
    first = records[0]
    assert first["markdown"] == "alpha\n"
    assert first["metadata"] == {"title": "fake", "path": str(posts / "a.md")}
    assert first["removed"] == [{"rule": "generic", "what": "tag", "excerpt": "<p>", "size": 0}]
    assert first["warnings"] == []
    assert records[1]["error"] == {"stage": "markdown", "message": "cannot read this table"}


def test_report_file_has_per_file_results_and_counts(posts, tmp_path, capsys):
    write(posts / "bad.md", "BROKEN")
    report = tmp_path / "report.json"
    convert([posts], output=tmp_path / "out", report=report, quiet=True)
    data = json.loads(report.read_text())
    assert data["counts"] == {
        "converted": 3,
        "would change": 0,
        "unchanged": 0,
        "failed": 1,
        "skipped": 0,
    }
    assert data["exit_code"] == 123
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["bad.md"]["stage"] == "markdown"
    assert by_name["b.html"]["output"] == str(tmp_path / "out" / "news" / "b.md")


def test_one_line_sums_up_a_run_and_quiet_silences_it(posts, tmp_path, capsys):
    write(posts / "bad.md", "BROKEN")
    assert convert([posts], output=tmp_path / "out") == 123
    assert capsys.readouterr().err.splitlines()[-1] == "3 converted, 1 failed"
    assert convert([posts], output=tmp_path / "out") == 123
    assert capsys.readouterr().err.splitlines()[-1] == "3 unchanged, 1 failed"
    assert convert([posts], output=tmp_path / "out", quiet=True) == 123
    assert (
        capsys.readouterr().err == f"{posts / 'bad.md'}: error: markdown: cannot read this table\n"
    )


def test_check_sums_up_in_one_line_and_verbose_names_unchanged_files(tmp_path, capsys):
    write(tmp_path / "clean.md", converted("<p>clean</p>"))
    write(tmp_path / "dirty.md", "<p>dirty</p>")
    assert convert([tmp_path], check=True) == 1
    err = capsys.readouterr().err
    assert err == f"{tmp_path / 'dirty.md'}: would reformat\n1 would change, 1 unchanged\n"
    assert convert([tmp_path], check=True, verbose=True) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'clean.md'}: unchanged\n" in err
    assert f"{tmp_path / 'dirty.md'}: would reformat\n" in err
    assert re.search(r"│ would change +│ +1 │", err)


def test_the_table_on_a_rerun_counts_no_boilerplate_removed(posts, tmp_path, capsys):
    for _ in range(2):
        assert convert([posts], output=tmp_path / "out", stats=True) == 0
    err = capsys.readouterr().err
    first, second = re.split(r"(?m)^article2md *\n", err)[1:]
    assert re.search(r"│ converted +│ +3 │", first)
    assert re.search(r"│ boilerplate removed +│ +0 characters in 3 pieces │", first)
    assert re.search(r"│ unchanged +│ +3 │", second)
    assert re.search(r"│ boilerplate removed +│ +0 characters in 0 pieces │", second)


def test_stats_shows_the_table_even_in_a_pipeline(posts, capsys):
    assert convert([posts / "a.md"], stats=True) == 0
    out, err = capsys.readouterr()
    assert out == converted("<p>alpha</p>")
    assert re.search(r"│ converted +│ +1 │", err)


def test_a_diff_is_coloured_on_request_and_plain_by_default(posts, monkeypatch, capsys):
    assert convert([posts / "a.md"], diff=True) == 1
    assert "\033[" not in capsys.readouterr().out  # stdout is not a terminal here
    assert convert([posts / "a.md"], diff=True, color=True) == 1
    out = capsys.readouterr().out
    assert "\033[32m+alpha\033[0m\n" in out
    assert f"\033[1m--- {posts / 'a.md'}\t(original)\033[0m\n" in out


def test_no_color_and_no_colour_flag_win_over_a_terminal(monkeypatch):
    from cli.talk import wants_colour

    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_colour(None, terminal)
    assert not wants_colour(False, terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(None, terminal)
    assert wants_colour(True, terminal)


# the same result whatever the number of workers


def test_output_is_identical_for_any_number_of_jobs(tmp_path, capsys):
    for i in range(40):
        write(
            tmp_path / "in" / f"{i:02}" / "post.html",
            f"<p>post {i}</p>" + ("BROKEN" if i % 7 == 0 else ""),
        )
    runs = []
    for jobs in (1, 3):
        code = convert([tmp_path / "in"], format="json", jobs=jobs)
        runs.append((code, capsys.readouterr()))
    for jobs in (1, 3):
        convert([tmp_path / "in"], output=tmp_path / f"out{jobs}", jobs=jobs, quiet=True)
    assert runs[0] == runs[1]
    assert runs[0][0] == 123
    assert tree(tmp_path / "out1") == tree(tmp_path / "out3")


# the cache: clean files are not converted again


def test_clean_files_are_not_converted_again_under_check(tmp_path, monkeypatch, capsys):
    for i in range(3):
        write(tmp_path / f"p{i}.md", converted(f"<p>{i}</p>"))
    calls = []

    def counting(text, **kwargs):
        calls.append(kwargs["path"])
        return fake_convert(text, **kwargs)

    def check() -> int:
        return run([str(tmp_path)], Settings(), Options(check=True, jobs=1), convert=counting)

    assert check() == 0
    assert len(calls) == 3
    assert check() == 0
    assert len(calls) == 3  # all three known clean
    write(tmp_path / "p1.md", "<p>changed</p>")
    assert check() == 1
    assert calls[3:] == [str(tmp_path / "p1.md")]


def test_a_same_size_edit_with_its_mtime_put_back_is_seen(tmp_path, capsys):
    """`cp -p` and `touch -r` restore an mtime; the ctime, which only the kernel sets, is
    in the cache's stat too. Before, --check said clean."""
    post = write(tmp_path / "p.md", converted("<p>clean</p>"))
    assert convert([post], check=True) == 0  # known clean from here on
    before = post.stat()
    until_the_clock_moves(tmp_path, before.st_ctime_ns)
    post.write_text(post.read_text().replace("clean", "<p>ab"))  # 5 characters for 5
    assert post.stat().st_size == before.st_size
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert convert([post], check=True) == 1
    assert f"{post}: would reformat" in capsys.readouterr().err


def until_the_clock_moves(folder: Path, past_ns: int) -> None:
    """Until a change now gets a later ctime than `past_ns` (the kernel's file clock ticks
    every few milliseconds): a condition waited for, not a guess at a delay."""
    probe = folder / "clock-probe"
    probe.touch()
    while probe.stat().st_ctime_ns <= past_ns:
        probe.chmod(0o600 if probe.stat().st_mode & 0o077 else 0o644)


@pytest.mark.parametrize(
    "damage",
    ["[" * 100_000, "{", '{"format": 2, "files": []}', '{"format": 2, "files": {"x": 1}}', "\xff"],
    ids=["deeply-nested", "truncated", "wrong-shape", "wrong-entry", "not-utf8"],
)
def test_a_damaged_cache_is_discarded_with_a_warning_and_replaced(tmp_path, capsys, damage):
    post = write(tmp_path / "p.md", converted("<p>clean</p>"))
    assert convert([post], check=True) == 0
    (cache_file,) = Path(os.environ["ARTICLE2MD_CACHE_DIR"]).glob("clean-*.json")
    cache_file.write_bytes(damage.encode("latin-1"))
    capsys.readouterr()
    for warned in (True, False):  # the damaged file is replaced: the next run is quiet
        assert convert([post, write(tmp_path / "q.md", "<p>x</p>")], check=True) == 1
        err = capsys.readouterr().err
        assert (f"{cache_file}: warning: unreadable cache" in err) is warned


def test_the_cache_depends_on_the_settings(tmp_path, capsys):
    write(tmp_path / "p.md", converted("<p>x</p>"))
    from cli.cache import mode_digest

    assert mode_digest(Settings()) != mode_digest(Settings(timezone="Asia/Shanghai"))


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, capsys, private_cache):
    monkeypatch.setenv("ARTICLE2MD_NO_CACHE", "1")
    write(tmp_path / "p.md", converted("<p>x</p>"))
    assert convert([tmp_path / "p.md"], check=True) == 0
    assert os.listdir(private_cache) == []


def test_the_summary_counts_the_boilerplate_removed_in_characters(posts, capsys):
    assert convert([posts / "a.md"], output=posts.parent / "out.md", stats=True) == 0
    # the fake converter removes each <p> as one piece of size 0
    assert re.search(
        r"│ boilerplate removed +│ +0 characters in 1 pieces │", capsys.readouterr().err
    )
