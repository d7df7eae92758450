"""Small numbers never reveal people: for random tables, no hidden value can be worked out from what
is published.

The check here is independent of the suppression's own search: for each hidden value v it asks a
max-flow feasibility question (Hoffman's circulation theorem) whether another whole table fits
everything published with that cell at v - 1 or v + 1. The published relations form a network
matrix, so the values that fit a cell form an interval of whole numbers: if neither neighbour of v
fits, v is the only value that fits, and it is disclosed.
"""

from collections import defaultdict, deque

from hypothesis import given, settings
from hypothesis import strategies as st

from tunet.insights.suppression import PRIMARY, SECONDARY, WITHHELD, suppress_list, suppress_table

BIG = 10**6


def _max_flow(capacity, source, sink):
    flow = 0
    while True:
        parent = {source: None}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for following, left in capacity[node].items():
                if left > 0 and following not in parent:
                    parent[following] = node
                    queue.append(following)
        if sink not in parent:
            return flow
        path, node = [], sink
        while parent[node] is not None:
            path.append((parent[node], node))
            node = parent[node]
        pushed = min(capacity[a][b] for a, b in path)
        for a, b in path:
            capacity[a][b] -= pushed
            capacity[b][a] += pushed
        flow += pushed


def _fits(arcs):
    """Whether a circulation exists with each arc (tail, head, low, high) within its bounds."""
    capacity = defaultdict(lambda: defaultdict(int))
    excess = defaultdict(int)
    for tail, head, low, high in arcs:
        if low > high:
            return False
        capacity[tail][head] += high - low
        capacity[head][tail] += 0
        excess[head] += low
        excess[tail] -= low
    need = 0
    for node, amount in list(excess.items()):
        if amount > 0:
            capacity["S*"][node] += amount
            need += amount
        elif amount < 0:
            capacity[node]["T*"] += -amount
    return _max_flow(capacity, "S*", "T*") == need


def _bounds(cell):
    """What a reader knows of a cell from the page."""
    if cell.hidden == PRIMARY:
        return 1, 4
    if cell.hidden == SECONDARY:
        return 5, BIG
    if cell.hidden == WITHHELD:
        return 0, BIG
    return cell.value, cell.value


def _recoverable(arcs):
    """The hidden cells whose value is the only one that fits what is published."""
    found = []
    for index, (_tail, _head, cell) in enumerate(arcs):
        if cell.hidden:
            alternatives = []
            for other in (cell.value - 1, cell.value + 1):
                bounds = [
                    (t, h, other, other) if i == index else (t, h, *_bounds(c)) for i, (t, h, c) in enumerate(arcs)
                ]
                alternatives.append(_fits(bounds))
            if not any(alternatives):
                found.append(cell)
    return found


def _table_arcs(table):
    arcs = [(f"r{i}", f"c{j}", cell) for i, row in enumerate(table.cells) for j, cell in enumerate(row)]
    arcs += [("s", f"r{i}", cell) for i, cell in enumerate(table.row_totals)]
    arcs += [(f"c{j}", "t", cell) for j, cell in enumerate(table.column_totals)]
    return [*arcs, ("t", "s", table.total)]


# Small counts on purpose: most tables then have several cells from 1 to 4 and need secondary hiding.
counts = st.integers(min_value=0, max_value=12) | st.integers(min_value=0, max_value=4)


@st.composite
def tables(draw):
    rows = draw(st.integers(min_value=1, max_value=5))
    columns = draw(st.integers(min_value=1, max_value=5))
    return [draw(st.lists(counts, min_size=columns, max_size=columns)) for _ in range(rows)]


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_value_in_a_table_can_be_worked_out(values):
    table = suppress_table(values)
    assert _recoverable(_table_arcs(table)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8))
def test_no_hidden_value_in_a_list_can_be_worked_out(values):
    cells, total = suppress_list(values)
    arcs = [("a", "b", cell) for cell in cells] + [("b", "a", total)]
    assert _recoverable(arcs) == []


@settings(max_examples=200, deadline=None)
@given(tables())
def test_every_small_count_is_hidden_and_nothing_else_is_changed(values):
    table = suppress_table(values)
    cells = [cell for row in table.cells for cell in row] + table.row_totals + table.column_totals + [table.total]
    if not table.withheld:
        assert all(cell.hidden == PRIMARY for cell in cells if 1 <= cell.value <= 4)
        assert all(cell.hidden != PRIMARY for cell in cells if not 1 <= cell.value <= 4)
    else:
        assert all(cell.hidden == WITHHELD for cell in cells)
    assert [[cell.value for cell in row] for row in table.cells] == [list(row) for row in values]


def test_a_lone_small_count_takes_a_neighbour_with_it():
    # 3 in a row with 10: the row total 13 would give it away, so the 10 is hidden too.
    table = suppress_table([[3, 10], [7, 8]])
    assert table.cells[0][0].hidden == PRIMARY
    hidden = [cell.value for row in table.cells for cell in row if cell.hidden == SECONDARY]
    assert hidden, "a second count in the row or column must be hidden"


def test_a_table_of_large_counts_is_shown_whole():
    table = suppress_table([[12, 10], [7, 8]])
    assert not any(cell.hidden for row in table.cells for cell in row)
    assert table.total.value == 37
    assert table.total.shown


def test_two_ones_in_a_row_are_not_enough_when_their_sum_gives_them_away():
    # Both «færre enn 5» and the row says they add up to 2: each must be 1 unless more is hidden.
    table = suppress_table([[1, 1, 10]])
    assert _recoverable(_table_arcs(table)) == []


def test_four_ones_that_add_up_to_four_are_withheld_as_a_whole():
    table = suppress_table([[1, 1], [1, 1]])
    assert table.withheld
