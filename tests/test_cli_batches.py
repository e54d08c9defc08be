"""Runs go a batch at a time and keep little per file; none of that may change what they do."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli.destinations
import cli.run
from cli.options import Options
from cli.report import Outcome, Report
from cli.run import run
from converters.document import Settings
from tests.conftest import write
from tests.test_cli_fakes import fake_convert, private_cache, tree

__all__ = ["private_cache"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Posts with every kind of clash a plan refuses, spread so batches of 2 split them."""
    root = tmp_path / "site"
    for number in range(9):
        write(root / f"{number}.md", f"<p>post {number}</p>")
    write(root / "news" / "a.html", "<p>a as html</p>")  # a.html and a.htm: the same a.md
    write(root / "news" / "a.htm", "<p>a as htm</p>")
    write(root / "news" / "b.html", "<p>b as html</p>")  # b.html beside b.md: -o clash
    write(root / "news" / "b.md", "<p>b as md</p>")
    write(root / "news" / "c.md", "<p>BROKEN</p>")
    write(root / "z" / "last.html", "<p>last</p>")
    return root


def outcome_of(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], **options: object
) -> tuple[int, dict[str, str], list[str], str]:
    work = tmp_path / "work"
    if work.exists():
        import shutil

        shutil.rmtree(work)
    copy = work / "site"
    for path, text in tree(site).items():
        write(copy / path, text)
    report = work / "report.json"
    if "output" in options:
        options["output"] = work / "out"
    code = run(
        [str(copy)],
        Settings(),
        Options(report=report, **options),  # type: ignore[arg-type]
        convert=fake_convert,
    )
    err = capsys.readouterr().err.replace(str(work), "WORK")
    return (
        code,
        tree(work / ("out" if "output" in options else "site")),
        err.splitlines(),
        (report.read_text().replace(str(work), "WORK")),
    )


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "mode",
    [{"output": "out"}, {"in_place": True}, {"check": True}],
    ids=["output-folder", "in-place", "check"],
)
def test_batches_of_two_do_what_one_batch_does(site, tmp_path, capsys, monkeypatch, jobs, mode):
    whole = outcome_of(site, tmp_path, capsys, jobs=jobs, **mode)
    monkeypatch.setattr(cli.run, "BATCH", 2)
    assert outcome_of(site, tmp_path, capsys, jobs=jobs, **mode) == whole
    assert whole[0] == 123


def test_clashes_are_refused_across_batches(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli.run, "BATCH", 2)
    code, outputs, err, _ = outcome_of(site, tmp_path, capsys, output="out")
    assert code == 123
    assert "news/a.md" not in outputs and "news/b.md" not in outputs
    clashes = [line for line in err if "would be written to the same file" in line]
    assert len(clashes) == 4  # a.html, a.htm, b.html, b.md: each named, none written


def test_a_hash_collision_costs_an_exact_look_never_a_refusal(site, tmp_path, capsys, monkeypatch):
    honest = outcome_of(site, tmp_path, capsys, output="out")
    monkeypatch.setattr(cli.destinations, "hash", lambda value: 7, raising=False)
    assert outcome_of(site, tmp_path, capsys, output="out") == honest


def test_without_a_report_file_no_record_per_file_is_kept():
    report = Report(keep_files=False)
    for status in ("converted", "unchanged", "unchanged", "failed"):
        report.add(Outcome("p.md", status, removed=2, bytes_in=10, bytes_out=5))  # type: ignore[arg-type]
    assert report.outcomes == []
    assert report.counts() == {
        "converted": 1,
        "would change": 0,
        "unchanged": 2,
        "failed": 1,
        "skipped": 0,
    }
    assert report.exit_code() == 123
    assert (report.changed["pieces"], report.changed["bytes_in"]) == (2, 10)
