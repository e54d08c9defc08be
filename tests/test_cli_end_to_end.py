"""The installed `article2md` command, run as users run it: a folder, a pipe, a repo in place."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from converters import convert
from tests.conftest import FIXTURES
from tests.test_cli_fakes import tree

COMMAND = Path(sys.executable).with_name("article2md")
POSTS = sorted(FIXTURES.glob("*/*.input.md"))
SAMPLE = FIXTURES / "sina-finance-domestic" / "brief-example-jilin.input.md"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "ARTICLE2MD_"))}
    return {**clean, "ARTICLE2MD_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}


def article2md(
    *args: object, env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The fixture posts laid out as a Hexo site: source/_posts/<feed>/<name>.md."""
    root = tmp_path / "site"
    for post in POSTS:
        dest = root / "source" / "_posts" / post.parent.name / post.name.replace(".input", "")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(post, dest)
    return root


def posts_of(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


# batch: a folder mirrored into another


def test_folder_to_folder_matches_the_library_and_reruns_change_nothing(site, tmp_path, env):
    first = article2md("convert", site / "source", "-o", tmp_path / "out", env=env)
    assert (first.returncode, first.stdout) == (0, ""), first.stderr
    assert first.stderr == f"{len(POSTS)} converted\n"
    for post in posts_of(site / "source"):
        out = tmp_path / "out" / post.relative_to(site / "source")
        assert out.read_text("utf-8") == convert(post.read_text("utf-8"), path=str(post)).text
    second = article2md("convert", site / "source", "-o", tmp_path / "out", env=env)
    assert (second.returncode, second.stdout) == (0, "")
    assert second.stderr == f"{len(POSTS)} unchanged\n"
    third = article2md("convert", site / "source", "-o", tmp_path / "out", "--quiet", env=env)
    assert (third.returncode, third.stdout, third.stderr) == (0, "", "")


def test_results_do_not_depend_on_the_number_of_workers(site, tmp_path, env):
    for jobs in (1, 2):
        done = article2md("convert", site, "-o", tmp_path / f"j{jobs}", "-j", jobs, "-q", env=env)
        assert done.returncode == 0, done.stderr
    assert tree(tmp_path / "j1") == tree(tmp_path / "j2")


# pipes: stdin to stdout, JSON Lines, a reader that stops early


def test_stdin_to_stdout_prints_only_the_document(env):
    text = SAMPLE.read_text("utf-8")
    done = article2md("convert", "-", input=text, env=env)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout == convert(text).text


def test_json_lines_feed_other_programs(site, env):
    done = article2md("convert", "--format", "json", site, env=env)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == len(POSTS)
    assert all(set(r) >= {"path", "metadata", "markdown", "removed", "warnings"} for r in records)
    jilin = next(r for r in records if r["path"].endswith("brief-example-jilin.md"))
    assert jilin["metadata"]["date"] == "2022-03-25T15:05:43+00:00"
    assert jilin["markdown"].startswith("吉林省疫情形势仍然严峻复杂。")


def test_a_reader_that_stops_early_causes_no_traceback_and_no_success(site, env):
    with subprocess.Popen(
        [str(COMMAND), "convert", "--format", "json", "-j", "1", str(site)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # what `| head -c 100` does
        err = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert code == 141  # as shells report a writer killed by SIGPIPE: not everything was read


# pre-commit and CI: --check, --diff, --in-place on a whole repo


def test_check_names_every_file_that_would_change_and_writes_nothing(site, env):
    before = tree(site)
    done = article2md("convert", "--check", site, env=env)
    assert done.returncode == 1
    named = {
        line.removesuffix(": would reformat")
        for line in done.stderr.splitlines()
        if line.endswith(": would reformat")
    }
    assert named == {str(p) for p in posts_of(site)}
    assert tree(site) == before


def test_diff_is_a_patch_that_applies(site, tmp_path, env):
    post = posts_of(site)[0]
    original = post.read_text("utf-8")
    done = article2md("convert", "--diff", post, env=env)
    assert done.returncode == 1
    assert post.read_text("utf-8") == original
    patch = tmp_path / "change.diff"
    patch.write_text(done.stdout, "utf-8")
    subprocess.run(["patch", "-s", str(post), str(patch)], check=True)
    assert post.read_text("utf-8") == convert(original, path=str(post)).text


def test_in_place_over_the_whole_corpus_is_idempotent(site, env):
    first = article2md("convert", "--in-place", site, env=env)
    assert first.returncode == 0, first.stderr
    converted = tree(site)
    second = article2md("convert", "--in-place", site, env=env)
    assert second.returncode == 0, second.stderr
    assert ": converted" not in second.stderr
    assert tree(site) == converted
    assert article2md("convert", "--check", site, env=env).returncode == 0


def test_ctrl_c_mid_batch_leaves_every_file_whole_and_no_temp_file(tmp_path, env):
    originals = {}
    for copy in range(8):
        for post in POSTS:
            dest = tmp_path / "site" / str(copy) / post.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            originals[dest] = post.read_text("utf-8")
            shutil.copyfile(post, dest)
    with subprocess.Popen(
        [str(COMMAND), "convert", "--in-place", "-j", "2", str(tmp_path / "site")],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline()  # the first file written
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
        err = first + process.stderr.read()
        code = process.wait(timeout=120)
    assert code == 130, err
    assert "Traceback" not in err
    assert not [p for p in (tmp_path / "site").rglob("*") if p.name.endswith(".tmp")]
    done = 0
    for path, text in originals.items():
        now = path.read_text("utf-8")
        if now != text:
            assert now == convert(text, path=str(path)).text
            done += 1
    assert 0 < done < len(originals)


def test_a_binary_file_fails_alone_with_one_line(site, env):
    (site / "source" / "_posts" / "cover.md").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    done = article2md("convert", "--in-place", "-q", site, env=env)
    assert done.returncode == 123
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"{site / 'source' / '_posts' / 'cover.md'}: error: ")
    assert "Traceback" not in done.stderr


def test_version_and_help(env):
    version = article2md("--version", env=env)
    assert version.returncode == 0 and version.stdout.startswith("article2md ")
    helped = article2md("convert", "--help", env=env)
    assert "123" in helped.stdout and "--check" in helped.stdout


def test_inspect_shows_rules_metadata_and_removals_as_json(env):
    done = article2md("inspect", SAMPLE, "--json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["metadata"]["editor"] == "王珊珊"
    assert data["site_rules"]
    assert data["removed"]
