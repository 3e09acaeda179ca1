import Foundation

/// A colour as k9s skins write it, turned into a curses colour number: `default` (-1), a name
/// (`red`, `darkgray`, `lightskyblue`…, the basic and bright ones), a number 0–255, or
/// `#rrggbb` (the nearest of the 256-colour palette).
package enum ThemeColor {
    static let names: [String: Int16] = [
        "default": -1, "": -1, "black": 0, "maroon": 1, "red": 9, "green": 2, "olive": 3, "yellow": 11, "navy": 4,
        "blue": 12, "purple": 5, "magenta": 13, "fuchsia": 13, "teal": 6, "cyan": 14, "aqua": 14, "silver": 7,
        "white": 15, "gray": 8, "grey": 8, "darkgray": 8, "darkgrey": 8, "lightgray": 7, "lightgrey": 7,
        "darkred": 1, "darkgreen": 2, "darkyellow": 3, "darkblue": 4, "darkmagenta": 5, "darkcyan": 6,
        "lightred": 9, "lightgreen": 10, "lightyellow": 11, "lightblue": 12, "lightmagenta": 13, "lightcyan": 14,
        "orange": 208, "darkorange": 166, "dodgerblue": 33, "skyblue": 117, "lightskyblue": 153, "royalblue": 63,
        "steelblue": 67, "pink": 218, "hotpink": 205, "gold": 220, "khaki": 186, "springgreen": 48, "lime": 10,
        "orangered": 202, "tomato": 203, "violet": 177, "slategray": 102, "dimgray": 242, "cadetblue": 73,
        "papayawhip": 230, "seagreen": 29, "mediumpurple": 141, "indianred": 167, "chartreuse": 118, "greenyellow": 154,
    ]

    /// The colour number, or nil when the text is not a colour.
    static func parse(_ text: String) -> Int16? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let named = names[t] { return named }
        if let n = Int16(t), (-1...255).contains(n) { return n }
        guard t.hasPrefix("#"), t.count == 7, let rgb = Int(t.dropFirst(), radix: 16) else { return nil }
        return nearest256(r: (rgb >> 16) & 0xFF, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF)
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
