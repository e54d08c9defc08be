"""Site rules: TOML files that say when a rule applies and what it removes, validated at load.

A rule file holds one rule. Everything in it is compiled when it is loaded, so a typo in an
XPath or a regex fails at start-up with the file and the key named, never half-way through a
batch. Built-in rules live in ``converters/site_rules/``; user files or folders override
built-ins of the same name.

Keys (all optional except ``name`` and ``match``):

    name, description          the rule's name (lower-case words and dashes) and what it is for
    match.front_matter.<key>   regexes searched in that front-matter field (any list item)
    match.url                  regexes searched in the post's own URL (link, url, source ...)
    match.image_host           regexes searched in the host of any image (proxies resolved)
    match.link_host            regexes searched in the host of any link (proxies resolved)
    match.xpath                XPaths: the rule applies when any finds something
    drop                       XPaths of subtrees to remove
    unwrap                     XPaths of elements to replace by their content
    unwrap_links               regexes of link targets to drop, keeping the link text
    resolve                    regexes whose group 1 captures the real URL inside a proxy URL
    junk_text                  regexes marking a block (paragraph, list item ...) as junk
    bold                       XPaths of elements that the site uses as bold
    caption                    XPaths of image captions: moved after the image, or dropped if empty
    strip_attributes           attribute names to remove everywhere
    metadata.<key>             {xpath, pattern, keep}: lift a value into the front matter
    placeholder_images         regexes of images that are never the article's cover
    fixtures                   corpus fixture ids ("source/name") whose posts the rule covers

A rule applies when any one of its ``match`` conditions holds. XPaths may use EXSLT regular
expressions under the ``re:`` prefix, e.g. ``//div[re:test(@class, '^ad-')]``. XPaths see the
post's body (of a whole saved page, the article found in it), never the page's <head>: a
``match.xpath`` or ``metadata`` XPath that names ``head``, ``title`` or ``meta`` would silently
never match, so it is refused at load.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from converters.document import ConversionError

BUILT_IN = Path(__file__).with_name("rules")
XPATH_NAMESPACES = {"re": "http://exslt.org/regular-expressions"}
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
METADATA_KEYS = frozenset({"author", "editor", "source", "original_title", "description"})
MATCH_KEYS = frozenset({"front_matter", "url", "image_host", "link_host", "xpath"})
_PROBE = etree.fromstring("<div><p>probe</p></div>")


class RuleError(ConversionError):
    """A rule file that cannot be used: which file, which key, why."""

    def __init__(self, origin: Path | str, key: str, message: str) -> None:
        super().__init__(str(origin), "rules", f"{key}: {message}")
        self.origin = str(origin)
        self.key = key


@dataclass(frozen=True)
class Selector:
    """An XPath kept with its source text, which names it in reports."""

    text: str
    xpath: etree.XPath

    def __call__(self, root: etree._Element) -> list[Any]:
        result = self.xpath(root)
        return result if isinstance(result, list) else []


@dataclass(frozen=True)
class Lift:
    """Where a front-matter value comes from: an element or attribute, and a regex for it."""

    key: str
    selector: Selector
    pattern: re.Pattern[str] | None = None
    keep: bool = False  # leave the element in the body (an attribution line, say)


@dataclass(frozen=True)
class MatchFacts:
    """What a rule may look at to decide whether it applies."""

    fields: Mapping[str, object]  # front matter over normalized metadata
    urls: tuple[str, ...]  # the post's own URL(s)
    image_hosts: frozenset[str]
    link_hosts: frozenset[str]
    root: etree._Element | None  # None when the body is not HTML


@dataclass(frozen=True)
class Match:
    front_matter: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()
    url: tuple[re.Pattern[str], ...] = ()
    image_host: tuple[re.Pattern[str], ...] = ()
    link_host: tuple[re.Pattern[str], ...] = ()
    xpath: tuple[Selector, ...] = ()

    def __call__(self, facts: MatchFacts) -> bool:
        return self.by_text(facts) or self.by_xpath(facts)

    def by_text(self, facts: MatchFacts) -> bool:
        return (
            any(_field_matches(facts.fields.get(key), pats) for key, pats in self.front_matter)
            or _any_search(self.url, facts.urls)
            or _any_search(self.image_host, facts.image_hosts)
            or _any_search(self.link_host, facts.link_hosts)
        )

    def by_xpath(self, facts: MatchFacts) -> bool:
        return facts.root is not None and any(sel(facts.root) for sel in self.xpath)


@dataclass(frozen=True)
class SiteRule:
    name: str
    origin: Path
    description: str
    match: Match
    drop: tuple[Selector, ...] = ()
    unwrap: tuple[Selector, ...] = ()
    unwrap_links: tuple[re.Pattern[str], ...] = ()
    resolve: tuple[re.Pattern[str], ...] = ()
    junk_text: tuple[re.Pattern[str], ...] = ()
    bold: tuple[Selector, ...] = ()
    caption: tuple[Selector, ...] = ()
    strip_attributes: tuple[str, ...] = ()
    metadata: tuple[Lift, ...] = ()
    placeholder_images: tuple[re.Pattern[str], ...] = ()
    fixtures: tuple[str, ...] = ()


def load_rules(extra: tuple[Path, ...] = ()) -> tuple[SiteRule, ...]:
    """Built-in rules, then the user's files or folders; a user rule replaces a same-named one."""
    return _load(tuple(extra))


