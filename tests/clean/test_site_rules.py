"""Rule files: the built-ins load and cover the corpus; bad files fail naming file and key."""

from pathlib import Path

import pytest

from converters.clean.site_rules import (
    BUILT_IN,
    MatchFacts,
    RuleError,
    load_rule_file,
    load_rules,
    matching_rules,
)
from converters.document import ConversionError, Settings
from converters.read.read_post import read_post
from tests.conftest import FIXTURES

CORPUS = Path("/work/shared/corpus/posts")
BUILT_IN_RULES = load_rules()


def fixture_file(fixture_id: str) -> Path | None:
    """fixtures/<id>.input.md first, the shared corpus second."""
    for candidate in (FIXTURES / f"{fixture_id}.input.md", CORPUS / f"{fixture_id}.md"):
        if candidate.is_file():
            return candidate
    return None


def write_rule(folder: Path, text: str, name: str = "rule.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


MINIMAL = 'name = "demo"\nmatch.xpath = "//p"\n'


def facts(fields: dict[str, object] | None = None, **kwargs: object) -> MatchFacts:
    values: dict[str, object] = {
        "fields": fields or {},
        "urls": (),
        "image_hosts": frozenset(),
        "link_hosts": frozenset(),
        "root": None,
    }
    values.update(kwargs)
    return MatchFacts(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------- built-ins


@pytest.mark.parametrize("rule", BUILT_IN_RULES, ids=lambda rule: rule.name)
def test_built_in_rule_is_described_and_names_existing_fixtures(rule) -> None:
    assert rule.origin.parent == BUILT_IN
    assert rule.description.strip()
    assert rule.fixtures, f"{rule.origin.name} names no fixture"
    missing = [fixture for fixture in rule.fixtures if fixture_file(fixture) is None]
    assert not missing


@pytest.mark.parametrize("rule", BUILT_IN_RULES, ids=lambda rule: rule.name)
def test_built_in_rule_matches_the_fixtures_it_names(rule) -> None:
    from converters.clean.remove_boilerplate import remove_boilerplate
    from converters.metadata.extract_metadata import extract_metadata

    for fixture in rule.fixtures:
        path = fixture_file(fixture)
        assert path is not None
        doc = read_post(path.read_text("utf-8"), str(path), Settings())
        doc = remove_boilerplate(extract_metadata(doc, Settings()), Settings())
        assert rule.name in doc.site_rules, fixture


def test_every_corpus_source_has_golden_fixtures() -> None:
    """A source is covered by golden tests: its posts in fixtures/<source>/, converted by the
    generic pass alone or with the site rule that names them. A rule is written only where the
    generic pass cannot know the site (deepmind-blog, sse-rules ... need none)."""
    root = CORPUS if CORPUS.is_dir() else FIXTURES
    sources = {path.name for path in root.iterdir() if path.is_dir()} - {"bad"}  # bad input
    golden = {path.parent.name for path in FIXTURES.glob("*/*.expected.md")}
    assert sorted(sources - golden) == []


def test_every_fixture_a_rule_names_is_a_golden_fixture() -> None:
    named = {fixture for rule in BUILT_IN_RULES for fixture in rule.fixtures}
    golden = {f"{p.parent.name}/{p.name.split('.')[0]}" for p in FIXTURES.glob("*/*.expected.md")}
    assert sorted(named - golden) == []


def test_rules_load_once() -> None:
    assert load_rules() is load_rules()


# ------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (MINIMAL + "dorp = ['//div']\n", "dorp"),
        (MINIMAL + "drop = ['//div[']\n", "drop"),
        (MINIMAL + "drop = ['//div[nosuch()]']\n", "drop"),
        (MINIMAL + "drop = 3\n", "drop"),
        (MINIMAL + "junk_text = ['(unclosed']\n", "junk_text"),
        (MINIMAL + "resolve = ['^https://proxy/.+$']\n", "resolve"),
        (MINIMAL + "unwrap_links = ['']\n", "unwrap_links"),
        (MINIMAL + "strip_attributes = ['not an attribute']\n", "strip_attributes"),
        (MINIMAL + "metadata.publisher = { xpath = '//p' }\n", "metadata.publisher"),
        (MINIMAL + "metadata.editor = { xpath = '//p', patern = 'x' }\n", "metadata.editor.patern"),
        (MINIMAL + "metadata.editor = { xpath = '//p', pattern = '(' }", "metadata.editor.pattern"),
        (MINIMAL + "metadata.editor = { xpath = '//p', keep = 'yes' }\n", "metadata.editor.keep"),
        (MINIMAL + "metadata.editor = { pattern = 'x' }\n", "metadata.editor.xpath"),
        ('name = "demo"\nmatch.host = "x"\n', "match.host"),
        ('name = "d"\nmatch.front_matter = { categories = "[" }', "match.front_matter.categories"),
        ('name = "demo"\n', "match"),
        ('match.xpath = "//p"\n', "name"),
        ('name = "Not OK"\nmatch.xpath = "//p"\n', "name"),
        ('name = "demo"\nmatch.xpath = "//p"\nname = "twice"\n', "toml"),
    ],
)
def test_a_bad_rule_file_names_the_file_and_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = write_rule(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert caught.value.key == key
    assert caught.value.origin == str(path)
    assert str(path) in str(caught.value) and key in str(caught.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("name = 'x'\nmatch.xpath = \"//meta[@name='generator']\"\n", "match.xpath"),
        ("name = 'x'\nmatch.xpath = ['//p', '/html/head/title']\n", "match.xpath"),
        ("name = 'x'\nmatch.xpath = '//p[ancestor::head]'\n", "match.xpath"),
        (
            MINIMAL + "metadata.author = { xpath = \"//meta[@name='author']/@content\" }\n",
            "metadata.author.xpath",
        ),
    ],
)
def test_an_xpath_into_the_page_head_is_refused_at_load(
    tmp_path: Path, text: str, key: str
) -> None:
    """Rules see the body: such a rule would silently never match (issue 9)."""
    with pytest.raises(RuleError) as caught:
        load_rule_file(write_rule(tmp_path, text))
    assert caught.value.key == key
    assert "<head>" in caught.value.message


