"""Tables that lay out a page are not data: their cells become blocks in reading order.

Old pages and many Chinese news sites put the whole article in a table cell, paragraphs and
all. Written as a GFM table, a cell's paragraphs are joined into one row of one line, so such
a table is unwrapped instead. A table is layout when it is one box (a single cell and no
caption), or when a cell holds what no cell of data does: another table, a heading, or more
than one paragraph, preformatted block or quotation. A table of data, whose cells hold words,
numbers, links or a single paragraph, stays a table.
"""

from __future__ import annotations

from lxml import etree

from converters.clean.tree import HEADINGS, shows, unwrap
from converters.clean.work import Work

ROW_GROUPS = ("thead", "tbody", "tfoot")
PROSE_BLOCKS = ("p", "pre", "blockquote")
# No EXSLT regex functions: registering them costs more than these paths take to run.
OWN_CELLS = etree.XPath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th", regexp=False)
COLUMNS = etree.XPath("./colgroup | ./col", regexp=False)
ROWS = etree.XPath("./tr | ./*/tr", regexp=False)
ROW_GROUPS_OF = etree.XPath("./thead | ./tbody | ./tfoot", regexp=False)


def unwrap_layout_tables(root: etree._Element, work: Work) -> None:
    """Each layout table's cells become <div>s where the table was, row by row."""
    for table in list(root.iter("table")):
        cells = OWN_CELLS(table)
        if table.getparent() is not None and is_layout(table, cells):
            _unwrap_table(table, cells)


def is_layout(table: etree._Element, cells: list[etree._Element]) -> bool:
    """A table with a caption says it holds data, even in one cell."""
    box = len(cells) <= 1 and table.find("caption") is None
    return box or (_holds_any_block(table) and any(_holds_blocks(cell) for cell in cells))


def _holds_any_block(table: etree._Element) -> bool:
    """Whether any cell could hold blocks: most tables of data hold none anywhere, and asking
    the table once costs what asking one cell does."""
    return next(table.iterdescendants("table", *HEADINGS, *PROSE_BLOCKS), None) is not None


def _holds_blocks(cell: etree._Element) -> bool:
    if next(cell.iter("table", *HEADINGS), None) is not None:
        return True
    prose = (block for block in cell.iter(*PROSE_BLOCKS) if shows("".join(block.itertext())))
    return next(prose, None) is not None and next(prose, None) is not None


def _unwrap_table(table: etree._Element, cells: list[etree._Element]) -> None:
    for cell in cells:
        cell.tag = "div"
        for attribute in ("colspan", "rowspan", "scope", "headers", "abbr"):
            cell.attrib.pop(attribute, None)
    for caption in table.iterchildren("caption"):
        caption.tag = "p"
    for part in COLUMNS(table):
        table.remove(part)
    for row in ROWS(table):
        unwrap(row)
    for group in ROW_GROUPS_OF(table):
        unwrap(group)
    table.tag = "div"
    unwrap(table)
