"""Writing files: temp names that fit, temp files a killed run left, owners, modes, links."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from cli import writing
from cli.options import Options
from cli.run import run
from cli.writing import TEMP_NAME, atomic_write, remove_stale_temporaries
from converters.document import Settings
from tests.conftest import write
from tests.test_cli_fakes import converted, fake_convert, private_cache

__all__ = ["private_cache"]


def convert(paths: list[Path], **options: object) -> int:
    return run([str(p) for p in paths], Settings(), Options(**options), convert=fake_convert)  # type: ignore[arg-type]


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def dead_pid() -> int:
    """A process id that no process has now: one that has just ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


# temp names


@pytest.mark.parametrize("name", ["a" * 252 + ".md", "标" * 84 + ".md"], ids=["ascii", "cjk"])
def test_a_name_of_255_bytes_is_written_in_place(tmp_path, name, capsys):
    """The temp name added 15 bytes to the target's: 242 to 255-byte names failed with
    "File name too long"."""
    assert len(name.encode()) == 255
    post = write(tmp_path / name, "<p>long</p>")
    assert convert([post], in_place=True) == 0
    assert post.read_text() == converted("<p>long</p>")
    assert leftovers(tmp_path) == []


def test_temp_names_say_whose_they_are(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching(src, dst):
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watching)
    atomic_write(tmp_path / "post.md", b"text")
    (name,) = seen
    match = TEMP_NAME.fullmatch(name)
    assert match and int(match.group(1)) == os.getpid()
    assert name.startswith(".post.md~")


# temp files a killed run left


def test_a_temp_file_a_killed_run_left_is_removed_by_the_next_run(tmp_path, capsys):
    post = write(tmp_path / "posts" / "a.md", "<p>alpha</p>")
    stale = write(tmp_path / "posts" / f".a.md~{dead_pid()}-abcd1234.article2md.tmp", "half")
    running = write(tmp_path / "posts" / f".a.md~{os.getpid()}-abcd1234.article2md.tmp", "mine")
    assert convert([tmp_path / "posts"], in_place=True) == 0
    assert not stale.exists()
    assert running.exists()  # a live process's temp file is never touched
    assert post.read_text() == converted("<p>alpha</p>")
    assert f"{stale}: removed, a temporary file a killed run left" in capsys.readouterr().err


def test_a_temp_file_of_an_earlier_version_is_named_not_removed(tmp_path, capsys):
    write(tmp_path / "a.md", "<p>alpha</p>")
    old = write(tmp_path / ".a.md.x1y2z3_q.tmp", "half")  # what tempfile.mkstemp made
    other = write(tmp_path / ".notes.txt.x1y2z3_q.tmp", "someone else's")
    assert convert([tmp_path / "a.md"], in_place=True) == 0
    assert old.exists() and other.exists()
    err = capsys.readouterr().err
    assert f"{old}: warning: a temporary file an earlier version left?" in err
    assert "notes.txt" not in err


def test_stale_temp_files_are_left_alone_by_check(tmp_path, capsys):
    write(tmp_path / "a.md", "<p>alpha</p>")
    stale = write(tmp_path / f".a.md~{dead_pid()}-abcd1234.article2md.tmp", "half")
    assert convert([tmp_path], check=True) == 1
    assert stale.exists()


def test_remove_stale_temporaries_on_a_missing_folder_finds_nothing(tmp_path):
    assert remove_stale_temporaries(tmp_path / "nowhere") == ([], [])


# owner, group and mode of a replaced file


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_in_place_as_root_keeps_owner_and_group(tmp_path, capsys):
    post = write(tmp_path / "a.md", "<p>alpha</p>")
    page = write(tmp_path / "b.html", "<p>beta</p>")
    for path in (post, page):
        os.chown(path, 1234, 5678)
    assert convert([post, page], in_place=True) == 0
    for path in (post, tmp_path / "b.md"):
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (1234, 5678), path.name


def test_a_user_who_may_not_give_a_file_away_keeps_at_least_the_group(tmp_path, monkeypatch):
    """What the first chown of a non-root user gets (EPERM), and the fallback it takes."""
    calls = []

    def chown(path, uid, gid):
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    monkeypatch.setattr(writing, "_owner_for", lambda dest, like: (4321, 8765))
    atomic_write(tmp_path / "post.md", b"text")
    assert calls == [(4321, 8765), (-1, 8765)]
    assert (tmp_path / "post.md").read_bytes() == b"text"


def test_in_place_replaces_a_read_only_file_keeps_its_mode_and_says_so(tmp_path, capsys):
    post = write(tmp_path / "a.md", "<p>alpha</p>")
    post.chmod(0o444)
    assert convert([post], in_place=True) == 0
    assert post.read_text() == converted("<p>alpha</p>")
    assert stat.S_IMODE(post.stat().st_mode) == 0o444
    err = capsys.readouterr().err
    assert f"{post}: converted (it was read-only: replaced, mode kept)" in err


def test_in_place_splits_a_hard_link_and_says_so(tmp_path, capsys):
    post = write(tmp_path / "a.md", "<p>alpha</p>")
    other = tmp_path / "elsewhere.txt"
    os.link(post, other)
    assert convert([post], in_place=True) == 0
    assert post.read_text() == converted("<p>alpha</p>")
    assert other.read_text() == "<p>alpha</p>"  # the other name keeps the old text
    err = capsys.readouterr().err
    assert f"{post}: converted (its 1 other hard link keeps the old text)" in err


# --in-place on x.html: x.md is written where no file is, then x.html goes


def test_a_run_stopped_between_writing_x_md_and_removing_x_html_is_finished(tmp_path, capsys):
    """Every rerun used to refuse ("x.md exists") until the user deleted one of them."""
    page = write(tmp_path / "posts" / "x.html", "<p>ex</p>")
    done = write(tmp_path / "posts" / "x.md", converted("<p>ex</p>"))
    assert convert([tmp_path / "posts"], in_place=True) == 0
    assert not page.exists()
    assert done.read_text() == converted("<p>ex</p>")
    err = capsys.readouterr().err
    assert f"{page}: converted to {done} (finishing an interrupted run:" in err


def test_x_md_of_other_content_is_never_replaced_by_x_html(tmp_path, capsys):
    page = write(tmp_path / "posts" / "x.html", "<p>ex</p>")
    mine = write(tmp_path / "posts" / "x.md", "mine\n")
    assert convert([page], in_place=True) == 123
    assert (page.read_text(), mine.read_text()) == ("<p>ex</p>", "mine\n")
    assert (
        f"{page}: error: output: {mine} exists and would be overwritten" in capsys.readouterr().err
    )


def test_without_clobber_an_existing_file_is_never_replaced(tmp_path):
    """The check and the write are one step (a hard link), so a file that appears between
    planning and writing is not lost either."""
    existing = write(tmp_path / "x.md", "theirs")
    with pytest.raises(FileExistsError):
        atomic_write(existing, b"ours", clobber=False)
    assert existing.read_text() == "theirs"
    assert leftovers(tmp_path) == []
    atomic_write(tmp_path / "y.md", b"ours", clobber=False)
    assert (tmp_path / "y.md").read_bytes() == b"ours"
    assert (tmp_path / "y.md").stat().st_nlink == 1
