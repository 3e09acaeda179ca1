/// A rectangle of cells on a canvas: where a view draws.
package struct Rect: Sendable, Hashable, CustomStringConvertible {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The whole of a canvas of this size.
    init(width: Int, height: Int) { self.init(x: 0, y: 0, width: width, height: height) }

    var isEmpty: Bool { width == 0 || height == 0 }
    var maxX: Int { x + width }
    var maxY: Int { y + height }

    /// The inside of a box drawn on this rectangle: one cell in from each side.
    var inner: Rect { inset(by: 1) }

    func inset(by n: Int) -> Rect {
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
    func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? width : height
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n): return Swift.max(0, n)
            case .percentage(let p): return total * Swift.max(0, Swift.min(100, p)) / 100
            case .min(let n): return Swift.max(0, n)
            case .fill: return 0
            }
        }
        // Too little room: shrink from the last part back.
        var over = sizes.reduce(0, +) - total
        for i in sizes.indices.reversed() where over > 0 {
            let cut = Swift.min(sizes[i], over)
            sizes[i] -= cut
            over -= cut
        }
        // Room to spare: the fills (and mins) share it by weight, the first ones get the rounding.
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): return Swift.max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        let spare = total - sizes.reduce(0, +)
        let weightSum = weights.reduce(0, +)
        if spare > 0, weightSum > 0 {
            var given = 0
            for i in sizes.indices where weights[i] > 0 {
                let share = spare * weights[i] / weightSum
                sizes[i] += share
                given += share
            }
            for i in sizes.indices where weights[i] > 0 && given < spare {
                sizes[i] += 1
                given += 1
            }
        }
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
}
