"""convert_bag: the library's convert over a Dask bag's partitions, one record per document."""

import dask.bag

from converters import convert
from converters.scale.records import convert_bag, convert_records
from tests.conftest import FIXTURES

BROKEN = "---\ntitle: never closed\n"  # front matter that never ends: a ConversionError


def fixture_items() -> list[tuple[str, str]]:
    paths = sorted(FIXTURES.glob("*/*.input.md"))[:12]
    return [(str(path), path.read_text("utf-8")) for path in paths]


def test_a_bag_gives_the_library_result_for_every_document(dask_client) -> None:
    items = fixture_items()
    records = convert_bag(dask.bag.from_sequence(items, npartitions=3)).compute()
    assert [record["path"] for record in records] == [path for path, _ in items]
    for (path, text), record in zip(items, records, strict=True):
        conversion = convert(text, path=path)
        assert record["error"] is None
        assert record["text"] == conversion.text
        assert record["markdown"] == conversion.markdown
        assert record["metadata"] == dict(conversion.metadata)
        assert len(record["removed"]) == len(conversion.removed)


def test_a_failing_document_is_a_record_with_its_reason_not_a_lost_partition(dask_client) -> None:
    items = ["<p>one</p>", {"path": "bad.md", "text": BROKEN}, ("two.html", "<p>two</p>")]
    records = convert_bag(dask.bag.from_sequence(items, npartitions=1)).compute()
    assert [record["path"] for record in records] == [None, "bad.md", "two.html"]
    assert records[1]["error"]["stage"] == "read"
    assert "never ends" in records[1]["error"]["message"]
    assert records[2]["markdown"] == "two\n"


def test_records_are_plain_data_that_json_can_carry() -> None:
    import json

    (record,) = convert_records([("a.html", "<p>x <b>y</b></p><script>1</script>")])
    assert json.loads(json.dumps(record)) == record


def test_bytes_are_decoded_as_the_command_line_decodes_files() -> None:
    gbk = "<p>吉林省疫情形势</p>".encode("gb18030")
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    ok, binary = convert_records([("gbk.html", gbk), ("image.md", png)])
    assert ok["markdown"] == "吉林省疫情形势\n"
    assert binary["error"]["stage"] == "read" and "binary" in binary["error"]["message"]


def test_the_example_in_docs_scale_out_runs_as_written(tmp_path, monkeypatch) -> None:
    import re

    doc = (FIXTURES.parent / "docs" / "scale-out.md").read_text("utf-8")
    (example,) = re.findall(r"```python\n(.*?)```", doc, re.S)
    (tmp_path / "crawl" / "a").mkdir(parents=True)
    (tmp_path / "crawl" / "a" / "good.html").write_text("<p>kept</p>", "utf-8")
    (tmp_path / "crawl" / "bad.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(example, scope)
    assert scope["failed"] == [str(tmp_path / "crawl" / "bad.html")]