def matching_rules(rules: Iterable[SiteRule], facts: MatchFacts) -> tuple[SiteRule, ...]:
    rules = tuple(rules)
    index = _rule_index(rules)
    found = index.by_text(facts)
    if facts.root is not None:
        found |= {i for i, match in index.by_xpath if i not in found and match.by_xpath(facts)}
    return tuple(rule for i, rule in enumerate(rules) if i in found)


class _RuleIndex:
    """Which rules' text conditions hold for a value (a category, an image host, a URL), worked
    out once per value and process: across a batch the same few categories and hosts come back
    post after post, and trying every rule's patterns on each of them was most of the matching.
    And the rules that have XPath conditions, the only ones the tree is searched for."""

    MAX_VALUES, MAX_LENGTH = 10_000, 1_000  # remembered values; longer values are not kept

    def __init__(self, rules: tuple[SiteRule, ...]) -> None:
        self.patterns: dict[str, list[tuple[int, tuple[re.Pattern[str], ...]]]] = {}
        for index, rule in enumerate(rules):
            for kind, patterns in _text_conditions(rule.match):
                if patterns:
                    self.patterns.setdefault(kind, []).append((index, patterns))
        self.known: dict[tuple[str, str], frozenset[int]] = {}
        self.by_xpath = [(i, rule.match) for i, rule in enumerate(rules) if rule.match.xpath]

    def by_text(self, facts: MatchFacts) -> set[int]:
        """The indices of the rules that any text condition of theirs selects."""
        found: set[int] = set()
        known = self.known
        for kind in self.patterns:
            for text in _texts(kind, facts):
                indices = known.get((kind, text))
                found |= self.rules_for(kind, text) if indices is None else indices
        return found

    def rules_for(self, kind: str, text: str) -> frozenset[int]:
        indices = self.known.get((kind, text))
        if indices is None:
            indices = frozenset(
                index
                for index, patterns in self.patterns[kind]
                if any(pattern.search(text) for pattern in patterns)
            )
            if len(text) <= self.MAX_LENGTH:
                if len(self.known) >= self.MAX_VALUES:
                    self.known.clear()
                self.known[(kind, text)] = indices
        return indices


def _text_conditions(match: Match) -> Iterator[tuple[str, tuple[re.Pattern[str], ...]]]:
    for key, patterns in match.front_matter:
        yield f"front_matter.{key}", patterns
    yield from (("url", match.url), ("image_host", match.image_host))
    yield "link_host", match.link_host


def _texts(kind: str, facts: MatchFacts) -> Iterable[str]:
    """The values a kind of condition searches, as Match.by_text reads them."""
    if kind == "url":
        return facts.urls
    if kind == "image_host":
        return facts.image_hosts
    if kind == "link_host":
        return facts.link_hosts
    value = facts.fields.get(kind[_FIELD_AT:])  # "front_matter.<key>"
    if value is None:
        return ()
    if type(value) is str:  # as str(value) gives it
        return (value,)
    values = value if isinstance(value, list) else [value]
    return [str(item) for item in values if item is not None]


_FIELD_AT = len("front_matter.")


_INDEXES: dict[int, tuple[tuple[SiteRule, ...], _RuleIndex]] = {}


def _rule_index(rules: tuple[SiteRule, ...]) -> _RuleIndex:
    """One per rule set (load_rules returns the same tuple): kept by identity, with the tuple
    itself, so that its id cannot be reused while the entry lives."""
    entry = _INDEXES.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_INDEXES) >= 16:
            _INDEXES.clear()
        entry = _INDEXES[id(rules)] = (rules, _RuleIndex(rules))
    return entry[1]


@functools.cache
def _load(extra: tuple[Path, ...]) -> tuple[SiteRule, ...]:
    rules = {rule.name: rule for rule in _load_set(sorted(BUILT_IN.glob("*.toml")))}
    user_files = [file for path in extra for file in _rule_files(path)]
    rules.update((rule.name, rule) for rule in _load_set(user_files))
    return tuple(rules.values())


def _rule_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("*.toml"))
    if not path.is_file():
        raise RuleError(path, "path", "no such rule file or folder")
    return [path]


