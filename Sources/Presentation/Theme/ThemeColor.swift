import Foundation

/// A colour as k9s skins write it, turned into a curses colour number: `default` (or `-`, or
/// nothing: -1, the terminal's own), a W3C colour name (`ThemeColorNames`), a number 0–255, or
/// `#rrggbb`. Names other than the basic sixteen, and `#rrggbb`, become the nearest of the
/// 256-colour palette; ColorMode brings that within what the terminal has.
package enum ThemeColor {
    /// What k9s takes for the terminal's colour: `default`, and `-` (its TransparentColor,
    /// derailed/k9s internal/config/color.go).
    static let terminalDefault: Set<String> = ["default", "-", ""]

    /// The colour number, or nil when the text is not a colour.
    static func parse(_ text: String) -> Int16? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if terminalDefault.contains(t) { return -1 }
        if let basic = ThemeColorNames.basic[t] { return basic }
        if let rgb = ThemeColorNames.rgb[t] { return nearest256(rgb) }
        if let n = Int16(t), (-1...255).contains(n) { return n }
        guard t.hasPrefix("#"), t.count == 7, let rgb = Int(t.dropFirst(), radix: 16) else { return nil }
        return nearest256(rgb)
    }

    static func nearest256(_ rgb: Int) -> Int16 {
        nearest256(r: (rgb >> 16) & 0xFF, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF)
    }

    /// The nearest entry of xterm's 6x6x6 colour cube (16–231) or grey ramp (232–255).
    static func nearest256(r: Int, g: Int, b: Int) -> Int16 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: Int) -> Int { levels.indices.min { abs(levels[$0] - v) < abs(levels[$1] - v) }! }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = sq(levels[ri] - r) + sq(levels[gi] - g) + sq(levels[bi] - b)
        let grey = max(0, min(23, ((r + g + b) / 3 - 8 + 5) / 10))
        let greyValue = 8 + grey * 10
        let greyDistance = sq(greyValue - r) + sq(greyValue - g) + sq(greyValue - b)
        return Int16(greyDistance < cubeDistance ? 232 + grey : cube)
    }

    private static func sq(_ v: Int) -> Int { v * v }
}