@pytest.mark.parametrize(
    "xpath",
    [
        "//div[@title='x']",
        "//div[contains(@class, 'meta')]",
        "//span[@class='head']",
        "//header",
        "//div[@class='post-meta']/span",
    ],
)
def test_head_words_in_attributes_and_strings_are_fine(tmp_path: Path, xpath: str) -> None:
    text = f'name = "x"\nmatch.xpath = "{xpath}"\n'
    assert load_rule_file(write_rule(tmp_path, text)).match.xpath[0].text == xpath


def test_rule_error_is_the_library_error(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "name = 'x'\n")
    with pytest.raises(ConversionError) as caught:
        load_rule_file(path)
    assert caught.value.stage == "rules"


def test_a_missing_rule_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules((tmp_path / "nowhere.toml",))


# ---------------------------------------------------------- user rules


def test_user_rules_override_built_ins_of_the_same_name_and_add_new_ones(tmp_path: Path) -> None:
    write_rule(tmp_path, 'name = "sina-finance"\nmatch.xpath = "//blink"\n', "mine.toml")
    write_rule(tmp_path, 'name = "my-blog"\nmatch.url = "example\\\\.org"\n', "blog.toml")
    rules = {rule.name: rule for rule in load_rules((tmp_path,))}
    assert rules["sina-finance"].origin == tmp_path / "mine.toml"
    assert rules["sina-finance"].drop == ()
    assert rules["my-blog"].origin == tmp_path / "blog.toml"
    assert rules["zhihu-daily"].origin.parent == BUILT_IN


def test_a_single_user_file_can_be_given(tmp_path: Path) -> None:
    path = write_rule(tmp_path, 'name = "solo"\nmatch.xpath = "//p"\n')
    assert "solo" in {rule.name for rule in load_rules((path,))}


def test_two_user_files_with_one_name_are_an_error(tmp_path: Path) -> None:
    write_rule(tmp_path, MINIMAL, "a.toml")
    write_rule(tmp_path, MINIMAL, "b.toml")
    with pytest.raises(RuleError) as caught:
        load_rules((tmp_path,))
    assert caught.value.key == "name" and "b.toml" in caught.value.origin


