"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself on a throwaway repository.

The repository looks like a real site: .html templates in _layouts/ and _includes/, a
hand-written README, scraped posts (one of them .html) and a post named like an option.

pre-commit builds a virtualenv and pip-installs the hook repository into it (so this needs
the package index), then runs the hooks as a user's repository would. The hook repository is
a clone of this checkout's HEAD: what a user would get, and not half-edited files (try-repo
on a dirty work tree would copy its uncommitted changes in).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text("utf-8")
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


# A Jekyll/Hexo-like site: templates are .html, the README is hand-written Markdown.
SITE = {
    "_layouts/default.html": "<html>{% include head.html %}<body>{{ content }}</body></html>\n",
    "_includes/head.html": '<head><meta charset="utf-8"><title>{{ page.title }}</title></head>\n',
    "source/index.html": "<h1>{{ site.title }}</h1>\n<p>Posts: {{ site.posts | size }}</p>\n",
    "README.md": "# My blog\n\nThe *source* of my blog. Run `hexo server`.\n",
}
SCRAPED_HTML_POST = "<h1>A scraped post</h1>\n<p>　　Its body, <b>bold</b> in places.</p>\n"
DASH_POST = "-dash.md"  # a file name that looks like an option


@pytest.fixture
def content_repo(tmp_path: Path, env: dict[str, str]) -> Path:
    repo = tmp_path / "blog"
    for post in POSTS:
        dest = repo / "source" / "_posts" / f"{post}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / f"{post}.input.md", dest)
    shutil.copyfile(FIXTURES / f"{POSTS[0]}.input.md", repo / DASH_POST)
    (repo / "source" / "_posts" / "scraped.html").write_text(SCRAPED_HTML_POST, "utf-8")
    for name, text in SITE.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    git(repo.parent, "init", "-q", str(repo))
    commit(repo, "site and posts")
    return repo


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message)


def try_repo(
    repo: Path, hooks: Path, hook: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """The hook as the manifest defines it, over every file (no `files:` of the user's)."""
    return pre_commit(repo, env, "try-repo", str(hooks), hook)


def readme_config(label: str, hooks: Path) -> str:
    """A .pre-commit-config.yaml from the README, pointed at the clone's HEAD."""
    match = re.search(rf"<!-- {label} -->\n```yaml\n(.*?)```", README, re.DOTALL)
    assert match, f"README has no config marked {label}"
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, check=True, capture_output=True, text=True
    ).stdout.strip()
    config = re.sub(r"(?m)^(\s*- repo: )\S+", rf"\g<1>{hooks}", match.group(1))
    return re.sub(r"(?m)^(\s*rev: )\S+", rf"\g<1>{rev}", config)


def run_with_config(
    repo: Path, config: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """The hooks as a user's .pre-commit-config.yaml sets them up."""
    (repo / ".pre-commit-config.yaml").write_text(config, "utf-8")
    commit(repo, "pre-commit config")
    return pre_commit(repo, env, "run")


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), *args, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def files(repo: Path) -> dict[str, str]:
    """The work tree (not .git/): relative path -> text."""
    return {
        path.relative_to(repo).as_posix(): path.read_text("utf-8")
        for path in repo.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(repo).parts
    }


def site(repo: Path) -> dict[str, str]:
    return {name: (repo / name).read_text("utf-8") for name in SITE}


def test_the_readme_configs_run_the_markdown_hook_on_the_posts_folder(hook_repo):
    for label, posts in (("pre-commit-hexo", "^source/_posts/"), ("pre-commit-jekyll", "^_posts/")):
        config = readme_config(label, hook_repo)
        hook = rf"- id: article2md[ \t]*(#.*)?\n[ \t]+files: {re.escape(posts)}\n"
        assert re.search(hook, config), config


def test_the_hook_cleans_markdown_leaves_html_templates_alone_then_passes(
    content_repo, hook_repo, env
):
    """Issue 9: `try-repo ... article2md --all-files` in a Jekyll-like repo, no `files:`."""
    before = files(content_repo)
    first = try_repo(content_repo, hook_repo, "article2md", env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    fixed = files(content_repo)
    assert fixed.keys() == before.keys()  # nothing renamed, nothing deleted, nothing added
    for post in [*(f"source/_posts/{post}.md" for post in POSTS), DASH_POST]:
        assert fixed[post] != before[post], post
    html = [name for name in before if name.endswith(".html")]
    assert len(html) == 4
    assert all(fixed[name] == before[name] for name in html)
    second = try_repo(content_repo, hook_repo, "article2md", env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert files(content_repo) == fixed


def test_the_check_hook_names_each_post_even_one_named_like_an_option_and_changes_nothing(
    content_repo, hook_repo, env
):
    before = files(content_repo)
    done = try_repo(content_repo, hook_repo, "article2md-check", env)
    assert done.returncode == 1, done.stdout + done.stderr
    for post in [*(f"source/_posts/{post}.md" for post in POSTS), DASH_POST]:
        assert f"{post}: would reformat" in done.stdout
    assert files(content_repo) == before


def test_the_readme_config_for_hexo_cleans_posts_and_turns_html_posts_into_markdown(
    content_repo, hook_repo, env
):
    before = files(content_repo)
    done = run_with_config(content_repo, readme_config("pre-commit-hexo", hook_repo), env)
    assert done.returncode == 1, done.stdout + done.stderr
    after = files(content_repo)
    assert site(content_repo) == SITE
    assert after[DASH_POST] == before[DASH_POST]  # outside source/_posts/
    assert "source/_posts/scraped.html" not in after
    assert "A scraped post" in after["source/_posts/scraped.md"]
    for post in POSTS:
        name = f"source/_posts/{post}.md"
        assert after[name] != before[name]


@pytest.fixture
def handwritten_repo(tmp_path: Path) -> Path:
    """A content repository of hand-written posts: Hexo, Jekyll and Hugo, CRLF and TOML."""
    repo = tmp_path / "site"
    source = FIXTURES / "handwritten"
    for post in sorted(source.rglob("*")):
        if post.suffix in (".md", ".markdown") and post.name != "README.md":
            dest = repo / "content" / post.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(post, dest)
    git(repo.parent, "init", "-q", str(repo))
    commit(repo, "posts")
    return repo


@pytest.mark.parametrize("hook", ["article2md", "article2md-check"])
def test_the_hook_over_hand_written_posts_passes_and_changes_no_byte(
    handwritten_repo, hook_repo, env, hook
):
    before = contents(handwritten_repo / "content")
    done = try_repo(handwritten_repo, hook_repo, hook, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
    assert contents(handwritten_repo / "content") == before


def contents(root: Path) -> dict[str, bytes]:
    """Every file's bytes (a CRLF turned LF shows)."""
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*.*")}
