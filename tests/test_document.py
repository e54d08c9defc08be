"""The objects that flow: what crosses a process boundary and what stays behind."""

import dataclasses
import pickle

import lxml.etree
import pytest

from converters.document import Document, ParsedBody


def test_a_document_pickles_without_its_tree() -> None:
    html = "<p>x</p>"
    doc = Document(
        source="-", front_matter={}, body=html, html=html,
        parsed=ParsedBody(html, lxml.etree.fromstring(html)),
    )  # fmt: skip
    restored = pickle.loads(pickle.dumps(doc))
    assert restored.parsed is None
    assert restored == doc  # the tree is no part of what a document is
    assert restored.html == html


def test_evolve_is_dataclasses_replace() -> None:
    doc = Document(source="a.md", front_matter={"title": "t"}, body="<p>x</p>", warnings=("w",))
    changes = {"html": "<p>y</p>", "warnings": ("w", "v"), "body_kind": "text"}
    evolved = doc.evolve(**changes)
    assert evolved == dataclasses.replace(doc, **changes)
    assert (doc.html, doc.warnings, doc.body_kind) == ("", ("w",), "html")  # left as it was
    with pytest.raises(TypeError, match="htm"):
        doc.evolve(htm="<p>typo</p>")
