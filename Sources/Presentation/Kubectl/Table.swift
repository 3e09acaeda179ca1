import Foundation

/// kubectl's plain table: upper-case headers, columns padded to the widest cell plus three spaces.
public struct Table: Sendable {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public func render() -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n")
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
