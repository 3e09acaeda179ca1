import Presentation

/// kubectl's `--no-headers`: the rows alone, their columns as wide as the rows need (kubectl
/// sizes them without the header too).
enum TableText {
    static func withoutHeaders(_ table: Table) -> String {
        guard let first = table.rows.first else { return "" }
        return Table(headers: first, rows: Array(table.rows.dropFirst())).render()
    }
}
