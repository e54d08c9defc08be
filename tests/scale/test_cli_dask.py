"""`convert --dask ADDRESS`: the local run's output, exit codes and report, computed on Dask."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli.options import Options
from cli.run import run
from converters.document import Settings
from tests.conftest import FIXTURES
from tests.scale.fakes import DIE_ONCE, convert_or_die_once
from tests.test_cli_fakes import tree

SOURCES = [p for p in sorted(FIXTURES.glob("*/*.input.md")) if p.parent.name != "bad"]


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    root = tmp_path / "posts"
    for source in SOURCES:
        dest = root / source.parent.name / source.name.replace(".input", "")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return root


def on_dask(client: object, **fields: object) -> Options:
    return Options(dask=client.scheduler.address, **fields)  # type: ignore[attr-defined]


def test_the_output_tree_is_byte_identical_to_a_local_parallel_run(dask_client, posts, tmp_path):
    assert run([str(posts)], Settings(), Options(output=tmp_path / "local", jobs=2)) == 0
    assert run([str(posts)], Settings(), on_dask(dask_client, output=tmp_path / "dask")) == 0
    local, remote = tree(tmp_path / "local"), tree(tmp_path / "dask")
    assert len(remote) == len(SOURCES) and remote == local


def test_a_rerun_finds_every_output_written_and_says_unchanged(dask_client, posts, tmp_path):
    out, report = tmp_path / "out", tmp_path / "report.json"
    assert run([str(posts)], Settings(), on_dask(dask_client, output=out)) == 0
    assert run([str(posts)], Settings(), on_dask(dask_client, output=out, report=report)) == 0
    counts = json.loads(report.read_text("utf-8"))["counts"]
    assert counts["unchanged"] == len(SOURCES) and counts["converted"] == 0


def test_a_failing_file_fails_alone_with_exit_123_and_its_reason(dask_client, posts, capsys):
    (posts / "broken.md").write_text("---\ntitle: never closed\n", "utf-8")
    before = tree(posts)
    code = run([str(posts)], Settings(), on_dask(dask_client, in_place=True))
    assert code == 123
    err = capsys.readouterr().err
    assert f"{posts / 'broken.md'}: error: read: front matter starts with '---'" in err
    assert tree(posts)["broken.md"] == before["broken.md"]
    changed = [name for name, text in tree(posts).items() if text != before[name]]
    assert len(changed) == len(SOURCES)  # every other post was converted where it is


def test_check_names_what_would_change_and_writes_nothing(dask_client, posts, capsys):
    before = tree(posts)
    assert run([str(posts)], Settings(), on_dask(dask_client, check=True)) == 1
    assert tree(posts) == before
    assert capsys.readouterr().err.count(": would reformat") == len(SOURCES)


def test_a_worker_that_dies_is_retried_and_the_report_says_so(dask_client, posts, tmp_path):
    marker, report = tmp_path / "died", tmp_path / "report.json"
    victim = posts / "victim.md"
    victim.write_text(f"---\ntitle: V\n---\n\n<p>text {DIE_ONCE}{marker} --></p>\n", "utf-8")
    options = on_dask(dask_client, output=tmp_path / "out", report=report)
    assert run([str(posts)], Settings(), options, convert=convert_or_die_once) == 0
    assert marker.exists()  # a worker did die
    data = json.loads(report.read_text("utf-8"))
    assert data["counts"]["converted"] == len(SOURCES) + 1
    assert data["retried"] and all(entry.startswith("files ") for entry in data["retried"])
