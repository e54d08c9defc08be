"""The installed `article2md` command: batch jobs, peak memory, --check, start-up."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import Post
from benchmarks.timing import Measurement, ProcessRun, run_process

# Exit codes the CLI documents for a run that went through: 0 done, 1 --check found work,
# 123 some files failed (counted, the rest were done).
COMPLETED = (0, 1, 123)


@dataclass(frozen=True)
class Cli:
    argv: tuple[str, ...]
    work: Path  # scratch folder for outputs and caches

    def run(
        self, *args: str | Path, cache: Path, cwd: Path | None = None, stdin: Path | None = None
    ) -> ProcessRun:
        return run_process([*self.argv, *map(str, args)], env=_env(cache), cwd=cwd, stdin=stdin)

    def scratch(self, name: str) -> Path:
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        return path


def _env(cache: Path) -> dict[str, str]:
    """A private cache per measurement, so 'cold' is cold and the user's cache is untouched."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache)
    env["ARTICLE2MD_CACHE_DIR"] = str(cache / "article2md")
    env.pop("FORCE_COLOR", None)
    return env


def find_cli(work: Path) -> Cli | str:
    """The command next to this interpreter (the project venv), or why it cannot be used."""
    exe = Path(sys.executable).with_name("article2md")
    found = str(exe) if exe.exists() else shutil.which("article2md")
    if found is None:
        return "article2md command not installed"
    cli = Cli((found,), work)
    probe = cli.run("convert", "--help", cache=work / "probe-cache")
    if probe.returncode != 0:
        return f"`article2md convert --help` exits {probe.returncode}: {_last_line(probe)}"
    return cli


def _last_line(run: ProcessRun) -> str:
    lines = (run.stderr or run.stdout).strip().splitlines()
    return lines[-1][:200] if lines else "(no output)"


def _record(row: Measurement, run: ProcessRun) -> bool:
    """Add a run to the row; False (row marked n/a) if the command did not go through."""
    if run.returncode not in COMPLETED:
        row.fail(f"exit {run.returncode}: {_last_line(run)}")
        return False
    row.runs.append(run.seconds)
    row.extra.setdefault("max_rss_kib", []).append(run.max_rss_kib)
    row.extra.setdefault("cpu_s", []).append(run.cpu_seconds)
    row.extra.setdefault("exit_codes", []).append(run.returncode)
    row.extra["error_lines"] = run.stderr.count(": error:")
    return True


def measure_batch(
    cli: Cli | str, tree: Path, size: int, reps: dict[int, int]
) -> tuple[list[Measurement], Path | None]:
    """Convert the tree into a fresh folder per run, alternating --jobs values; `reps` maps
    jobs to runs. Returns the rows and one kept output folder (clean files for --check)."""
    files = sum(1 for p in tree.rglob("*.md"))
    rows = {
        jobs: Measurement(f"cli_{files}_jobs{jobs}", f"CLI convert {files:,} files --jobs {jobs}")
        for jobs in reps
    }
    for row in rows.values():
        row.files, row.size = files, size
    if isinstance(cli, str):
        return [row.fail(cli) for row in rows.values()], None
    kept = None
    for rep in range(max(reps.values())):
        for jobs, row in rows.items():
            if rep < reps[jobs] and not row.reason:
                out = _convert_tree(cli, tree, row, jobs)
                kept = kept or _keep(out, row)
                shutil.rmtree(out, ignore_errors=True)
    return list(rows.values()), kept


def _convert_tree(cli: Cli, tree: Path, row: Measurement, jobs: int) -> Path:
    out = cli.scratch(f"out-{row.key}")
    cache = cli.scratch(f"cache-{row.key}")
    run = cli.run("convert", tree, "-o", out, "--jobs", str(jobs), cache=cache)
    if _record(row, run):
        row.extra["outputs"] = sum(1 for p in out.rglob("*") if p.is_file())
    shutil.rmtree(cache, ignore_errors=True)
    return out


def _keep(out: Path, row: Measurement) -> Path | None:
    if row.reason or not out.exists():
        return None
    kept = out.with_name(out.name + "-clean")
    shutil.rmtree(kept, ignore_errors=True)
    return out.rename(kept)


def measure_check(cli: Cli | str, clean: Path | None, files: int, reps: int) -> list[Measurement]:
    """`convert --check` over `files` converted files: cold (fresh cache) and warm (second run)."""
    label = f"CLI convert --check, {files:,} clean files"
    cold = Measurement(f"check_{files}_cold", label + ", cold cache", files)
    warm = Measurement(f"check_{files}_warm", label + ", warm cache", files)
    if isinstance(cli, str):
        return [cold.fail(cli), warm.fail(cli)]
    if clean is None or not any(clean.rglob("*.md")):
        reason = "no converted output to check (the convert run did not complete)"
        return [cold.fail(reason), warm.fail(reason)]
    warm_cache = cli.scratch("cache-check-warm")
    cli.run("convert", clean, "--check", cache=warm_cache)  # fills the cache, not timed
    for _ in range(reps):
        _check(cold, cli.run("convert", clean, "--check", cache=cli.scratch("cache-check-cold")))
        _check(warm, cli.run("convert", clean, "--check", cache=warm_cache))
    return [cold, warm]


def _check(row: Measurement, run: ProcessRun) -> None:
    if _record(row, run):
        # Already-clean output that --check would still change means conversion is not stable.
        row.extra["would_change_lines"] = run.stderr.count("would")


def measure_startup(cli: Cli | str, small: Post, work: Path, reps: int) -> list[Measurement]:
    """Wall time of one small conversion, from a file and from a pipe, beside the
    interpreter's own start-up for scale."""
    label = f"CLI convert one small file ({small.size} B)"
    command = Measurement("startup_cli", label, 1, small.size)
    piped = Measurement("startup_cli_stdin", "CLI convert - (the same file on stdin)", 1)
    piped.size = small.size
    python = Measurement("startup_python", "python -c pass (interpreter alone)", 1)
    library = Measurement("startup_import", "python -c 'import converters'", 1)
    if isinstance(cli, str):
        command.fail(cli)
        piped.fail(cli)
    target = work / "startup" / "small.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(reps):
        _record(python, run_process([sys.executable, "-c", "pass"]))
        _record(library, run_process([sys.executable, "-c", "import converters"]))
        if isinstance(cli, Cli) and not command.reason:
            target.write_text(small.text, "utf-8")  # in case the command rewrote it
            cache = cli.scratch("cache-startup")
            _record(command, cli.run("convert", target, cache=cache))
            _record(piped, cli.run("convert", "-", cache=cache, stdin=target))
    return [command, piped, python, library]
