"""Small numbers never reveal people: primary and secondary suppression of count tables.

The rule, as the statistics pages state it:

- every count of participants from 1 to 4 is not shown («færre enn 5»): primary suppression;
- so that no hidden count can be worked out from the totals or from the other counts in its row or
  column, further counts are hidden too («skjult»): secondary suppression. Zeros are shown.

A table is published with its row totals, column totals and grand total. Read as a network, a table
is a circulation: a count in row i and column j is flow from the row's node to the column's node,
a row total flows from a source node s to the row, a column total from the column to a sink t, and
the grand total from t back to s. Every published relation (a row adds up to its total, ...) is
flow conservation at one node. Someone who reads the table knows every shown value, that each
«færre enn 5» is between 1 and 4, and that each «skjult» is at least 5 (every count from 1 to 4 is
already «færre enn 5», and zeros are shown).

A hidden value can be worked out exactly when no other table fits what is published, i.e. when the
flow cannot be moved around any cycle through its arc without leaving those bounds. That is a
path question in the residual graph: an arc can grow when a path leads back from its head to its tail
through arcs that may move the right way, or shrink when a path leads from its tail to its head
(`_pinned`). Secondary suppression hides, for each pinned value, the cheapest path of further
values that closes such a cycle, and repeats until no hidden value is pinned. Hiding more never pins
a value that was free, so the loop ends. The integer constraint adds nothing: the relations form a
network matrix, so the range of every value is an interval with whole-number ends.

When even hiding every count leaves one that can be worked out (four ones with a total of 4: each
is at least 1), the table is withheld as a whole and the page says it has too few to show.

A one-dimensional list (counts by service area, with a total) is the same network with two nodes.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = range(1, 5)  # counts shown as «færre enn 5»
THRESHOLD = 5

SHOWN = ""
PRIMARY = "small"  # «færre enn 5»
SECONDARY = "secondary"  # «skjult»
WITHHELD = "withheld"  # the whole table is too small to show any of it

_NO_LIMIT = 10**12


@dataclass
class Cell:
    value: int
    hidden: str = SHOWN

    @property
    def shown(self) -> bool:
        return not self.hidden


@dataclass
class SuppressedTable:
    """A table of counts with its margins, each cell marked shown, small or secondary."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    @property
    def withheld(self) -> bool:
        return self.total.hidden == WITHHELD


@dataclass
class _Arc:
    tail: str
    head: str
    cell: Cell

    def bounds(self) -> tuple[int, int]:
        if self.cell.hidden == PRIMARY:
            return SMALL.start, SMALL.stop - 1
        if self.cell.hidden == SECONDARY:
            return THRESHOLD, _NO_LIMIT
        if self.cell.hidden == WITHHELD:
            return 0, _NO_LIMIT
        return self.cell.value, self.cell.value


def _network(cells: list[list[Cell]], rows: list[Cell], columns: list[Cell], total: Cell) -> list[_Arc]:
    arcs = [_Arc(f"r{i}", f"c{j}", cell) for i, row in enumerate(cells) for j, cell in enumerate(row)]
    arcs += [_Arc("s", f"r{i}", cell) for i, cell in enumerate(rows)]
    arcs += [_Arc(f"c{j}", "t", cell) for j, cell in enumerate(columns)]
    arcs.append(_Arc("t", "s", total))
    return arcs


def _reachable(arcs: list[_Arc], skip: int, start: str, goal: str) -> bool:
    """Whether flow can be pushed from start to goal through hidden arcs other than arcs[skip]."""
    moves: dict[str, list[str]] = defaultdict(list)
    for index, arc in enumerate(arcs):
        if index == skip or arc.cell.shown:
            continue
        low, high = arc.bounds()
        if arc.cell.value < high:
            moves[arc.tail].append(arc.head)
        if arc.cell.value > low:
            moves[arc.head].append(arc.tail)
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for following in moves[node]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return False


