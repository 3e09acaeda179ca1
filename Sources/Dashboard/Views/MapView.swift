import Foundation
import MeshModel
import PolicyEngine
import TerminalText
import TerminalUI

/// The service map (`m`): source workloads as boxes on the left, service ports as boxes on the
/// right, and one line per connection between them, labelled with the policy's verdict now
/// (glyph and word, never colour alone) and the probes sent along it (`✔ 1,002 ✘ 1`), which a
/// load updates as it runs. A connection is drawn when the policy allows it or a probe took it,
/// and always the one `Enter` probes. Each service has its own column of line, so lines to one
/// service merge and lines to others cross (`┼`) but never run together. What does not fit
/// in height is left out, with a marker; `↑↓` select a connection and `e` explains it.
enum MapView {
    struct Edge: Equatable {
        var key: EdgeKey
        var source: ObjectKey
        var destination: ReachabilityMatrix.Destination
        var allowed: Bool
        var counts: EdgeCounts
    }

    /// Beyond this many boxes the map shows the selected namespace and its neighbours only.
    static let nodeLimit = 20

    /// The connections drawn: all of them up to `nodeLimit` boxes, else those into or out of the
    /// selected namespace (`scope` names it).
    static func edges(_ state: AppState) -> [Edge] { scoped(state).edges }

    static func scoped(_ state: AppState) -> (edges: [Edge], scope: String?) {
        let all = allEdges(state)
        let nodes = Set(all.map(\.key.from)).count + Set(all.map(\.key.to)).count
        guard nodes > nodeLimit, let ns = state.currentNamespace else { return (all, nil) }
        return (all.filter { $0.source.namespace == ns || $0.destination.service.namespace == ns }, ns)
    }

    /// Every connection, grouped by source, in the matrix's order.
    static func allEdges(_ state: AppState) -> [Edge] {
        let matrix = state.policy.matrix(sourceLimit: 200, destinationLimit: 200)
        var edges: [Edge] = []
        for (r, source) in matrix.sources.enumerated() {
            for (c, destination) in matrix.destinations.enumerated() {
                let key = EdgeKey(from: source.description, to: destination.label)
                let counts = state.edges[key]
                let allowed = matrix.verdict(row: r, column: c).allowed
                let probed = key.from == state.probeFrom && key.to == state.probeTo
                guard allowed || counts != nil || probed else { continue }
                edges.append(
                    Edge(key: key, source: source, destination: destination, allowed: allowed, counts: counts ?? EdgeCounts()))
            }
        }
        return edges
    }

