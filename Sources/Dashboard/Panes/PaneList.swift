/// A top pane's rows as the reducer keeps them (namespaces, workloads or policies): every row in
/// display order with its search text, the rows the pane's `/` filter keeps, the selected row and
/// the first line in view. Built when the cluster (or the filter) changes, never per frame: a
/// frame reads only the rows it draws, so 10,000 rows cost what 20 do.
struct PaneList<Row: PaneRow>: Sendable {
    private(set) var rows: [Row] = []
    private var haystacks: [[UInt8]] = []
    private(set) var filter = TextFilter()
    /// Indices into `rows` of the rows the filter keeps, in order (every row when unfiltered).
    private(set) var shown: [Int] = []
    /// Where each shown row's lines start, when some row takes more than one line (nil: row i
    /// is line i).
    private var lineStarts: [Int]?
    /// The selected row, as an index into `shown`.
    private(set) var selected = 0
    /// The first line the pane shows (lines, not rows: a row may take more than one). The reducer
    /// keeps the selection in view with it (`Reducer.revealSelection`); the view clamps it to
    /// its own rows.
    var scroll = 0

    init() {}

    init(_ rows: [Row]) {
        replace(rows)
    }

    /// How many rows the filter keeps, and how many there are.
    var count: Int { shown.count }
    var total: Int { rows.count }
    var position: (selected: Int, shown: Int, total: Int) { (selected, count, total) }
    var isEmpty: Bool { shown.isEmpty }

    /// Shown row `i` (0 the first the filter keeps).
    subscript(i: Int) -> Row { rows[shown[i]] }

    var selectedRow: Row? { shown.isEmpty ? nil : rows[shown[min(selected, shown.count - 1)]] }

    /// New rows (the cluster changed): the filter is applied to them, and the selection keeps
    /// its place, as far as there are rows.
    mutating func replace(_ rows: [Row]) {
        self.rows = rows
        haystacks = rows.map { TextFilter.searchable($0.searchText) }
        applyFilter()
        select(selected)
    }

    /// Row `index` of every row set to `row` (`replacing` it) or inserted there, or removed when
    /// `row` is nil: an edit of a few rows in place. `refresh` then filters again.
    mutating func set(_ row: Row?, at index: Int, replacing: Bool) {
        switch (row, replacing) {
        case (let row?, true):
            rows[index] = row
            haystacks[index] = TextFilter.searchable(row.searchText)
        case (let row?, false):
            rows.insert(row, at: index)
            haystacks.insert(TextFilter.searchable(row.searchText), at: index)
        case (nil, true):
            rows.remove(at: index)
            haystacks.remove(at: index)
        case (nil, false):
            break
        }
    }

    /// After `set`: the filter applied again (the search texts are kept), the selection kept in
    /// place as far as there are rows.
    mutating func refresh() {
        applyFilter()
        select(selected)
    }

    /// Selects shown row `i`, within the rows there are.
    mutating func select(_ i: Int) {
        selected = max(0, min(i, shown.count - 1))
    }

    /// Filters as typed: the selected row stays selected while the filter keeps it (so Esc,
    /// clearing the filter, leaves the selection on what was found); else the first match is.
    mutating func setFilter(_ text: String) {
        let before = shown.isEmpty ? nil : shown[min(selected, shown.count - 1)]
        filter = TextFilter(text)
        applyFilter()
        selected = before.flatMap { row in firstShown(atOrAfter: row).flatMap { shown[$0] == row ? $0 : nil } } ?? 0
        scroll = 0
    }

    /// The lines the shown rows take.
    var lineCount: Int { lineStarts.map { $0.last ?? 0 } ?? shown.count }

    /// The first line of shown row `i`.
    func line(ofRow i: Int) -> Int { lineStarts?[i] ?? i }

    /// The shown row that line `line` belongs to (binary search), or nil past the last.
    func row(atLine line: Int) -> Int? {
        guard let starts = lineStarts else { return line >= 0 && line < shown.count ? line : nil }
        guard line >= 0, line < (starts.last ?? 0) else { return nil }
        var low = 0, high = shown.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= line { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private mutating func applyFilter() {
        shown =
            filter.isEmpty ? Array(rows.indices) : rows.indices.filter { filter.matches(haystacks[$0]) }
        // Offsets only where a row takes more than one line; one more entry: the end.
        guard shown.contains(where: { rows[$0].lineCount != 1 }) else {
            lineStarts = nil
            return
        }
        var starts: [Int] = []
        starts.reserveCapacity(shown.count + 1)
        var line = 0
        for i in shown {
            starts.append(line)
            line += rows[i].lineCount
        }
        starts.append(line)
        lineStarts = starts
    }

    /// The index in `shown` of the first shown row at or after `row` (binary search: `shown`
    /// ascends).
    private func firstShown(atOrAfter row: Int) -> Int? {
        var low = 0, high = shown.count
        while low < high {
            let mid = (low + high) / 2
            if shown[mid] < row { low = mid + 1 } else { high = mid }
        }
        return low < shown.count ? low : nil
    }
}