def _pinned(arcs: list[_Arc], index: int) -> bool:
    """Whether the hidden value of arcs[index] is the only one that fits what is published."""
    arc = arcs[index]
    low, high = arc.bounds()
    can_grow = arc.cell.value < high and _reachable(arcs, index, arc.head, arc.tail)
    can_shrink = arc.cell.value > low and _reachable(arcs, index, arc.tail, arc.head)
    return not (can_grow or can_shrink)


def _cheapest_cycle(arcs: list[_Arc], index: int) -> list[int]:
    """The shown arcs to hide so that arcs[index] lies on a cycle of hidden arcs: the fewest, then
    the smallest values, going round through already hidden arcs for free. Zeros are never hidden
    (they are shown, and cannot shrink)."""
    edges: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for other, arc in enumerate(arcs):
        if other != index and (arc.cell.hidden or arc.cell.value > 0):
            edges[arc.tail].append((arc.head, other))
            edges[arc.head].append((arc.tail, other))
    start, goal = arcs[index].head, arcs[index].tail
    best: dict[str, int] = {start: 0}
    came: dict[str, tuple[str, int]] = {}
    queue = [(0, start)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == goal:
            break
        if cost > best.get(node, _NO_LIMIT):
            continue
        for following, other in edges[node]:
            cell = arcs[other].cell
            step = 0 if cell.hidden else 1_000_000 + cell.value
            if cost + step < best.get(following, _NO_LIMIT):
                best[following] = cost + step
                came[following] = (node, other)
                heapq.heappush(queue, (cost + step, following))
    if goal not in came:
        return []
    path, node = [], goal
    while node != start:
        node, other = came[node]
        path.append(other)
    return [other for other in path if arcs[other].cell.shown]


def _protect(arcs: list[_Arc]) -> None:
    for arc in arcs:
        if arc.cell.value in SMALL:
            arc.cell.hidden = PRIMARY
    while True:
        pinned = next((i for i, arc in enumerate(arcs) if arc.cell.hidden and _pinned(arcs, i)), None)
        if pinned is None:
            return
        to_hide = _cheapest_cycle(arcs, pinned)
        if not to_hide:
            # The cycle exists but the bounds stop the flow on it: hide every neighbour, then everything.
            ends = {arcs[pinned].tail, arcs[pinned].head}
            to_hide = [
                i for i, arc in enumerate(arcs) if arc.cell.shown and arc.cell.value and ends & {arc.tail, arc.head}
            ]
        if not to_hide:
            to_hide = [i for i, arc in enumerate(arcs) if arc.cell.shown and arc.cell.value]
        if not to_hide:
            # Nothing left to hide and still a value gives itself away (four ones adding up to a total
            # of 4): nothing of the table is shown, not even its zeros.
            for arc in arcs:
                arc.cell.hidden = WITHHELD
            return
        for i in to_hide:
            arcs[i].cell.hidden = SECONDARY


def suppress_table(values: Sequence[Sequence[int]]) -> SuppressedTable:
    """A table of counts (rows × columns, at least one of each) with its margins, suppressed."""
    cells = [[Cell(int(value)) for value in row] for row in values]
    width = len(cells[0]) if cells else 0
    rows = [Cell(sum(cell.value for cell in row)) for row in cells]
    columns = [Cell(sum(row[j].value for row in cells)) for j in range(width)]
    total = Cell(sum(cell.value for cell in rows))
    _protect(_network(cells, rows, columns, total))
    return SuppressedTable(cells=cells, row_totals=rows, column_totals=columns, total=total)


def suppress_list(values: Sequence[int]) -> tuple[list[Cell], Cell]:
    """A list of counts (one per row) with its total, suppressed: the same network with two nodes."""
    cells = [Cell(int(value)) for value in values]
    total = Cell(sum(cell.value for cell in cells))
    arcs = [_Arc("a", "b", cell) for cell in cells] + [_Arc("b", "a", total)]
    _protect(arcs)
    return cells, total
