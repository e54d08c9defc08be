"""The benchmark corpus: real posts, their HTML bodies, copies on disk, and scaled bodies."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED_POSTS = Path("/work/shared/corpus/posts")
# fixtures/bad holds hostile and broken inputs for the robustness tests, not real posts.
EXCLUDED_FIXTURE_DIRS = ("bad",)


@dataclass(frozen=True)
class Post:
    name: str  # "<source>/<stem>", used to name the copies
    text: str
    body: str  # what a bare HTML converter is given

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))

    @property
    def body_size(self) -> int:
        return len(self.body.encode("utf-8"))


def source_files() -> tuple[str, list[Path]]:
    """Fixture inputs when the repo has them, else the shared corpus."""
    fixtures = [
        p
        for p in sorted(FIXTURES.rglob("*.input.md"))
        if p.relative_to(FIXTURES).parts[0] not in EXCLUDED_FIXTURE_DIRS
    ]
    if fixtures:
        return str(FIXTURES.relative_to(REPO)) + "/**/*.input.md", fixtures
    return str(SHARED_POSTS) + "/**/*.md", sorted(SHARED_POSTS.rglob("*.md"))


def load_posts(paths: list[Path]) -> list[Post]:
    posts = []
    for path in paths:
        text = path.read_text("utf-8")
        stem = path.name.removesuffix(".md").removesuffix(".input")
        posts.append(Post(f"{path.parent.name}/{stem}", text, html_body(text)))
    return posts


def html_body(text: str) -> str:
    """The part after the front matter, with the generator's brace escapes undone."""
    return decode_braces(split_post(text)[1])


def decode_braces(html: str) -> str:
    return html.replace("&#123;", "{").replace("&#125;", "}")


def split_post(text: str) -> tuple[str, str]:
    """(front matter block with its fences, raw body); no front matter gives ("", text)."""
    start = len(text) - len(text.lstrip("\n"))
    if not text.startswith("---", start):
        return "", text
    end = text.find("\n---", start + 3)
    if end == -1:
        return "", text
    cut = text.find("\n", end + 1) + 1 or len(text)
    return text[:cut], text[cut:]


def cycle(posts: list[Post], count: int) -> list[tuple[str, Post]]:
    """`count` (relative path, post) pairs: the posts repeated under distinct names."""
    pairs = zip(range(count), itertools.cycle(posts), strict=False)
    return [(f"{post.name}-{i:05d}.md", post) for i, post in pairs]


def write_tree(root: Path, copies: list[tuple[str, Post]]) -> int:
    """Write the copies under `root`; return the bytes written."""
    total = 0
    for relative, post in copies:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(post.text, "utf-8")
        total += post.size
    return total


def scaled_post(posts: list[Post], target_bytes: int, unit_bytes: int = 0) -> Post:
    """One post whose body is real HTML bodies concatenated up to `target_bytes`; with
    `unit_bytes`, the bodies that first fill that many bytes, over and over (every size then
    holds the same mix, so its time per MB shows how the work grows, not what it holds)."""
    html_posts = [p for p in posts if "<p" in p.body or "<img" in p.body]
    head = split_post(html_posts[0].text)[0]
    if unit_bytes:
        html_posts = html_posts[: len(_bodies_up_to(html_posts, unit_bytes))]
    parts = _bodies_up_to(html_posts, target_bytes)
    raw = "<div>\n" + "\n".join(parts) + "\n</div>\n"
    return Post(f"scaled/{target_bytes}", head + "\n" + raw, decode_braces(raw))


def _bodies_up_to(html_posts: list[Post], target_bytes: int) -> list[str]:
    """The posts' bodies, cycled, until they hold `target_bytes`."""
    parts: list[str] = []
    size = 0
    for post in itertools.cycle(html_posts):
        inner = unwrap_div(split_post(post.text)[1])
        parts.append(inner)
        size += len(inner.encode("utf-8")) + 1
        if size >= target_bytes:
            return parts
    return parts


def unwrap_div(body: str) -> str:
    """Drop the generator's outer <div> so concatenated bodies do not nest wrappers."""
    inner = body.strip()
    if inner.startswith("<div>") and inner.endswith("</div>"):
        return inner[len("<div>") : -len("</div>")].strip()
    return inner
