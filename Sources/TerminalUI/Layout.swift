/// A rectangle of cells on a canvas: where a view draws.
package struct Rect: Sendable, Hashable, CustomStringConvertible {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The whole of a canvas of this size.
    package init(width: Int, height: Int) { self.init(x: 0, y: 0, width: width, height: height) }

    package var isEmpty: Bool { width == 0 || height == 0 }
    package var maxX: Int { x + width }
    package var maxY: Int { y + height }

    /// The inside of a box drawn on this rectangle: one cell in from each side.
    package var inner: Rect { inset(by: 1) }

    package func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }

    package var description: String { "\(width)x\(height)+\(x)+\(y)" }
}

/// How much of a split one part takes (ratatui's `Constraint`, the part this tool needs).
package enum Constraint: Sendable, Hashable {
    /// Exactly `n` cells (less if there is not room for it).
    case length(Int)
    /// `n` percent of the whole.
    case percentage(Int)
    /// At least `n` cells; shares what is left over with the other `fill`s.
    case min(Int)
    /// An equal share, by weight, of what the fixed parts leave.
    case fill(Int = 1)
    /// Sized to content: at least `min` cells, growing towards `natural` (what the content needs
    /// whole) as room allows, in equal shares (a part that needs little gets it whole first). Room
    /// left once every part has its natural size goes to the `fill`s, or, without any, to these in
    /// proportion to it.
    case content(min: Int, natural: Int)
}

/// The direction a rectangle is cut in.
package enum Direction: Sendable, Hashable {
    /// Side by side, left to right.
    case horizontal
    /// One above the other, top to bottom.
    case vertical
}

extension Rect {
    /// Cuts the rectangle into consecutive parts, one per constraint, that tile it exactly when
    /// there is room: fixed parts (`length`, `percentage`, `min`) first, in order, then `fill`s and
    /// `min`s share the rest by weight. When the fixed parts do not fit, the last ones shrink.
    package func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? width : height
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n): return Swift.max(0, n)
            case .percentage(let p): return total * Swift.max(0, Swift.min(100, p)) / 100
            case .min(let n): return Swift.max(0, n)
            case .fill: return 0
            case .content(let n, _): return Swift.max(0, n)
            }
        }
        // Too little room: shrink from the last part back.
        var over = sizes.reduce(0, +) - total
        for i in sizes.indices.reversed() where over > 0 {
            let cut = Swift.min(sizes[i], over)
            sizes[i] -= cut
            over -= cut
        }
        // Content parts grow towards their natural size first.
        let lacking = constraints.enumerated().map { i, constraint -> Int in
            if case .content(_, let natural) = constraint { return Swift.max(0, natural - sizes[i]) }
            return 0
        }
        Self.waterFill(total - sizes.reduce(0, +), lacking: lacking, into: &sizes)
        // Room to spare: the fills (and mins) share it by weight, the first ones get the rounding.
        var weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): return Swift.max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        if weights.allSatisfy({ $0 == 0 }) {
            weights = constraints.map { constraint -> Int in
                if case .content(_, let natural) = constraint { return Swift.max(1, natural) }
                return 0
            }
        }
        Self.share(total - sizes.reduce(0, +), by: weights, into: &sizes)
        var parts: [Rect] = []
        var offset = 0
        for size in sizes {
            switch direction {
            case .horizontal: parts.append(Rect(x: x + offset, y: y, width: size, height: height))
            case .vertical: parts.append(Rect(x: x, y: y + offset, width: width, height: size))
            }
            offset += size
        }
        return parts
    }

    /// Gives `spare` cells in equal shares to the parts that lack some, none more than it lacks,
    /// until the cells or the lack run out (the first parts get the rounding).
    private static func waterFill(_ spare: Int, lacking: [Int], into sizes: inout [Int]) {
        var spare = spare
        var lacking = lacking
        while spare > 0 {
            let open = lacking.indices.filter { lacking[$0] > 0 }
            guard !open.isEmpty else { return }
            let share = Swift.max(1, spare / open.count)
            for i in open where spare > 0 {
                let part = Swift.min(share, lacking[i], spare)
                sizes[i] += part
                lacking[i] -= part
                spare -= part
            }
        }
    }

    /// Gives `spare` cells to the parts by weight, the first ones getting the rounding.
    private static func share(_ spare: Int, by weights: [Int], into sizes: inout [Int]) {
        let weightSum = weights.reduce(0, +)
        guard spare > 0, weightSum > 0 else { return }
        var given = 0
        for i in sizes.indices where weights[i] > 0 {
            let part = spare * weights[i] / weightSum
            sizes[i] += part
            given += part
        }
        for i in sizes.indices where weights[i] > 0 && given < spare {
            sizes[i] += 1
            given += 1
        }
    }
}
