"""URL resolution: rule patterns first, then the generic proxies and redirect pages."""

import re

import pytest

from converters.clean import urls
from converters.clean.urls import GENERIC, resolve

REDIRECT = "https://link.zhihu.com/?target=https%3A%2F%2Fexample.org%2Fa"
PROXIED = "https://cors.zfour.workers.dev/?http://lain.bgm.tv/pic/a.jpg"


def test_a_url_resolved_again_gets_the_same_answer() -> None:
    first = resolve(REDIRECT, [])
    assert first == ("https://example.org/a", GENERIC)
    assert resolve(REDIRECT, []) == first
    assert resolve(PROXIED, []) == resolve(PROXIED, []) == ("http://lain.bgm.tv/pic/a.jpg", GENERIC)


def test_a_rule_pattern_wins_over_what_was_found_for_the_url_before() -> None:
    resolve(PROXIED, [])  # generic answer remembered
    own = [("demo", re.compile(r"^https://cors\.zfour\.workers\.dev/\?http://(.+)$"))]
    assert resolve(PROXIED, own) == ("lain.bgm.tv/pic/a.jpg", "demo")


def test_the_memory_of_urls_is_bounded_and_long_urls_are_resolved_unremembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(urls, "_GENERIC_TARGETS", {})
    monkeypatch.setattr(urls, "MAX_TARGETS", 2)
    for n in range(5):
        assert resolve(f"https://example.org/{n}", []) == (f"https://example.org/{n}", GENERIC)
        assert len(urls._GENERIC_TARGETS) <= 2
    long_url = REDIRECT + "&x=" + "y" * urls.MAX_URL
    assert resolve(long_url, []) == ("https://example.org/a", GENERIC)
    assert long_url not in urls._GENERIC_TARGETS