# ---------------------------------------------------------------- match


def test_front_matter_regexes_match_any_list_item(tmp_path: Path) -> None:
    path = write_rule(tmp_path, 'name = "x"\nmatch.front_matter = { categories = "^财经$" }\n')
    rule = load_rule_file(path)
    assert matching_rules([rule], facts({"categories": ["金融", "财经"]})) == (rule,)
    assert matching_rules([rule], facts({"categories": ["金融", "财经日报"]})) == ()
    assert matching_rules([rule], facts({})) == ()


def test_a_value_seen_before_is_judged_by_each_rule_set_again(tmp_path: Path) -> None:
    """matching_rules remembers which rules a category selects; another rule set, or the same
    value under another key, gets its own answer, in the rules' order."""
    finance = load_rule_file(write_rule(tmp_path / "a", 'name = "finance"\nmatch.url = "财经"\n'))
    news = load_rule_file(
        write_rule(tmp_path / "b", 'name = "news"\nmatch.front_matter = { categories = "财经" }\n')
    )
    seen = facts({"categories": ["财经"]})
    assert matching_rules((news, finance), seen) == (news,)
    assert matching_rules((finance,), seen) == ()
    assert matching_rules((finance, news), facts({"categories": "财经"}, urls=("财经",))) == (
        finance,
        news,
    )


def test_any_one_condition_is_enough(tmp_path: Path) -> None:
    text = 'name = "x"\nmatch.image_host = "img\\\\.example\\\\.org$"\nmatch.url = "^https://ex"\n'
    rule = load_rule_file(write_rule(tmp_path, text))
    assert rule.match(facts(image_hosts=frozenset({"img.example.org"})))
    assert rule.match(facts(urls=("https://example.org/a",)))
    assert not rule.match(facts(link_hosts=frozenset({"img.example.org"})))


def test_xpath_conditions_need_an_html_body(tmp_path: Path) -> None:
    import lxml.html

    rule = load_rule_file(write_rule(tmp_path, 'name = "x"\nmatch.xpath = "//p[@class=\'k\']"\n'))
    root = lxml.html.fragment_fromstring("<p class='k'>hi</p>", create_parent="div")
    assert rule.match(facts(root=root))
    assert not rule.match(facts())


def test_xpaths_may_use_exslt_regular_expressions(tmp_path: Path) -> None:
    import lxml.html

    text = MINIMAL + "drop = [\"//div[re:test(@class, '^ad-')]\", \"//div[@class = 'x']\"]\n"
    rule = load_rule_file(write_rule(tmp_path, text))
    assert rule.drop[0].text.startswith("//div[re:test")
    root = lxml.html.fragment_fromstring(
        "<div class='ad-1'>a</div><div class='bad-1'>b</div><div class='x'>c</div>",
        create_parent="div",
    )
    assert [el.text for el in rule.drop[0](root)] == ["a"]
    assert [el.text for el in rule.drop[1](root)] == ["c"]  # no regex: none registered


def test_every_accepted_key_is_documented_in_the_module() -> None:
    import converters.clean.site_rules as module

    block = (module.__doc__ or "").split("Keys")[1].split("A rule applies")[0]
    names = [line.split()[0].rstrip(",") for line in block.splitlines()[1:] if line.strip()]
    assert {name.split(".")[0] for name in names} >= {*module._FIELDS, "name", "match", "metadata"}
    documented_match = {name.split(".")[1] for name in names if name.startswith("match.")}
    assert documented_match == module.MATCH_KEYS


# ------------------------------------------------------------- XPaths in their fast form


def rule_selectors(rule) -> list:
    groups = (rule.match.xpath, rule.drop, rule.unwrap, rule.bold, rule.caption)
    return [*(sel for group in groups for sel in group), *(lift.selector for lift in rule.metadata)]


def as_written(selector):
    from lxml import etree

    return etree.XPath(selector.text, namespaces={"re": "http://exslt.org/regular-expressions"})


