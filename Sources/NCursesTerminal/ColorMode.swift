import TerminalUI

/// How many colours the terminal has, and how a theme's colours are brought within them.
/// Themes are written for 256 colours; an 8-colour console must still show something
/// sensible rather than whatever an out-of-range number happens to do.
package enum ColorMode: Sendable, Equatable {
    /// No colour (NO_COLOR, or a terminal without it): attributes only.
    case none
    case eight, sixteen, twoFiftySix

    var count: Int16 {
        switch self {
        case .none: 0
        case .eight: 8
        case .sixteen: 16
        case .twoFiftySix: 256
        }
    }

    /// The pair to hand to `init_pair`. `defaultColors` says whether `use_default_colors()`
    /// worked, that is whether -1 (the terminal's own colour) may be used.
    func clamp(_ pair: Palette.Pair, defaultColors: Bool) -> (foreground: Int16, background: Int16) {
        let foreground = clamp(pair.foreground, foreground: true, defaultColors: defaultColors)
        let background = clamp(pair.background, foreground: false, defaultColors: defaultColors)
        // Two different colours that land on the same one would hide the text.
        if foreground == background, foreground >= 0, pair.foreground != pair.background {
            return (defaultColors ? -1 : (background == 7 ? 0 : 7), background)
        }
        return (foreground, background)
    }

    private func clamp(_ color: Int16, foreground: Bool, defaultColors: Bool) -> Int16 {
        // Without use_default_colors, curses' own defaults: white on black.
        let terminalDefault: Int16 = defaultColors ? -1 : (foreground ? 7 : 0)
        guard color >= 0, color <= 255 else { return terminalDefault }
        if color < count { return color }
        // Beyond the basic sixteen: the closest of them. Going to the eight directly would
        // turn a mid grey into yellow, which is nearer to it in RGB than white or black.
        let basic = color < 16 ? color : Self.nearestBasic(to: color)
        if basic < count { return basic }
        // Eight colours: a bright colour becomes its basic one. Bright black's is black,
        // invisible on a dark background (and the terminal's background is unknown), so it
        // becomes the terminal's own foreground instead.
        if basic == 8, foreground { return terminalDefault }
        return basic - 8
    }

    /// The basic colour (0–15) closest to `color` in xterm's default RGB palette.
    static func nearestBasic(to color: Int16) -> Int16 {
        let target = rgb(Int(color))
        func distance(_ c: Int16) -> Int {
            let rgb = rgb(Int(c))
            let (dr, dg, db) = (rgb.0 - target.0, rgb.1 - target.1, rgb.2 - target.2)
            return dr * dr + dg * dg + db * db
        }
        return (0..<16).min { distance($0) < distance($1) } ?? 0
    }

    /// xterm's default colours: 16 basic ones, the 6×6×6 cube, then 24 greys.
    private static func rgb(_ color: Int) -> (Int, Int, Int) {
        let basic = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch color {
        case ..<16:
            return basic[color]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let i = color - 16
            return (levels[i / 36], levels[i / 6 % 6], levels[i % 6])
        default:
            let grey = 8 + 10 * (color - 232)
            return (grey, grey, grey)
        }
    }
}
