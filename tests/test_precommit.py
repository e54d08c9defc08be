"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a throwaway repository.

pre-commit builds a virtualenv and pip-installs the hook repository into it (so this needs
the package index), then runs the hooks as a user's repository would. The hook repository is
a clone of this checkout's HEAD: what a user would get, and not half-edited files (try-repo
on a dirty work tree would copy its uncommitted changes in).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.test_cli_fakes import tree

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
POSTS = [
    "sina-finance-domestic/brief-example-jilin",
    "cls-telegraph/plain-text-numbered-list",
    "meituan-tech/old-format-h2-list",
    "mastodon-local/emoji-only-multiline-title",
]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = tmp_path_factory.mktemp("hooks") / "article2md"
    git(REPO, "clone", "-q", str(REPO), str(clone))
    return clone


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One pre-commit home for the module, so the hook environment is built once."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    home = tmp_path_factory.mktemp("pre-commit-home")
    cache = tmp_path_factory.mktemp("article2md-cache")
    return {**clean, "PRE_COMMIT_HOME": str(home), "ARTICLE2MD_CACHE_DIR": str(cache)}


@pytest.fixture
def content_repo(tmp_path: Path, env: dict[str, str]) -> Path:
    repo = tmp_path / "blog"
    for post in POSTS:
        dest = repo / "source" / "_posts" / f"{post}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / f"{post}.input.md", dest)
    git(repo.parent, "init", "-q", str(repo))
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "posts")
    return repo


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(
    repo: Path, hooks: Path, hook: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hooks), hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_hook_fixes_posts_and_fails_then_passes_with_no_change(content_repo, hook_repo, env):
    before = tree(content_repo / "source")
    first = try_repo(content_repo, hook_repo, "article2md", env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    fixed = tree(content_repo / "source")
    assert fixed.keys() == before.keys()
    assert all(fixed[name] != before[name] for name in before)
    second = try_repo(content_repo, hook_repo, "article2md", env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert tree(content_repo / "source") == fixed


def test_the_check_hook_fails_naming_the_posts_and_changes_nothing(content_repo, hook_repo, env):
    before = tree(content_repo / "source")
    done = try_repo(content_repo, hook_repo, "article2md-check", env)
    assert done.returncode == 1, done.stdout + done.stderr
    for post in POSTS:
        assert f"source/_posts/{post}.md: would reformat" in done.stdout
    assert tree(content_repo / "source") == before