    /// `1,002`: counters a presenter reads out.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func label(_ edge: Edge, glyphs g: Glyphs) -> String {
        "\(edge.allowed ? g.check : g.cross) \(edge.allowed ? "ALLOWED" : "DENIED")  "
            + "\(g.check) \(grouped(edge.counts.allowed)) \(g.cross) \(grouped(edge.counts.denied))"
    }

    static func draw(_ state: AppState, into canvas: inout Canvas, in rect: Rect, context: RenderContext) {
        let t = context.text(state)
        let g = context.glyphs
        canvas.box(
            x: rect.x, y: rect.y, width: rect.width, height: rect.height,
            title: t.serviceMap(state.cluster.isPermissive) + (scoped(state).scope.map { " · " + t.mapScope($0) } ?? ""),
            style: Style(.focusBorder, bold: true), titleStyle: Style(.title, bold: true, reverse: true), ascii: context.ascii,
            heavy: true)
        let inner = rect.inner
        canvas.put(
            t.mapLegend(g.check, g.cross), x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2,
            cut: g.ellipsis)
        let all = edges(state)
        guard !all.isEmpty else {
            canvas.put(
                t.mapEmpty, x: inner.x + 1, y: inner.y + 1, style: Style(.muted), maxWidth: inner.width - 2, cut: g.ellipsis)
            return
        }
        // Under the map, the stats of every connection (as `linkerd viz stat` prints them), as
        // many rows as a third of the pane allows; above them the map.
        let stats = statsLines(all, now: state.now, width: inner.width - 2, ascii: context.ascii)
        let statsRows = inner.height >= 12 ? min(stats.count, max(2, (inner.height - 3) / 3)) : 0
        for (i, line) in stats.prefix(statsRows).enumerated() {
            canvas.put(
                line, x: inner.x + 1, y: inner.maxY - 1 - statsRows + i,
                style: Style(i == 0 ? .tableHeader : .body, bold: i == 0),
                maxWidth: inner.width - 2, cut: g.ellipsis)
        }
        // Rows: a box per source with a row per connection out of it, a box per service with a
        // row per connection into it, a blank row between boxes; what does not fit is left out.
        let room = inner.height - 3 - (statsRows > 0 ? statsRows + 1 : 0)
        var shown: [Edge] = []
        func height(_ edges: [Edge]) -> Int {
            let sources = Dictionary(grouping: edges, by: \.key.from)
            let services = Dictionary(grouping: edges, by: \.key.to)
            let left = sources.values.reduce(0) { $0 + $1.count + 3 } - 1
            let right = services.values.reduce(0) { $0 + $1.count + 3 } - 1
            return max(left, right)
        }
        for edge in all where height(shown + [edge]) <= room { shown.append(edge) }
        let selected = min(state.matrixRow, all.count - 1)
        if !shown.contains(all[selected]), let i = shown.indices.last { shown[i] = all[selected] }
        let sources = ordered(shown.map(\.key.from))
        let services = ordered(shown.map(\.key.to))
        // Columns: the source boxes, the labels, a column of line per service, the service boxes.
        let sourceWidth = (sources.map { TextWidth.of($0) }.max() ?? 0) + 4
        let serviceWidth = (services.map { TextWidth.of($0) }.max() ?? 0) + 4
        let labelWidth = (shown.map { TextWidth.of(label($0, glyphs: g)) }.max() ?? 0) + 2
        let left = inner.x + 1
        // Services at the right edge, but no further than the labels need: a 200-column line
        // from a box to its service is hard to follow.
        let snug = left + sourceWidth + 1 + labelWidth + 4 + services.count
        let serviceX = max(left + sourceWidth + 4 + services.count, min(inner.maxX - 1 - serviceWidth, snug))
        let busX = serviceX - 2 - services.count
        var lines = LineGrid()
        // The boxes, top to bottom, and the row each connection leaves or enters by.
        var outRow: [EdgeKey: Int] = [:]
        var inRow: [EdgeKey: Int] = [:]
        var y = inner.y + 1
        for source in sources {
            let out = shown.filter { $0.key.from == source }
            canvas.box(
                x: left, y: y, width: sourceWidth, height: out.count + 2, title: nil, style: Style(.border),
                titleStyle: Style(.title), ascii: context.ascii)
            canvas.put(source, x: left + 2, y: y + 1, style: Style(.body, bold: true), maxWidth: sourceWidth - 3, cut: g.ellipsis)
            for (k, edge) in out.enumerated() { outRow[edge.key] = y + 1 + k }
            y += out.count + 3
        }
        y = inner.y + 1
        for service in services {
            let into = shown.filter { $0.key.to == service }
            canvas.box(
                x: serviceX, y: y, width: serviceWidth, height: into.count + 2, title: nil, style: Style(.border),
                titleStyle: Style(.title), ascii: context.ascii)
            canvas.put(
                service, x: serviceX + 2, y: y + 1, style: Style(.body, bold: true), maxWidth: serviceWidth - 3, cut: g.ellipsis)
            for (k, edge) in into.enumerated() { inRow[edge.key] = y + 1 + k }
            y += into.count + 3
        }
        // The lines: out of the source box, along to the service's column, down or up to its row,
        // into the service box.
        for edge in shown {
            guard let from = outRow[edge.key], let to = inRow[edge.key],
                let column = services.firstIndex(of: edge.key.to)
            else { continue }
            let x = busX + column
            lines.horizontal(y: from, from: left + sourceWidth, to: x)
            lines.vertical(x: x, from: from, to: to)
            lines.horizontal(y: to, from: x, to: serviceX - 1)
        }
        lines.draw(into: &canvas, style: Style(.border), ascii: context.ascii)
        for edge in shown {
            guard let to = inRow[edge.key] else { continue }
            canvas.put(context.ascii ? ">" : "▶", x: serviceX - 1, y: to, style: Style(.border, bold: true))
        }
        // The labels last, over their lines, the selected one in reverse video.
        for edge in shown {
            guard let from = outRow[edge.key] else { continue }
            let text = " \(label(edge, glyphs: g)) "
            let here = edge == all[selected]
            canvas.put(
                text, x: left + sourceWidth + 1, y: from,
                style: Style(edge.allowed ? .success : .failure, bold: true, reverse: here),
                maxWidth: max(1, min(labelWidth, busX - left - sourceWidth - 2)), cut: g.ellipsis)
        }
        if shown.count < all.count {
            canvas.put(
                t.more(0, all.count - shown.count), x: inner.maxX - 2 - TextWidth.of(t.more(0, all.count - shown.count)),
                y: inner.y + room, style: Style(.title, bold: true))
        }
    }

    /// The stats table: a header, then a row per connection; rates and latencies over the last
    /// 10 s (a load's latency is its ticks' medians, so its P99 is not a per-probe tail).
    static func statsLines(_ edges: [Edge], now: Date, width: Int, ascii: Bool) -> [String] {
        func rate(_ r: Double) -> String {
            let tenths = Int((r * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
        func ms(_ q: Double, _ e: Edge) -> String { e.counts.latency(q, at: now).map(LogView.milliseconds) ?? "-" }
        let rows = edges.map { e in
            [
                e.key.from, e.key.to, grouped(e.counts.allowed), grouped(e.counts.denied), rate(e.counts.rate(at: now)),
                ms(0.5, e), ms(0.99, e),
            ]
        }
        return FittedTable(
            headers: ["FROM", "TO", "ALLOWED", "DENIED", "PROBES/S (10 s)", "P50", "P99"], rows: rows,
            priorities: [9, 9, 8, 8, 7, 6, 5]
        ).lines(width: width, ascii: ascii)
    }

    /// First appearances, in order.
    private static func ordered(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

/// Lines drawn cell by cell as the directions each cell connects to, then turned into box
/// drawing (`─ │ ┐ └ ┼ ├`): where two lines meet or cross, the glyph shows both.
struct LineGrid {
    struct Sides: OptionSet, Hashable {
        let rawValue: UInt8
        static let up = Sides(rawValue: 1)
        static let down = Sides(rawValue: 2)
        static let left = Sides(rawValue: 4)
        static let right = Sides(rawValue: 8)
    }
    private(set) var cells: [Point: Sides] = [:]
    struct Point: Hashable {
        var x: Int
        var y: Int
    }

    mutating func horizontal(y: Int, from x0: Int, to x1: Int) {
        let (a, b) = (min(x0, x1), max(x0, x1))
        guard b > a else { return }
        for x in a...b {
            var sides: Sides = []
            if x > a { sides.insert(.left) }
            if x < b { sides.insert(.right) }
            cells[Point(x: x, y: y), default: []].formUnion(sides)
        }
    }

    mutating func vertical(x: Int, from y0: Int, to y1: Int) {
        let (a, b) = (min(y0, y1), max(y0, y1))
        guard b > a else { return }
        for y in a...b {
            var sides: Sides = []
            if y > a { sides.insert(.up) }
            if y < b { sides.insert(.down) }
            cells[Point(x: x, y: y), default: []].formUnion(sides)
        }
    }

    static func glyph(_ s: Sides, ascii: Bool) -> Character {
        if ascii {
            if s == [.left, .right] || s == [.left] || s == [.right] { return "-" }
            if s == [.up, .down] || s == [.up] || s == [.down] { return "|" }
            return "+"
        }
        switch s {
        case [.left, .right], [.left], [.right]: return "─"
        case [.up, .down], [.up], [.down]: return "│"
        case [.left, .down]: return "┐"
        case [.left, .up]: return "┘"
        case [.right, .down]: return "┌"
        case [.right, .up]: return "└"
        case [.up, .down, .right]: return "├"
        case [.up, .down, .left]: return "┤"
        case [.left, .right, .down]: return "┬"
        case [.left, .right, .up]: return "┴"
        default: return "┼"
        }
    }

    func draw(into canvas: inout Canvas, style: Style, ascii: Bool) {
        for (point, sides) in cells where point.x >= 0 && point.x < canvas.width && point.y >= 0 && point.y < canvas.height {
            canvas.put(String(Self.glyph(sides, ascii: ascii)), x: point.x, y: point.y, style: style)
        }
    }
}
