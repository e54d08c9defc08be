"""--base-url: the command line's way to say where a saved page came from."""

import io

from cli import main

PAGE = (
    "<!DOCTYPE html><html><body><article>"
    + "<p>The council voted on Tuesday to rebuild the old bridge, which has carried traffic, "
    "and to widen the road that leads to it, a plan that took years to agree.</p>"
    * 3
    + '<p>See <a href="plan.html">the plan</a>, which the council has published.</p>'
    "</article></body></html>"
)


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    code = main.main(["convert", "-", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_base_url_resolves_a_piped_pages_links(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(monkeypatch, capsys, "--base-url", "https://news.example/city/")
    assert code == 0, err
    assert "[the plan](https://news.example/city/plan.html)" in out


def test_base_url_must_be_a_web_address(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(monkeypatch, capsys, "--base-url", "news/city")
    assert code == 2
    assert err == "article2md: error: --base-url: 'news/city' is not an http(s) address\n"
