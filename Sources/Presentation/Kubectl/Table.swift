import Foundation
import TerminalText

/// kubectl's plain table: upper-case headers, columns padded to the widest cell plus a gap (three
/// spaces, as kubectl's printer; the dashboard's narrow panes use two). Widths are terminal
/// columns (`TextWidth`): a Chinese or emoji cell takes two per character. The one table renderer
/// of the CLI and the dashboard.
package struct Table: Sendable {
    package var headers: [String]
    package var rows: [[String]] = []

    package init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    package func render(gap: Int = 3) -> String { lines(gap: gap).joined(separator: "\n") }

    /// The header line, then one line per row; the last column is not padded.
    package func lines(gap: Int = 3) -> [String] {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) }
        }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 || i >= widths.count ? TextWidth.safe(cell) : TextWidth.pad(cell, to: widths[i] + gap)
            }.joined()
        }
    }
}

/// kubectl's `HumanDuration`: 97s, 5m12s, 3h, 2d4h, 400d, 3y20d.
func humanDuration(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    let minutes = s / 60, hours = s / 3600, days = s / 86_400, years = days / 365
    if s < 120 { return "\(s)s" }
    if minutes < 10 { return s % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(s % 60)s" }
    if minutes < 180 { return "\(minutes)m" }
    if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 192 { return hours % 24 == 0 ? "\(days)d" : "\(days)d\(hours % 24)h" }
    if days < 730 { return "\(days)d" }
    if years < 8 { return days % 365 == 0 ? "\(years)y" : "\(years)y\(days % 365)d" }
    return "\(years)y"
}
