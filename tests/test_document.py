"""The objects that flow: what crosses a process boundary and what stays behind."""

import pickle

import lxml.etree

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