def _load_set(files: Iterable[Path]) -> list[SiteRule]:
    rules: dict[str, SiteRule] = {}
    for file in files:
        rule = load_rule_file(file)
        if rule.name in rules:
            raise RuleError(
                file, "name", f"{rule.name!r} is also defined in {rules[rule.name].origin}"
            )
        rules[rule.name] = rule
    return list(rules.values())


def load_rule_file(path: Path) -> SiteRule:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(path, "file", f"cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise RuleError(path, "toml", str(error)) from None
    return parse_rule(data, path)


def parse_rule(data: Mapping[str, Any], origin: Path) -> SiteRule:
    """Validate one rule's table; every error names the file and the dotted key."""
    unknown = sorted(set(data) - set(_FIELDS) - {"name", "description", "match", "metadata"})
    if unknown:
        raise RuleError(origin, unknown[0], "unknown key")
    name = _string(data.get("name"), origin, "name")
    if not NAME.match(name):
        raise RuleError(origin, "name", f"{name!r} is not lower-case words joined by dashes")
    fields = {key: parse(data.get(key, ()), origin, key) for key, parse in _FIELDS.items()}
    return SiteRule(
        name=name,
        origin=origin,
        description=_string(data.get("description", ""), origin, "description", empty=True),
        match=_match(data.get("match"), origin),
        metadata=_lifts(data.get("metadata", {}), origin),
        **fields,
    )


def _match(table: object, origin: Path) -> Match:
    if not isinstance(table, dict) or not table:
        raise RuleError(origin, "match", "a rule needs a [match] table with at least one condition")
    unknown = sorted(set(table) - MATCH_KEYS)
    if unknown:
        raise RuleError(origin, f"match.{unknown[0]}", "unknown key")
    fields = table.get("front_matter", {})
    if not isinstance(fields, dict):
        raise RuleError(origin, "match.front_matter", "expected a table of field = regex(es)")
    return Match(
        front_matter=tuple(
            (key, _regexes(value, origin, f"match.front_matter.{key}"))
            for key, value in fields.items()
        ),
        url=_regexes(table.get("url", ()), origin, "match.url"),
        image_host=_regexes(table.get("image_host", ()), origin, "match.image_host"),
        link_host=_regexes(table.get("link_host", ()), origin, "match.link_host"),
        xpath=tuple(
            _body_xpath(text, origin, "match.xpath")
            for text in _strings(table.get("xpath", ()), origin, "match.xpath")
        ),
    )


def _lifts(table: object, origin: Path) -> tuple[Lift, ...]:
    if not isinstance(table, dict):
        raise RuleError(origin, "metadata", "expected a table of key = {xpath, pattern}")
    return tuple(_lift(key, spec, origin) for key, spec in table.items())


def _lift(key: str, spec: object, origin: Path) -> Lift:
    where = f"metadata.{key}"
    if key not in METADATA_KEYS:
        raise RuleError(origin, where, f"unknown key; expected one of {sorted(METADATA_KEYS)}")
    if not isinstance(spec, dict):
        raise RuleError(origin, where, "expected { xpath = ..., pattern = ... }")
    unknown = sorted(set(spec) - {"xpath", "pattern", "keep"})
    if unknown:
        raise RuleError(origin, f"{where}.{unknown[0]}", "unknown key")
    selector = _body_xpath(spec.get("xpath"), origin, f"{where}.xpath")
    pattern = spec.get("pattern")
    keep = spec.get("keep", False)
    if not isinstance(keep, bool):
        raise RuleError(origin, f"{where}.keep", "expected true or false")
    compiled = None if pattern is None else _regex(pattern, origin, f"{where}.pattern")
    return Lift(key, selector, compiled, keep)


def _string(value: object, origin: Path, key: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise RuleError(
            origin, key, "expected a non-empty string" if not empty else "expected a string"
        )
    return value


def _strings(value: object, origin: Path, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i for i in items):
        raise RuleError(origin, key, "expected a string or a list of non-empty strings")
    return tuple(items)


def _regex(text: object, origin: Path, key: str) -> re.Pattern[str]:
    if not isinstance(text, str) or not text:
        raise RuleError(origin, key, "expected a non-empty regex string")
    try:
        return re.compile(text)
    except re.error as error:
        raise RuleError(origin, key, f"bad regex {text!r}: {error}") from None


def _regexes(value: object, origin: Path, key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_regex(text, origin, key) for text in _strings(value, origin, key))


# libxml2 evaluates `//img[@x]` once per parent element (the predicate is positional in
# principle), which grows faster than the page; `/descendant::img[@x]` (and `a//b[@x]` as
# `a/descendant::b[@x]`) selects the same nodes in one pass when no predicate counts positions.
_DESCENDANT_STEP = re.compile(r"//(?=[A-Za-z_*])")
_POSITIONAL = re.compile(r"\[\s*\d|position\(|last\(")
_STRING_LITERAL = re.compile(r"""('[^']*'|"[^"]*")""")


# `[contains(@class, 'x')]` converts the missing attribute of every element without one to ''
# before it can say no (a microsecond a dozen elements); `[@class][contains(@class, 'x')]` says
# no first, and keeps the same nodes for a literal that is not empty. A literal is matched as a
# whole first, so that the pattern is never found inside one.
_CONTAINS_ATTRIBUTE = re.compile(
    r"""'[^']*'|"[^"]*"|\[(\s*contains\(\s*@([A-Za-z_][\w.-]*)\s*,\s*(?:'[^']+'|"[^"]+")\s*\)\s*)\]"""
)


def _fast_form(xpath: str) -> str:
    if _POSITIONAL.search(xpath):
        return xpath
    # Only outside string literals: 'http://host' is not a step.
    parts = _STRING_LITERAL.split(xpath)
    parts[::2] = [_DESCENDANT_STEP.sub("/descendant::", part) for part in parts[::2]]
    return _CONTAINS_ATTRIBUTE.sub(_attribute_first, "".join(parts))


def _attribute_first(found: re.Match[str]) -> str:
    if found.group(1) is None:  # a string literal: as it is
        return found.group(0)
    return f"[@{found.group(2)}][{found.group(1)}]"


def _xpath(text: object, origin: Path, key: str) -> Selector:
    if not isinstance(text, str) or not text.strip():
        raise RuleError(origin, key, "expected a non-empty XPath string")
    try:
        # The EXSLT regex functions cost a microsecond to register on every evaluation
        # (more than most rules' XPaths take to run): only an XPath naming them gets them.
        uses_regex = "re:" in text
        compiled = etree.XPath(_fast_form(text), namespaces=XPATH_NAMESPACES, regexp=uses_regex)
        compiled(_PROBE)  # unknown functions only fail when evaluated
    except etree.XPathError as error:
        raise RuleError(origin, key, f"bad XPath {text!r}: {error}") from None
    return Selector(text, compiled)


# Elements only a page's <head> holds; a step naming one, outside string literals and not as
# an attribute (@title) or a function, can never find anything in a body.
_HEAD_STEP = re.compile(r"(?<![\w@$.-])(head|title|meta)(?![\w.(-]|\s*::|\s*\()")


def _body_xpath(text: object, origin: Path, key: str) -> Selector:
    """An XPath that decides something (whether a rule applies, a metadata value)."""
    if isinstance(text, str):
        outside_literals = _STRING_LITERAL.split(text)[::2]
        head = [m.group(1) for part in outside_literals for m in _HEAD_STEP.finditer(part)]
        if head:
            raise RuleError(
                origin,
                key,
                f"{text!r} looks for <{head[0]}>, which is in a page's <head>: rules see only "
                "the post's body (of a whole page, its article); match on url, front_matter, "
                "image_host or link_host instead",
            )
    return _xpath(text, origin, key)


def _xpaths(value: object, origin: Path, key: str) -> tuple[Selector, ...]:
    return tuple(_xpath(text, origin, key) for text in _strings(value, origin, key))


def _resolvers(value: object, origin: Path, key: str) -> tuple[re.Pattern[str], ...]:
    patterns = _regexes(value, origin, key)
    groupless = [p.pattern for p in patterns if p.groups < 1]
    if groupless:
        raise RuleError(origin, key, f"{groupless[0]!r} needs a group capturing the real URL")
    return patterns


def _attributes(value: object, origin: Path, key: str) -> tuple[str, ...]:
    names = _strings(value, origin, key)
    bad = [name for name in names if not re.fullmatch(r"[A-Za-z_:][-\w:.]*", name)]
    if bad:
        raise RuleError(origin, key, f"{bad[0]!r} is not an attribute name")
    return names


_FIELDS: dict[str, Callable[[object, Path, str], tuple[Any, ...]]] = {
    "drop": _xpaths,
    "unwrap": _xpaths,
    "unwrap_links": _regexes,
    "resolve": _resolvers,
    "junk_text": _regexes,
    "bold": _xpaths,
    "caption": _xpaths,
    "strip_attributes": _attributes,
    "placeholder_images": _regexes,
    "fixtures": _strings,
}


def _field_matches(value: object, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if value is None:
        return False
    values = value if isinstance(value, list) else [value]
    return _any_search(patterns, [str(item) for item in values if item is not None])


def _any_search(patterns: Iterable[re.Pattern[str]], texts: Iterable[str]) -> bool:
    if not patterns:
        return False
    for text in texts:
        for pattern in patterns:
            if pattern.search(text):
                return True
    return False
