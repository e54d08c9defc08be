"""GFM tables from HTML tables: spans become empty cells, rows are padded to one width."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from converters.markdown.html_parse import Element, int_attribute

MAX_SPAN = 50  # colspan/rowspan only add empty cells; more than this is noise
_CELLS = frozenset({"td", "th"})  # (a comment's tag is a function: never in it)
# the children each table part may hold; anything else is outside every cell
_PARTS = {
    "table": frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}


def table_grid(table: Element, cell_markdown: Callable[[Element], str]) -> list[list[str]]:
    """Each row's cells as Markdown, spans expanded; [] when no cell shows anything."""
    grid: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan
    for tr in _table_rows(table):
        row: list[str] = []
        for cell in tr:
            if cell.tag not in _CELLS:
                continue
            if pending:  # (most tables have no rowspan)
                _fill_pending(row, pending)
            content = cell_markdown(cell)
            span = int_attribute(cell, "colspan", 1, MAX_SPAN)
            down = int_attribute(cell, "rowspan", 1, MAX_SPAN)
            if span == down == 1:
                row.append(content)
                continue
            for k in range(span):
                if down > 1:
                    pending[len(row)] = down - 1
                row.append(content if k == 0 else "")
        if pending:
            _fill_pending(row, pending, all_columns=True)
        if row:
            grid.append(row)
    return grid if any(any(cell for cell in row) for row in grid) else []


def gfm_table(grid: list[list[str]]) -> str:
    """The grid as GFM table lines; GFM needs a header, so the first row is one."""
    width = max(len(row) for row in grid)
    rows = [row + [""] * (width - len(row)) for row in grid]
    lines = [_table_row(rows[0]), _table_row(["---"] * width)]
    lines.extend(_table_row(row) for row in rows[1:])
    return "\n".join(lines)


def outside_cells(part: Element) -> list[Element | str]:
    """Text and elements of a table that no cell holds, in order: a browser shows them
    before the table, and a GFM table has no place for them."""
    found: list[Element | str] = []
    _add_outside_cells(part, found)
    return found


def _add_outside_cells(part: Element, found: list[Element | str]) -> None:
    allowed = _PARTS[part.tag]
    if part.text:
        found.append(part.text)
    for child in part:
        tag = child.tag
        if tag in allowed:
            if tag in _PARTS:
                _add_outside_cells(child, found)
        elif isinstance(tag, str):
            found.append(child)
        tail = child.tail
        if tail:
            found.append(tail)


def _table_rows(table: Element) -> Iterator[Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _fill_pending(row: list[str], pending: dict[int, int], all_columns: bool = False) -> None:
    """Empty cells where rowspans from above cover the next column (with all_columns, every
    covered column left at the end of the row)."""
    while pending.get(len(row), 0) or (all_columns and any(c >= len(row) for c in pending)):
        col = len(row)
        if pending.get(col, 0):
            pending[col] -= 1
            if not pending[col]:
                del pending[col]
        row.append("")


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
