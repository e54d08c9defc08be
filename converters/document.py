"""The small objects that flow through the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

BodyKind = Literal["html", "markdown", "text"]
FrontFormat = Literal["yaml", "toml", "json"]
# auto: keep the front matter of a Markdown body as written, normalize that of a converted one
FrontMatterMode = Literal["auto", "keep", "normalize"]


class IsoDate(str):
    """A date already in ISO 8601 form, written as a plain YAML timestamp."""


@dataclass(frozen=True)
class Settings:
    """What the user chose; frozen so it can key a cache and cross process boundaries."""

    timezone: str | None = None  # IANA name; None keeps zone-less dates zone-less
    rule_paths: tuple[Path, ...] = ()  # user rule files or folders, overriding built-ins
    site_rules: bool = True  # False: the generic pass only
    max_input_bytes: int = 64 * 1024 * 1024
    max_seconds: float = 120.0  # per file, enforced by the command line; 0 = no limit
    base_url: str | None = None  # where a page was saved from: relative links resolve to it
    front_matter: FrontMatterMode = "auto"


@dataclass(frozen=True)
class Removal:
    """One piece of boilerplate taken out: which rule, what kind of thing, a text excerpt."""

    rule: str
    what: str
    excerpt: str = ""
    size: int = 0  # characters of HTML taken out


@dataclass(frozen=True)
class ParsedBody:
    """The cleaned body as the lxml tree clean built, so that the stages after it need not parse
    `html` again. It stands for `Document.html` only while `html` is this very string object:
    a stage that writes a new `html` leaves the tree behind, and its readers parse instead."""

    html: str  # root's content serialized
    root: Any  # lxml.etree._Element; lxml ships no types


@dataclass(frozen=True)
class Document:
    source: str  # path or "-", for messages
    front_matter: Mapping[str, object]  # the input's keys, decoded, in input order
    body: str  # the input body (HTML, Markdown or plain text)
    body_kind: BodyKind = "html"
    front_format: FrontFormat | None = None  # None: the input has no front matter
    front_text: str = ""  # the front matter block exactly as written, fences included
    newline: str = "\n"  # the input's line ending; a post kept as written gets it back
    # A converted body's template tags, swapped for placeholder words until write puts them back
    templates: Mapping[str, str] = field(default_factory=dict)
    # Top-level front-matter scalars as written, so a title `1.50` or `yes` stays that text.
    written: Mapping[str, str] = field(default_factory=dict)
    metadata: Mapping[str, object] = field(default_factory=dict)  # normalized, canonical order
    html: str = ""  # body after boilerplate removal
    markdown: str = ""  # set by to_markdown, tidied by normalize_markdown
    output: str = ""  # the whole written document
    site_rules: tuple[str, ...] = ()  # names of the rules that matched
    removed: tuple[Removal, ...] = ()
    # The check before writing holds the Markdown to the prose blocks of the body as clean first
    # read them; a block missing from it must be in the whole text of a removal (Removal keeps
    # an excerpt only).
    prose: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    # Within one convert call only: never compared, shown or pickled (lxml trees cannot be).
    parsed: ParsedBody | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "parsed": None}  # `html` carries the same body

    def evolve(self, **changes: Any) -> Document:
        """`dataclasses.replace(self, **changes)`, nine times cheaper (0.6 against 5.5 us, and
        every stage makes one): a Document has no __post_init__ and no field left out of
        __init__, so copying its fields and setting the changed ones builds the same object."""
        if not _DOCUMENT_FIELDS.issuperset(changes):  # no set built when all are fields
            unknown = changes.keys() - _DOCUMENT_FIELDS
            raise TypeError(f"Document has no field {sorted(unknown)[0]!r}")
        new = object.__new__(Document)
        object.__setattr__(new, "__dict__", self.__dict__ | changes)  # one dict, built once
        return new


_DOCUMENT_FIELDS = frozenset(item.name for item in fields(Document))


@dataclass(frozen=True)
class Conversion:
    """What `convert` returns."""

    text: str
    metadata: Mapping[str, object]
    markdown: str
    removed: tuple[Removal, ...]
    warnings: tuple[str, ...]
    site_rules: tuple[str, ...]
    body_kind: BodyKind = "html"  # markdown: the body was kept as written, not converted


class ConversionError(Exception):
    """The one error the library raises: which input, which stage, why."""

    def __init__(self, source: str, stage: str, message: str) -> None:
        super().__init__(f"{source}: {stage}: {message}")
        self.source = source
        self.stage = stage
        self.message = message