def fixture_trees() -> list:
    from lxml import etree

    parser = etree.HTMLParser()
    trees = []
    for path in sorted(FIXTURES.rglob("*.input.md")):
        body = read_post(path.read_text("utf-8"), str(path), Settings()).body
        tree = etree.fromstring(f"<html><body>{body}", parser)
        if tree is not None:
            trees.append(tree)
    return trees


def test_every_built_in_xpath_selects_in_its_fast_form_what_it_selects_as_written() -> None:
    trees = fixture_trees()
    for rule in BUILT_IN_RULES:
        for selector in rule_selectors(rule):
            written = as_written(selector)
            for tree in trees:
                assert selector(tree) == written(tree), (rule.name, selector.text)


@pytest.mark.parametrize(
    "xpath",
    [
        "//p[contains(@class, 'note')]",
        '//p[contains( @class , "note" )]//b',
        "//p[contains(@class, 'note')][contains(@id, 'x')]",
        "//p[contains(@class, '')]",  # an empty literal: every <p>, with a class or not
        "//p[. = \"[contains(@class, 'note')]\"]",  # the pattern inside a literal is text
        "//p[contains(@class, 'note') or not(@class)]",
        "//p[contains(@class, 'note')][1]",
        "//@id[contains(@class, 'note')]",
    ],
)
def test_attribute_tests_run_first_select_the_same_nodes(tmp_path: Path, xpath: str) -> None:
    from lxml import etree

    rule = load_rule_file(write_rule(tmp_path, MINIMAL + f"drop = '''{xpath}'''\n"))
    html = (
        "<p>none</p><p class=''>empty</p><p class='a note'>hit</p><p class='x' id='x1'>x</p>"
        "<p class='note' id='x2'>both<b>b</b></p><p>[contains(@class, 'note')]</p>"
    )
    tree = etree.fromstring(f"<html><body>{html}", etree.HTMLParser())
    assert rule.drop[0](tree) == etree.XPath(xpath)(tree)


def test_an_attribute_test_goes_first_only_where_it_keeps_the_nodes(tmp_path: Path) -> None:
    text = (
        MINIMAL + """drop = ["//p[contains(@class, 'a')]", "//p[contains(@class, 'a') or @id]"]"""
    )
    rule = load_rule_file(write_rule(tmp_path, text + "\n"))
    assert rule.drop[0].xpath.path == "/descendant::p[@class][contains(@class, 'a')]"
    assert rule.drop[1].xpath.path == "/descendant::p[contains(@class, 'a') or @id]"


@pytest.mark.parametrize(
    "value", ["财经", ["x", None, 7, "财经日报"], 7, None, [], ["财经"], "7", [["财经"]]]
)
def test_the_rule_index_selects_what_each_rules_own_match_selects(tmp_path: Path, value) -> None:
    texts = ['match.front_matter = { categories = "^财经" }', 'match.front_matter.categories = "7"']
    rules = tuple(
        load_rule_file(write_rule(tmp_path / str(n), f'name = "r{n}"\n{text}\n'))
        for n, text in enumerate(texts)
    )
    for _ in range(2):  # the second time from what the index remembers
        seen = facts({"categories": value})
        assert matching_rules(rules, seen) == tuple(rule for rule in rules if rule.match(seen))


def test_the_built_in_rules_index_selects_on_every_fixture_what_the_full_match_selects() -> None:
    from converters.clean.fragment import parse
    from converters.clean.remove_boilerplate import match_facts
    from converters.clean.work import Work
    from converters.metadata.extract_metadata import extract_metadata

    for path in sorted(FIXTURES.rglob("*.input.md")):
        doc = extract_metadata(
            read_post(path.read_text("utf-8"), str(path), Settings()), Settings()
        )
        work = Work(title="", metadata={})
        root = parse(doc.body, work) if doc.body_kind == "html" else None
        seen = match_facts(doc, root, BUILT_IN_RULES)
        expected = tuple(rule for rule in BUILT_IN_RULES if rule.match(seen))
        assert matching_rules(BUILT_IN_RULES, seen) == expected, path
